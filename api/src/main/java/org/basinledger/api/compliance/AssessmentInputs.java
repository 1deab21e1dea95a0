package org.basinledger.api.compliance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.Pollutant;

/**
 * Everything an assessment used, so anyone can recompute it: the section, the rule with its parameters and
 * version, the period's bounds and length, the reports used, the count, exact sum and mean of each pollutant's
 * samples taken in the period, and the flows and their mean (exceedance rules). Means are shown rounded where
 * they do not terminate; the exact ones are the sums over the counts.
 *
 * <p>Assessments record their samples by reference: {@code reports} names each report used with the id of the
 * event that stored it (its leaf in the integrity log), whose samples taken in the period are exactly the ones
 * counted in {@code means}; {@code samples} is empty. Assessments recorded before that (no {@code reports}, no
 * {@code sum}) list every sample used in {@code samples} instead.
 */
public record AssessmentInputs(MonitoringSection section, CompensationRule rule, String ruleVersion,
                               Instant periodStart, Instant periodEnd, long secondsInPeriod,
                               List<String> reportIds, List<SampleUsed> samples, List<PollutantMean> means,
                               List<BigDecimal> flows, BigDecimal meanFlow, List<ReportUsed> reports) {

    /** A sample and the report it came from (assessments recorded before samples were referenced by report). */
    public record SampleUsed(String reportId, Instant takenAt, Pollutant pollutant, BigDecimal value) {
    }

    /**
     * The arithmetic mean of a pollutant's samples in the period, as shown: at most 34 significant digits
     * (HALF_UP), exact whenever it fits. The assessment computed with the exact mean, {@code sum} over
     * {@code samples} (the sum is null in assessments that listed their samples: it is theirs).
     */
    public record PollutantMean(Pollutant pollutant, int samples, BigDecimal mean, BigDecimal sum) {
    }

    /**
     * A report whose samples taken in the period the assessment used: the report id and the id of the event
     * that stored it, by which the integrity log finds its leaf.
     */
    public record ReportUsed(String reportId, String eventId) {
    }
}
