package org.basinledger.api.emission;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.basinledger.api.common.Money;

/**
 * The surrender deadline of {@code year} (end of {@code surrenderBy}, basin time) passed: every holder with verified
 * emissions of that year is {@code COMPLIANT} or {@code DEFICIT}; a deficit owes the authority
 * {@code missing × penaltyPerTonne} by the transfer {@code penaltyTransferId}, and the missing tonnes stay owed.
 */
public record SurrenderDeadlinePassedEvent(String schemeId, int year, LocalDate surrenderBy, String authority,
                                           List<YearResult> results) implements EmissionEvent {

    public record YearResult(String holder, BigDecimal verified, BigDecimal surrendered, ComplianceStatus status,
                             BigDecimal missing, Money penalty, String penaltyTransferId) {
    }
}
