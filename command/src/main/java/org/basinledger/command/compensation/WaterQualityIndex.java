package org.basinledger.command.compensation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRule.Band;
import org.basinledger.api.agreement.CompensationRule.BandPayer;
import org.basinledger.api.agreement.CompensationRule.Indicator;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.Pollutant;

/**
 * The {@code WATER_QUALITY_INDEX} rule (the Xin'an model, DOMAIN.md):
 * {@code P = k × Σ weight_i × (C_i / C0_i)}, computed exactly as a fraction of the decimal inputs (each mean
 * {@code C_i} the exact fraction sum / count) and rounded once, to 4 decimals HALF_UP. {@code P ≤ 1}: the
 * standard is met and the section's downstream party pays the upstream party {@code amountIfMet};
 * {@code P > 1}: the upstream party pays the downstream party {@code amountIfNotMet}. A rule with {@code bands}
 * instead decides the payment by the first band whose {@code upTo} the rounded P does not exceed (the last band,
 * without {@code upTo}, takes the rest); a band of amount zero owes nothing. Met still means {@code P ≤ 1}.
 */
public final class WaterQualityIndex {

    /** Version 2: P exact until its one rounding (version 1 divided to 34 digits on the way). */
    public static final String VERSION = "WATER_QUALITY_INDEX/2";
    public static final int INDEX_SCALE = 4;

    private WaterQualityIndex() {
    }

    /** The index and who pays whom; without bands a payment is always owed, with bands null when a band owes 0. */
    public record Outcome(BigDecimal index, boolean met, Payment payment) {
    }

    /** P exactly, for the given exact means (mg/L) of the indicators' pollutants; every indicator needs a mean. */
    public static Fraction exactIndex(BigDecimal stabilityCoefficient, List<Indicator> indicators,
                                      Map<Pollutant, Fraction> means) {
        Fraction sum = Fraction.ZERO;
        for (Indicator indicator : indicators) {
            Fraction mean = means.get(indicator.pollutant());
            if (mean == null) {
                throw new IllegalArgumentException("no mean for " + indicator.pollutant());
            }
            Fraction ratio = mean.dividedBy(Fraction.of(indicator.baseline()));
            sum = sum.plus(Fraction.of(indicator.weight()).times(ratio));
        }
        return Fraction.of(stabilityCoefficient).times(sum);
    }

    /** P rounded once, to 4 decimals HALF_UP. */
    public static BigDecimal index(BigDecimal stabilityCoefficient, List<Indicator> indicators,
                                   Map<Pollutant, Fraction> means) {
        return exactIndex(stabilityCoefficient, indicators, means).round(INDEX_SCALE);
    }

    public static Outcome assess(CompensationRule rule, MonitoringSection section, Map<Pollutant, Fraction> means) {
        BigDecimal index = index(rule.stabilityCoefficient(), rule.indicators(), means);
        boolean met = index.compareTo(BigDecimal.ONE) <= 0;
        if (rule.bands() != null) {
            return new Outcome(index, met, bandPayment(rule.bands(), index, section));
        }
        Payment payment = met
                ? new Payment(section.downstream(), section.upstream(), rule.amountIfMet())
                : new Payment(section.upstream(), section.downstream(), rule.amountIfNotMet());
        return new Outcome(index, met, payment);
    }

    /** The first band the index falls in (the last band when no other does) decides who pays whom how much. */
    public static Band band(List<Band> bands, BigDecimal index) {
        for (Band band : bands) {
            if (band.upTo() == null || index.compareTo(band.upTo()) <= 0) {
                return band;
            }
        }
        throw new IllegalArgumentException("the last band must take every index: it has no upTo");
    }

    private static Payment bandPayment(List<Band> bands, BigDecimal index, MonitoringSection section) {
        Band band = band(bands, index);
        if (!band.amount().greaterThanZero()) {
            return null;
        }
        return band.payer() == BandPayer.UPSTREAM
                ? new Payment(section.upstream(), section.downstream(), band.amount())
                : new Payment(section.downstream(), section.upstream(), band.amount());
    }
}
