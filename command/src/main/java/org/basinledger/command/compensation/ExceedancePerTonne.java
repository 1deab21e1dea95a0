package org.basinledger.command.compensation;

import java.math.BigDecimal;
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
 * its target, {@code excessTonnes = (C − target) × Q × seconds / 1,000,000} (mg/L = g/m³, Q in m³/s) and
 * {@code amount += excessTonnes × ratePerTonne}; the section's upstream party pays the downstream party. Money is
 * rounded to 2 decimals HALF_UP only at the end: each pollutant's amount is shown rounded, the total is the
 * rounded unrounded sum (so it may differ by a cent from the sum of the shown amounts).
 */
public final class ExceedancePerTonne {

    public static final String VERSION = "EXCEEDANCE_PER_TONNE/1";
    private static final int GRAMS_PER_TONNE_EXPONENT = 6;

    private ExceedancePerTonne() {
    }

    /**
     * Each pollutant of the rule in its order, whether every one was at or under its target, and the payment
     * (null when the total rounds to nothing).
     */
    public record Outcome(List<PollutantExcess> pollutants, boolean met, Payment payment) {
    }

    /** Tonnes above target over the period; 0 when the mean is at or under it. Exact. */
    public static BigDecimal excessTonnes(BigDecimal mean, BigDecimal target, BigDecimal meanFlow, long seconds) {
        BigDecimal over = mean.subtract(target);
        if (over.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return Decimals.plain(over.multiply(meanFlow).multiply(BigDecimal.valueOf(seconds))
                .movePointLeft(GRAMS_PER_TONNE_EXPONENT));
    }

    public static Outcome assess(CompensationRule rule, MonitoringSection section, Map<Pollutant, BigDecimal> means,
                                 BigDecimal meanFlow, long secondsInPeriod) {
        String currency = rule.pollutants().get(0).ratePerTonne().currency();
        List<PollutantExcess> excesses = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        boolean met = true;
        for (PollutantRate rate : rule.pollutants()) {
            BigDecimal mean = means.get(rate.pollutant());
            if (mean == null) {
                throw new IllegalArgumentException("no mean for " + rate.pollutant());
            }
            BigDecimal tonnes = excessTonnes(mean, rate.target(), meanFlow, secondsInPeriod);
            BigDecimal amount = tonnes.multiply(rate.ratePerTonne().amount());
            met &= tonnes.signum() == 0;
            total = total.add(amount);
            excesses.add(new PollutantExcess(rate.pollutant(), mean, rate.target(), tonnes, Money.of(amount, currency)));
        }
        Money owed = Money.of(total, currency);
        Payment payment = owed.greaterThanZero() ? new Payment(section.upstream(), section.downstream(), owed) : null;
        return new Outcome(List.copyOf(excesses), met, payment);
    }
}
