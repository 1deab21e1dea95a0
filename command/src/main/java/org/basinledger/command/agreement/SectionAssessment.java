package org.basinledger.command.agreement;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.ReportingPeriod;
import org.basinledger.api.compliance.AssessmentInputs;
import org.basinledger.api.compliance.AssessmentInputs.PollutantMean;
import org.basinledger.api.compliance.AssessmentInputs.ReportUsed;
import org.basinledger.api.compliance.AssessmentResult;
import org.basinledger.api.compliance.WaterClass;
import org.basinledger.command.agreement.ComplianceRecord.ReportSummary;
import org.basinledger.command.agreement.ComplianceRecord.Totals;
import org.basinledger.command.compensation.Decimals;
import org.basinledger.command.compensation.ExceedancePerTonne;
import org.basinledger.command.compensation.Fraction;
import org.basinledger.command.compensation.Payment;
import org.basinledger.command.compensation.WaterClassifier;
import org.basinledger.command.compensation.WaterQualityIndex;

/**
 * Assesses one section for one period by one assessable rule: totals the samples of the section taken in the
 * period (count and exact sum of each pollutant, from the summaries of the reports it is given), the mean of each
 * pollutant and, for exceedance rules, the flows of the reports whose period lies inside the assessment period;
 * then applies the rule's formula and the water class. The inputs it records name the reports used by the events
 * that stored them, never their samples. Refuses (409) when a pollutant the rule needs has no sample, or an
 * exceedance rule has no flow.
 */
final class SectionAssessment {

    private SectionAssessment() {
    }

    record Outcome(AssessmentInputs inputs, AssessmentResult result) {
    }

    /**
     * Assesses the period over its part in force, {@code from} (inclusive) to {@code until} (exclusive): the whole
     * period, or less when the agreement's dates or its termination cut it. The reports' samples all lie in that
     * part (a report's samples are refused outside the effective dates and after the end); load-based rules count
     * its seconds, and the inputs record its bounds.
     */
    static Outcome assess(MonitoringSection section, CompensationRule rule, ReportingPeriod period, Instant from,
                          Instant until, List<ReportSummary> reports) {
        long seconds = Duration.between(from, until).toSeconds();
        List<ReportUsed> used = new ArrayList<>();
        Map<Pollutant, Totals> totals = new EnumMap<>(Pollutant.class);
        for (ReportSummary report : reports) {
            Map<Pollutant, Totals> inPeriod = report.totalsIn(period);
            if (!inPeriod.isEmpty()) {
                used.add(new ReportUsed(report.reportId(), report.eventId()));
                inPeriod.forEach((pollutant, t) -> totals.merge(pollutant, t, Totals::plus));
            }
        }
        // Computed with exactly; recorded as shown (the exact mean is the recorded sum over the count).
        Map<Pollutant, Fraction> means = new EnumMap<>(Pollutant.class);
        List<PollutantMean> meanList = new ArrayList<>();
        totals.forEach((pollutant, t) -> {
            Fraction mean = Fraction.of(t.sum()).dividedBy(Fraction.of(t.count()));
            means.put(pollutant, mean);
            meanList.add(new PollutantMean(pollutant, t.count(), mean.toDecimal(Decimals.SHOWN_DIGITS), t.sum()));
        });
        for (Pollutant needed : neededPollutants(rule)) {
            if (!means.containsKey(needed)) {
                throw new InvalidStateException("no " + needed + " sample was taken at " + section.id() + " in "
                        + period + ": the " + rule.rule() + " rule needs one");
            }
        }
        WaterClass waterClass = WaterClassifier.classify(section.kind(), means).orElse(null);
        return switch (rule.rule()) {
            case WATER_QUALITY_INDEX -> {
                WaterQualityIndex.Outcome outcome = WaterQualityIndex.assess(rule, section, means);
                AssessmentInputs inputs = inputs(section, rule, WaterQualityIndex.VERSION, from, until, seconds, used,
                        meanList,
                        List.of(), null);
                yield new Outcome(inputs, result(outcome.met(), outcome.index(), null, waterClass, outcome.payment()));
            }
            case EXCEEDANCE_PER_TONNE -> {
                List<BigDecimal> flows = flowsInside(period, reports);
                if (flows.isEmpty()) {
                    throw new InvalidStateException("no flow was reported at " + section.id() + " for a period inside "
                            + period + ": the exceedance rule needs the flow");
                }
                Fraction meanFlow = Fraction.mean(flows);
                ExceedancePerTonne.Outcome outcome = ExceedancePerTonne.assess(rule, section, means, meanFlow,
                        seconds);
                AssessmentInputs inputs = inputs(section, rule, ExceedancePerTonne.VERSION, from, until, seconds, used,
                        meanList,
                        flows, meanFlow.toDecimal(Decimals.SHOWN_DIGITS));
                yield new Outcome(inputs, result(outcome.met(), null, outcome.pollutants(), waterClass,
                        outcome.payment()));
            }
            case FIXED_CONTRIBUTION -> throw new IllegalArgumentException("a fixed contribution is not assessed");
        };
    }

    private static List<Pollutant> neededPollutants(CompensationRule rule) {
        return switch (rule.rule()) {
            case WATER_QUALITY_INDEX -> rule.indicators().stream().map(CompensationRule.Indicator::pollutant).toList();
            case EXCEEDANCE_PER_TONNE -> rule.pollutants().stream().map(CompensationRule.PollutantRate::pollutant).toList();
            case FIXED_CONTRIBUTION -> List.of();
        };
    }

    /** The flows of the reports whose own period lies inside the assessment period, oldest report first. */
    static List<BigDecimal> flowsInside(ReportingPeriod period, List<ReportSummary> reports) {
        return reports.stream()
                .filter(r -> r.flowCubicMetresPerSecond() != null)
                .filter(r -> r.liesInside(period))
                .map(ReportSummary::flowCubicMetresPerSecond)
                .toList();
    }

    private static AssessmentInputs inputs(MonitoringSection section, CompensationRule rule, String version,
                                           Instant from, Instant until, long seconds, List<ReportUsed> used,
                                           List<PollutantMean> means, List<BigDecimal> flows, BigDecimal meanFlow) {
        return new AssessmentInputs(section, rule, version, from, until, seconds,
                used.stream().map(ReportUsed::reportId).toList(), List.of(), List.copyOf(means), List.copyOf(flows),
                meanFlow, List.copyOf(used));
    }

    private static AssessmentResult result(boolean met, BigDecimal index, List<AssessmentResult.PollutantExcess> pollutants,
                                           WaterClass waterClass, Payment payment) {
        // ExceedanceBound keeps every report accepted since it exists within this; only older reports can pass it.
        if (payment != null && payment.amount().amount().compareTo(AgreementDraftRules.MAX_AMOUNT) > 0) {
            throw new InvalidStateException("the assessment would owe " + payment.amount().amount().toPlainString()
                    + " " + payment.amount().currency() + ", above the " + AgreementDraftRules.MAX_AMOUNT.toPlainString()
                    + " a transfer may carry: reports of the period are out of bounds and must be disputed");
        }
        return payment == null
                ? new AssessmentResult(met, index, pollutants, waterClass, null, null, null)
                : new AssessmentResult(met, index, pollutants, waterClass, payment.payer(), payment.payee(),
                        payment.amount());
    }
}
