package org.basinledger.api.compliance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.Pollutant;

/**
 * Everything an assessment used, so anyone can recompute it from the event alone: the section, the rule with
 * its parameters and version, the period's bounds and length, every sample used (with its report), the mean
 * of each pollutant, and the flows and their mean (exceedance rules). Means are shown rounded where they do not
 * terminate; the exact ones follow from the samples and flows recorded here (sum over count).
 */
public record AssessmentInputs(MonitoringSection section, CompensationRule rule, String ruleVersion,
                               Instant periodStart, Instant periodEnd, long secondsInPeriod,
                               List<String> reportIds, List<SampleUsed> samples, List<PollutantMean> means,
                               List<BigDecimal> flows, BigDecimal meanFlow) {

    /** A sample and the report it came from. */
    public record SampleUsed(String reportId, Instant takenAt, Pollutant pollutant, BigDecimal value) {
    }

    /**
     * The arithmetic mean of a pollutant's samples in the period, as shown: at most 34 significant digits
     * (HALF_UP), exact whenever it fits. The assessment computed with the exact mean, the sum of the pollutant's
     * {@code samples} values over their number {@code samples}.
     */
    public record PollutantMean(Pollutant pollutant, int samples, BigDecimal mean) {
    }
}
