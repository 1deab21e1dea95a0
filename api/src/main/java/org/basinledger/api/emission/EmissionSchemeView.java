package org.basinledger.api.emission;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.Money;

/**
 * A scheme as the public reads it: its terms, per vintage what was issued, is held and was retired (issued = held +
 * retired), and its accounts with what each holds. {@code version}: the scheme's aggregate version.
 */
public record EmissionSchemeView(String id, String name, Pollutant pollutant, String authority, Money pricePerTonne,
                                 String surrenderBy, Money penaltyPerTonne, long version, Instant createdAt,
                                 List<VintageTotals> vintages, List<AccountSummary> accounts) {

    public record VintageTotals(int vintage, BigDecimal issued, BigDecimal held, BigDecimal retired) {
    }

    public record AccountSummary(String holder, EmissionAccountStatus status, BigDecimal held) {
    }
}
