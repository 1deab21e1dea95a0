package org.basinledger.command.agreement;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.basinledger.api.agreement.AssessmentPeriod;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.ReportingPeriod;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.MonitoringReportSubmittedEvent;
import org.basinledger.api.compliance.Sample;

/**
 * What an agreement remembers of its monitoring, assessments and fixed contributions, to decide the commands
 * that follow: a summary of each report (never its samples: per month of its samples and per pollutant their
 * count, exact sum and highest value, with its flow and the id of the event that stored it), the reports of each
 * section and month, the reports left out of assessment (under dispute, or rejected by a ruling for good), the
 * assessments made with the transfer each created, the periods they cover (an annulled assessment frees its
 * period for a new one), and the contributions that fell due. A report costs the same to add and an assessment
 * the same to make in the agreement's tenth year as in its first: both read only the months they concern.
 * Serializable with Jackson (it is part of the agreement's snapshot).
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
final class ComplianceRecord {

    /** A new monitoring report, with its samples, as the agreement checks it before storing it. */
    record StoredReport(String reportId, String sectionId, ReportingPeriod period, List<Sample> samples,
                        BigDecimal flowCubicMetresPerSecond) {
    }

    /** A pollutant's samples in one month of one report, or summed over reports: count, exact sum, highest value. */
    record Totals(int count, BigDecimal sum, BigDecimal max) {

        static Totals of(BigDecimal value) {
            return new Totals(1, value, value);
        }

        Totals plus(Totals other) {
            return new Totals(count + other.count, sum.add(other.sum), max.max(other.max));
        }
    }

    /**
     * A stored report as the agreement keeps it: {@code months} maps each month of its samples (written
     * {@code 2025-03}) to the totals of each pollutant sampled in it; {@code ordinal} is its place among the
     * agreement's reports (oldest first).
     */
    record ReportSummary(String reportId, String eventId, long ordinal, String sectionId, String period,
                         BigDecimal flowCubicMetresPerSecond, Map<String, Map<Pollutant, Totals>> months) {

        ReportingPeriod reportingPeriod() {
            return ReportingPeriod.parse(period, "period");
        }

        /** This report's totals per pollutant over its samples taken in {@code period}. */
        Map<Pollutant, Totals> totalsIn(ReportingPeriod assessed) {
            Map<Pollutant, Totals> totals = new EnumMap<>(Pollutant.class);
            months.forEach((month, byPollutant) -> {
                if (assessed.contains(ReportingPeriod.parse(month, "month").start())) {
                    byPollutant.forEach((pollutant, t) -> totals.merge(pollutant, t, Totals::plus));
                }
            });
            return totals;
        }

        /** Whether the report's own period lies inside {@code assessed} (its flow counts there). */
        boolean liesInside(ReportingPeriod assessed) {
            ReportingPeriod own = reportingPeriod();
            return !own.start().isBefore(assessed.start()) && !own.end().isAfter(assessed.end());
        }
    }

    private record AssessedPeriod(String sectionId, CompensationRuleType rule, String period) {
    }

    /** An assessment as recorded: the period it covers and the transfer it created (null when nothing was owed). */
    private record StoredAssessment(String assessmentId, AssessedPeriod period, String transferId) {
    }

    private final Map<String, ReportSummary> reports = new HashMap<>();
    /** Section id and month ({@link #monthKey}) → the reports with samples in that month, oldest first. */
    private final Map<String, List<String>> reportsByMonth = new HashMap<>();
    /**
     * Reports left out of assessment: a report under dispute stays out until its ruling (DOMAIN.md), a rejected
     * one for good.
     */
    private final Set<String> excludedFromAssessment = new HashSet<>();
    private final Set<String> rejectedReports = new HashSet<>();
    private final Map<String, StoredAssessment> assessments = new HashMap<>();
    private final Set<String> annulledAssessments = new HashSet<>();
    /** The periods covered by an assessment that stands (not annulled). */
    private final Set<AssessedPeriod> assessedPeriods = new HashSet<>();
    private final Set<FixedContributionDue> contributionsFallenDue = new HashSet<>();

    /** Records a stored report; {@code eventId} is the id of the event that stored it. */
    void record(MonitoringReportSubmittedEvent event, String eventId) {
        Map<String, Map<Pollutant, Totals>> months = new LinkedHashMap<>();
        for (Sample sample : event.samples()) {
            months.computeIfAbsent(monthOf(sample), m -> new EnumMap<>(Pollutant.class))
                    .merge(sample.pollutant(), Totals.of(sample.value()), Totals::plus);
        }
        ReportSummary summary = new ReportSummary(event.reportId(), eventId, reports.size(), event.sectionId(),
                event.period(), event.flowCubicMetresPerSecond(), months);
        reports.put(event.reportId(), summary);
        for (String month : months.keySet()) {
            reportsByMonth.computeIfAbsent(monthKey(event.sectionId(), month), k -> new ArrayList<>())
                    .add(event.reportId());
        }
    }

    void record(AssessmentRecordedEvent event) {
        AssessedPeriod period = new AssessedPeriod(event.sectionId(), event.rule(), event.period());
        assessments.put(event.assessmentId(), new StoredAssessment(event.assessmentId(), period, event.transferId()));
        assessedPeriods.add(period);
    }

    /** A disputed report: out of assessments until the ruling. */
    void exclude(String reportId) {
        excludedFromAssessment.add(reportId);
    }

    /** A report released by the end of its dispute: it counts again. */
    void include(String reportId) {
        excludedFromAssessment.remove(reportId);
    }

    /** A report rejected by a ruling: on record, out of assessments for good. */
    void reject(String reportId) {
        rejectedReports.add(reportId);
        excludedFromAssessment.add(reportId);
    }

    /** An assessment annulled by a ruling: its period may be assessed again. */
    void annul(String assessmentId) {
        StoredAssessment assessment = assessments.get(assessmentId);
        if (assessment != null && annulledAssessments.add(assessmentId)) {
            assessedPeriods.remove(assessment.period());
        }
    }

    void recordFallenDue(FixedContributionDue due) {
        contributionsFallenDue.add(due);
    }

    /** The report as recorded; null when unknown. */
    ReportSummary report(String reportId) {
        return reports.get(reportId);
    }

    boolean hasReport(String reportId) {
        return reports.containsKey(reportId);
    }

    boolean hasAssessment(String assessmentId) {
        return assessments.containsKey(assessmentId);
    }

    boolean isRejected(String reportId) {
        return rejectedReports.contains(reportId);
    }

    boolean isAnnulled(String assessmentId) {
        return annulledAssessments.contains(assessmentId);
    }

    /** The transfer the assessment created; null when it owed nothing or is unknown. */
    String transferOf(String assessmentId) {
        StoredAssessment assessment = assessments.get(assessmentId);
        return assessment == null ? null : assessment.transferId();
    }

    boolean isAssessed(String sectionId, CompensationRuleType rule, ReportingPeriod period) {
        return assessedPeriods.contains(new AssessedPeriod(sectionId, rule, period.toString()));
    }

    boolean hasFallenDue(FixedContributionDue due) {
        return contributionsFallenDue.contains(due);
    }

    /**
     * The section's reports with samples in the month that count or may count again (all but those a ruling
     * rejected), oldest first.
     */
    List<ReportSummary> reportsThatMayCount(String sectionId, ReportingPeriod month) {
        return reportsIn(sectionId, month).stream().filter(r -> !rejectedReports.contains(r.reportId())).toList();
    }

    /** The section's reports with samples in the period that an assessment may use (none left out), oldest first. */
    List<ReportSummary> reportsForAssessment(String sectionId, ReportingPeriod period) {
        return reportsIn(sectionId, period).stream()
                .filter(r -> !excludedFromAssessment.contains(r.reportId()))
                .toList();
    }

    /** The section's reports with samples in the months of the period, oldest first. */
    private List<ReportSummary> reportsIn(String sectionId, ReportingPeriod period) {
        Set<String> ids = new HashSet<>();
        for (ReportingPeriod month : monthsOf(period)) {
            ids.addAll(reportsByMonth.getOrDefault(monthKey(sectionId, month.toString()), List.of()));
        }
        return ids.stream().map(reports::get).sorted(Comparator.comparingLong(ReportSummary::ordinal)).toList();
    }

    private static List<ReportingPeriod> monthsOf(ReportingPeriod period) {
        if (period.kind() == AssessmentPeriod.MONTH) {
            return List.of(period);
        }
        List<ReportingPeriod> months = new ArrayList<>(12);
        for (int month = 1; month <= 12; month++) {
            months.add(new ReportingPeriod(AssessmentPeriod.MONTH, period.year(), month));
        }
        return months;
    }

    /** The month (basin civil time) the sample was taken in, written {@code 2025-03}. */
    static String monthOf(Sample sample) {
        LocalDate day = sample.takenAt().atZone(LedgerCalendar.ZONE).toLocalDate();
        return new ReportingPeriod(AssessmentPeriod.MONTH, day.getYear(), day.getMonthValue()).toString();
    }

    private static String monthKey(String sectionId, String month) {
        return month + " " + sectionId;
    }
}
