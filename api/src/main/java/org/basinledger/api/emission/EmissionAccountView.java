package org.basinledger.api.emission;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.Money;

/**
 * One holder's account in a scheme: holdings per vintage, every movement ({@code transactions}, oldest first) and
 * per year its verified emissions against what it surrendered ({@code compliance}). {@code version}: the scheme's.
 */
public record EmissionAccountView(String schemeId, String holder, EmissionAccountStatus status, Instant openedAt,
                                  long version, List<Holding> holdings, List<Transaction> transactions,
                                  List<ComplianceYear> compliance) {

    public record Holding(int vintage, BigDecimal quantity) {
    }

    /** {@code kind}: ISSUED, BOUGHT, SOLD or SURRENDERED; {@code year}: the year a surrender is for. */
    public record Transaction(long sequence, Instant at, String kind, int vintage, BigDecimal quantity,
                              String counterparty, String tradeId, Integer year) {
    }

    /**
     * {@code verified} null until recorded; {@code status} PENDING until the year's deadline; a {@code DEFICIT} owes
     * {@code penalty} (transfer {@code penaltyTransferId}) for {@code missing} tonnes, and {@code stillOwed} tonnes
     * are still to be surrendered. {@code evidence}: the documents the verified figure rests on (empty until recorded).
     */
    public record ComplianceYear(int year, BigDecimal verified, BigDecimal surrendered, ComplianceStatus status,
                                 BigDecimal missing, Money penalty, String penaltyTransferId, BigDecimal stillOwed,
                                 Instant surrenderDeadline, List<Evidence> evidence) {
    }
}
