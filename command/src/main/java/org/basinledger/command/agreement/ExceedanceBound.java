package org.basinledger.command.agreement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.basinledger.api.agreement.AssessmentPeriod;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.ReportingPeriod;
import org.basinledger.api.compliance.Sample;
import org.basinledger.command.agreement.ComplianceRecord.ReportSummary;
import org.basinledger.command.agreement.ComplianceRecord.StoredReport;
import org.basinledger.command.compensation.ExceedancePerTonne;
import org.basinledger.command.compensation.Fraction;

/**
 * Keeps every amount an exceedance assessment can compute within what a transfer may carry
 * ({@link AgreementDraftRules#MAX_AMOUNT}, 10^13), by refusing the monitoring report that would let it go over.
 *
 * <p>Why at the report: a rule alone cannot be bounded usefully. Samples go up to 10,000 mg/L and flows up to
 * 1,000,000 m³/s, so one tonne-rate of 15,000 yuan over a 31-day month could owe
 * 10,000 × 1,000,000 × 2,678,400 / 10^6 × 15,000 ≈ 4 × 10^17 yuan; a bound on rates that kept that under 10^13
 * would forbid every real rate.
 *
 * <p>Why this bound holds for every assessment: an assessment of a month uses a subset of the section's reports
 * (disputed and rejected ones are left out), the mean of each pollutant's samples in the month and the mean of
 * the flows of the reports inside the month. A mean is never above the highest of its values, and the amount
 * grows with every mean and with the flow ({@link ExceedancePerTonne#exactAmount}). So the amount computed from
 * the highest sample of each pollutant in the month and the highest flow, over all reports that can ever count
 * again (every report but those a ruling rejected for good), bounds every amount any assessment of that month can
 * owe. That bound is checked, exactly, each time a report is added, from the highest value each report keeps per
 * month and pollutant (never its samples); it only grows with reports, so what was accepted stays within it. The terms of an agreement in force never change, and the amount rounded to cents
 * is at most the exact amount rounded, so it is at most 10^13 too.
 */
final class ExceedanceBound {

    private ExceedanceBound() {
    }

    /**
     * Throws an {@link InvalidInputException} naming the new report's highest samples and flow when, with it,
     * an exceedance assessment of a month it touches could owe more than 10^13.
     *
     * @param report  the new report, as it would be stored
     * @param counted the section's other reports with samples in a month that count or may count again (not
     *                rejected)
     */
    static void check(StoredReport report, Function<ReportingPeriod, List<ReportSummary>> counted,
                      List<CompensationRule> rules) {
        List<CompensationRule> exceedance = rules.stream()
                .filter(r -> r.rule() == CompensationRuleType.EXCEEDANCE_PER_TONNE)
                .filter(r -> report.sectionId().equals(r.sectionId()))
                .toList();
        if (exceedance.isEmpty()) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        for (CompensationRule rule : exceedance) {
            for (ReportingPeriod period : periodsTouched(report, rule.period())) {
                checkMonth(report, counted.apply(period), rule, period, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static void checkMonth(StoredReport report, List<ReportSummary> others, CompensationRule rule,
                                   ReportingPeriod month, List<FieldError> errors) {
        boolean flowCounts = report.flowCubicMetresPerSecond() != null && liesInside(report.period(), month);
        BigDecimal highestFlow = Stream.concat(SectionAssessment.flowsInside(month, others).stream(),
                        flowCounts ? Stream.of(report.flowCubicMetresPerSecond()) : Stream.empty())
                .max(BigDecimal::compareTo).orElse(null);
        if (highestFlow == null) {
            return; // no flow: the month cannot be assessed (409) until a report gives one, and that one is checked
        }
        Map<Pollutant, BigDecimal> highest = new EnumMap<>(Pollutant.class);
        for (ReportSummary stored : others) {
            stored.totalsIn(month).forEach((pollutant, totals) -> highest.merge(pollutant, totals.max(), BigDecimal::max));
        }
        for (Sample sample : report.samples()) {
            if (month.contains(sample.takenAt())) {
                highest.merge(sample.pollutant(), sample.value(), BigDecimal::max);
            }
        }
        Map<Pollutant, Fraction> worst = new EnumMap<>(Pollutant.class);
        highest.forEach((pollutant, value) -> worst.put(pollutant, Fraction.of(value)));
        Fraction amount = ExceedancePerTonne.exactAmount(rule.pollutants(), worst, Fraction.of(highestFlow),
                month.seconds());
        if (amount.compareTo(Fraction.of(AgreementDraftRules.MAX_AMOUNT)) <= 0) {
            return;
        }
        String message = "with this report an assessment of " + report.sectionId() + " for " + month
                + " could owe up to " + amount.round(2).toPlainString() + " " + currency(rule)
                + " (from the highest samples and flow reported for the month), above the "
                + AgreementDraftRules.MAX_AMOUNT.toPlainString() + " a transfer may carry";
        Set<String> fields = new LinkedHashSet<>();
        for (int i = 0; i < report.samples().size(); i++) {
            Sample sample = report.samples().get(i);
            if (month.contains(sample.takenAt()) && sample.value().compareTo(highest.get(sample.pollutant())) == 0
                    && isOverTarget(rule, sample)) {
                fields.add("samples[" + i + "].value");
            }
        }
        if (flowCounts && report.flowCubicMetresPerSecond().compareTo(highestFlow) == 0) {
            fields.add("flowCubicMetresPerSecond");
        }
        if (fields.isEmpty()) {
            // The report raises none of the highest values: the month was over the bound before it (reports
            // accepted before this check existed). It changes nothing; the assessment refuses such a month (409).
            return;
        }
        fields.forEach(field -> errors.add(new FieldError(field, message)));
    }

    private static boolean isOverTarget(CompensationRule rule, Sample sample) {
        return rule.pollutants().stream()
                .anyMatch(p -> p.pollutant() == sample.pollutant() && sample.value().compareTo(p.target()) > 0);
    }

    private static String currency(CompensationRule rule) {
        return rule.pollutants().get(0).ratePerTonne().currency();
    }

    /**
     * The periods of the rule's kind (months or quarters) that hold the report's samples, and the one its own period
     * lies inside (its flow counts there).
     */
    private static Set<ReportingPeriod> periodsTouched(StoredReport report, AssessmentPeriod kind) {
        Set<ReportingPeriod> periods = new LinkedHashSet<>();
        ReportingPeriod own = ReportingPeriod.of(kind, report.period().firstDay());
        if (liesInside(report.period(), own)) {
            periods.add(own);
        }
        for (Sample sample : report.samples()) {
            periods.add(ReportingPeriod.of(kind, LedgerCalendar.dateOf(sample.takenAt())));
        }
        return periods;
    }

    private static boolean liesInside(ReportingPeriod inner, ReportingPeriod outer) {
        return !inner.firstDay().isBefore(outer.firstDay()) && !inner.lastDay().isAfter(outer.lastDay());
    }
}
