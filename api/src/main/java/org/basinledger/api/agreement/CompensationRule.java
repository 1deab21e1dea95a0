package org.basinledger.api.agreement;

import java.math.BigDecimal;
import java.util.List;

import org.basinledger.api.common.Money;

/**
 * One compensation rule of an agreement's terms. A flat record: which fields apply depends on {@code rule}
 * (DOMAIN.md): {@code WATER_QUALITY_INDEX} uses sectionId, period, stabilityCoefficient, indicators,
 * amountIfMet, amountIfNotMet; {@code EXCEEDANCE_PER_TONNE} uses sectionId, period, pollutants;
 * {@code FIXED_CONTRIBUTION} uses payer, payee, period, amount. Unused fields are null.
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
        Money amount) {

    /** A water-quality-index indicator: pollutant, baseline concentration C0 (mg/L) and weight. */
    public record Indicator(Pollutant pollutant, BigDecimal baseline, BigDecimal weight) {
    }

    /** An exceedance-per-tonne pollutant: target concentration (mg/L) and the rate per tonne of excess. */
    public record PollutantRate(Pollutant pollutant, BigDecimal target, Money ratePerTonne) {
    }
}
