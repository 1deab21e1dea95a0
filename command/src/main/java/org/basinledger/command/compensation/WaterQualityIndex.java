package org.basinledger.command.compensation;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRule.Indicator;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.Pollutant;

/**
 * The {@code WATER_QUALITY_INDEX} rule (the Xin'an model, DOMAIN.md):
 * {@code P = k × Σ weight_i × (C_i / C0_i)}, rounded to 4 decimals HALF_UP. {@code P ≤ 1}: the standard is met
 * and the section's downstream party pays the upstream party {@code amountIfMet}; {@code P > 1}: the upstream
 * party pays the downstream party {@code amountIfNotMet}.
 */
public final class WaterQualityIndex {

    public static final String VERSION = "WATER_QUALITY_INDEX/1";

    private WaterQualityIndex() {
    }

    /** The index and who pays whom; a payment is always owed under this rule. */
    public record Outcome(BigDecimal index, boolean met, Payment payment) {
    }

    /** P for the given means (mg/L) of the indicators' pollutants; every indicator needs a mean. */
    public static BigDecimal index(BigDecimal stabilityCoefficient, List<Indicator> indicators,
                                   Map<Pollutant, BigDecimal> means) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Indicator indicator : indicators) {
            BigDecimal mean = means.get(indicator.pollutant());
            if (mean == null) {
                throw new IllegalArgumentException("no mean for " + indicator.pollutant());
            }
            BigDecimal ratio = mean.divide(indicator.baseline(), MathContext.DECIMAL128);
            sum = sum.add(indicator.weight().multiply(ratio));
        }
        return stabilityCoefficient.multiply(sum).setScale(4, RoundingMode.HALF_UP);
    }

    public static Outcome assess(CompensationRule rule, MonitoringSection section, Map<Pollutant, BigDecimal> means) {
        BigDecimal index = index(rule.stabilityCoefficient(), rule.indicators(), means);
        boolean met = index.compareTo(BigDecimal.ONE) <= 0;
        Payment payment = met
                ? new Payment(section.downstream(), section.upstream(), rule.amountIfMet())
                : new Payment(section.upstream(), section.downstream(), rule.amountIfNotMet());
        return new Outcome(index, met, payment);
    }
}
