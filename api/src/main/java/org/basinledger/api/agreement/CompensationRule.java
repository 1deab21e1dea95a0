package org.basinledger.api.agreement;

import java.math.BigDecimal;
import java.util.List;

import org.basinledger.api.common.Money;

/**
 * One compensation rule of an agreement's terms. A flat record: which fields apply depends on {@code rule}
 * (DOMAIN.md): {@code WATER_QUALITY_INDEX} uses sectionId, period, stabilityCoefficient, indicators, and either
 * amountIfMet and amountIfNotMet or {@code bands}; {@code EXCEEDANCE_PER_TONNE} uses sectionId, period, pollutants;
 * {@code FIXED_CONTRIBUTION} uses payer, payee, period, and either amount (every year the same) or
 * {@code schedule} (an amount per year). Unused fields are null, and a null field is left out of the signed
 * document, so terms without schedules or bands keep their hash.
 */
public record CompensationRule(
        CompensationRuleType rule,
        String sectionId,
        AssessmentPeriod period,
        BigDecimal stabilityCoefficient,
        List<Indicator> indicators,
        Money amountIfMet,
        Money amountIfNotMet,
        List<PollutantRate> pollutants,
        String payer,
        String payee,
        Money amount,
        List<ScheduledAmount> schedule,
        List<Band> bands) {

    /** A rule without a schedule or bands. */
    public CompensationRule(CompensationRuleType rule, String sectionId, AssessmentPeriod period,
                            BigDecimal stabilityCoefficient, List<Indicator> indicators, Money amountIfMet,
                            Money amountIfNotMet, List<PollutantRate> pollutants, String payer, String payee,
                            Money amount) {
        this(rule, sectionId, period, stabilityCoefficient, indicators, amountIfMet, amountIfNotMet, pollutants, payer,
                payee, amount, null, null);
    }

    /** A water-quality-index indicator: pollutant, baseline concentration C0 (mg/L) and weight. */
    public record Indicator(Pollutant pollutant, BigDecimal baseline, BigDecimal weight) {
    }

    /** What a fixed contribution pays for the agreement's year {@code period} (written {@code 2025}). */
    public record ScheduledAmount(String period, Money amount) {
    }

    /**
     * A band of the water-quality index: P (rounded as the rule rounds it) at most {@code upTo} (null in the last
     * band, which takes every P the others do not) makes the section's {@code payer} side pay the other side
     * {@code amount} (zero: nobody pays). The first band that matches decides.
     */
    public record Band(BigDecimal upTo, BandPayer payer, Money amount) {
    }

    /** Which side of the section pays under a band. */
    public enum BandPayer {
        UPSTREAM, DOWNSTREAM
    }

    /** An exceedance-per-tonne pollutant: target concentration (mg/L) and the rate per tonne of excess. */
    public record PollutantRate(Pollutant pollutant, BigDecimal target, Money ratePerTonne) {
    }
}
