package org.basinledger.command.compensation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRule.PollutantRate;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.Money;
import org.basinledger.api.compliance.AssessmentResult.PollutantExcess;

/**
 * The {@code EXCEEDANCE_PER_TONNE} rule (the Jiangsu model, DOMAIN.md): for each pollutant whose mean C exceeds
 * its target, {@code excessTonnes = (C − target) × Q × seconds / 1,000,000} (mg/L = g/m³, Q the mean flow in
 * m³/s) and {@code amount += excessTonnes × ratePerTonne}; the section's upstream party pays the downstream
 * party. Everything is computed exactly as fractions of the decimal inputs (C and Q the exact means, sum over
 * count) and rounded once, at the end: each pollutant's amount is its exact amount rounded to 2 decimals
 * HALF_UP, the total is the exact sum rounded the same way (so it may differ by a cent from the sum of the
 * shown amounts). The excess tonnes are shown rounded HALF_UP to {@value #TONNES_SCALE} decimals (a gram);
 * the amounts come from the exact tonnes, not from the shown ones.
 */
public final class ExceedancePerTonne {

    /** Version 2: exact fractions until the one rounding (version 1 took means divided to 34 digits). */
    public static final String VERSION = "EXCEEDANCE_PER_TONNE/2";
    /** Decimals of the excess tonnes as shown: to the gram. */
    public static final int TONNES_SCALE = 6;
    private static final Fraction GRAMS_PER_TONNE = Fraction.of(BigInteger.TEN.pow(6), BigInteger.ONE);

    private ExceedancePerTonne() {
    }

    /**
     * Each pollutant of the rule in its order, whether every one was at or under its target, and the payment
     * (null when the total rounds to nothing).
     */
    public record Outcome(List<PollutantExcess> pollutants, boolean met, Payment payment) {
    }

    /** Tonnes above target over the period, exactly; 0 when the mean is at or under it. */
    public static Fraction excessTonnes(Fraction mean, BigDecimal target, Fraction meanFlow, long seconds) {
        Fraction over = mean.minus(Fraction.of(target));
        if (over.signum() <= 0) {
            return Fraction.ZERO;
        }
        return over.times(meanFlow).times(Fraction.of(seconds)).dividedBy(GRAMS_PER_TONNE);
    }

    /**
     * The exact amount owed for the pollutants that have a mean (the others count 0). Grows with every mean and
     * with the flow, so the highest sample values and the highest flow bound what any subset of them can owe.
     */
    public static Fraction exactAmount(List<PollutantRate> rates, Map<Pollutant, Fraction> means, Fraction meanFlow,
                                       long seconds) {
        Fraction total = Fraction.ZERO;
        for (PollutantRate rate : rates) {
            Fraction mean = means.get(rate.pollutant());
            if (mean != null) {
                total = total.plus(excessTonnes(mean, rate.target(), meanFlow, seconds)
                        .times(Fraction.of(rate.ratePerTonne().amount())));
            }
        }
        return total;
    }

    public static Outcome assess(CompensationRule rule, MonitoringSection section, Map<Pollutant, Fraction> means,
                                 Fraction meanFlow, long secondsInPeriod) {
        String currency = rule.pollutants().get(0).ratePerTonne().currency();
        List<PollutantExcess> excesses = new ArrayList<>();
        Fraction total = Fraction.ZERO;
        boolean met = true;
        for (PollutantRate rate : rule.pollutants()) {
            Fraction mean = means.get(rate.pollutant());
            if (mean == null) {
                throw new IllegalArgumentException("no mean for " + rate.pollutant());
            }
            Fraction tonnes = excessTonnes(mean, rate.target(), meanFlow, secondsInPeriod);
            Fraction amount = tonnes.times(Fraction.of(rate.ratePerTonne().amount()));
            met &= tonnes.signum() == 0;
            total = total.plus(amount);
            excesses.add(new PollutantExcess(rate.pollutant(), mean.toDecimal(Decimals.SHOWN_DIGITS), rate.target(),
                    Decimals.plain(tonnes.round(TONNES_SCALE)), Money.of(amount.round(2), currency)));
        }
        Money owed = Money.of(total.round(2), currency);
        Payment payment = owed.greaterThanZero() ? new Payment(section.upstream(), section.downstream(), owed) : null;
        return new Outcome(List.copyOf(excesses), met, payment);
    }
}
