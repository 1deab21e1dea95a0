package org.basinledger.command.agreement;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
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
 * that follow: a summary of each report an assessment may still need (never its samples: per month of its samples
 * and per pollutant their count, exact sum and highest value, with its flow and the id and sequence number of the
 * event that stored it), the reports of each section and month, the reports left out of assessment (under dispute,
 * or rejected by a ruling for good), the assessments made with the transfer each created, the periods they cover
 * (an annulled assessment frees its period for a new one), and the contributions that fell due.
 *
 * <p>Bounded: once no assessment can need a report any more (every period covering a month of its samples is
 * assessed, or can never be: see {@link MonthNeed}), its summary is dropped and only its place in the agreement's
 * stream is kept ({@link #archive}: report id and the sequence number of its event, and per section and month the
 * sequence numbers of its reports). A command that needs an archived report after all (a late report in an
 * assessed month, the new assessment of a period an annulment freed, a disputed report) reads it back from the
 * stream ({@link Archive}, over {@link StoredReports}). So the state holds summaries of the open periods only, and a
 * report costs the same to add and an assessment the same to make in the agreement's tenth year as in its first:
 * both read only the months they concern. Serializable with Jackson (it is part of the agreement's snapshot).
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
     * {@code 2025-03}) to the totals of each pollutant sampled in it; {@code sequenceNumber} is the place of its
     * event in the agreement's stream (so the reports keep the order in which they were stored).
     */
    record ReportSummary(String reportId, String eventId, long sequenceNumber, String sectionId, String period,
                         BigDecimal flowCubicMetresPerSecond, Map<String, Map<Pollutant, Totals>> months) {

        /** The summary of a stored report event. */
        static ReportSummary of(MonitoringReportSubmittedEvent event, String eventId, long sequenceNumber) {
            Map<String, Map<Pollutant, Totals>> months = new LinkedHashMap<>();
            for (Sample sample : event.samples()) {
                months.computeIfAbsent(monthOf(sample), m -> new EnumMap<>(Pollutant.class))
                        .merge(sample.pollutant(), Totals.of(sample.value()), Totals::plus);
            }
            return new ReportSummary(event.reportId(), eventId, sequenceNumber, event.sectionId(), event.period(),
                    event.flowCubicMetresPerSecond(), months);
        }

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

    /** Reads archived reports back from the agreement's stream, by the sequence numbers of their events. */
    @FunctionalInterface
    interface Archive {
        /** The summaries of the reports stored by these events, in any order. */
        List<ReportSummary> read(Collection<Long> sequenceNumbers);
    }

    /**
     * Whether an assessment may still need the section's reports of a month: some period covering it (the month,
     * its quarter, its year) has an assessable rule of the section and is neither assessed (by an assessment that stands) nor
     * beyond assessing (no day of it in force: outside the effective dates, or begun after the termination). Decided from the agreement's
     * state alone (never the clock), so the same events always archive the same reports.
     */
    @FunctionalInterface
    interface MonthNeed {
        boolean mayNeed(String sectionId, ReportingPeriod month);
    }

    private record AssessedPeriod(String sectionId, CompensationRuleType rule, String period) {
    }

    /** An assessment as recorded: the period it covers and the transfer it created (null when nothing was owed). */
    private record StoredAssessment(String assessmentId, AssessedPeriod period, String transferId) {
    }

    /** The reports an assessment may still need, by id. */
    private final Map<String, ReportSummary> reports = new HashMap<>();
    /** Section id and month ({@link #monthKey}) → the reports kept in {@link #reports} with samples in that month. */
    private final Map<String, List<String>> reportsByMonth = new HashMap<>();
    /** Every report no longer kept in {@link #reports}: its id → the sequence number of its event. */
    private final Map<String, Long> archivedReports = new HashMap<>();
    /** Section id and month → the sequence numbers of the archived reports with samples in that month. */
    private final Map<String, List<Long>> archivedByMonth = new HashMap<>();
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

    /**
     * Records a stored report ({@code eventId} and {@code sequenceNumber}: the event that stored it), archived at
     * once when no assessment can need it (a report at a section no rule assesses, a late one for assessed periods).
     */
    void record(MonitoringReportSubmittedEvent event, String eventId, long sequenceNumber, MonthNeed need) {
        ReportSummary summary = ReportSummary.of(event, eventId, sequenceNumber);
        reports.put(event.reportId(), summary);
        for (String month : summary.months().keySet()) {
            reportsByMonth.computeIfAbsent(monthKey(event.sectionId(), month), k -> new ArrayList<>())
                    .add(event.reportId());
        }
        archiveIfUnneeded(summary, need);
    }

    /** Archives the reports kept for the section's months of the period that no assessment can need any more. */
    void archiveUnneeded(String sectionId, ReportingPeriod period, MonthNeed need) {
        for (ReportingPeriod month : monthsOf(period)) {
            List<String> ids = reportsByMonth.get(monthKey(sectionId, month.toString()));
            if (ids != null && !need.mayNeed(sectionId, month)) {
                for (String id : List.copyOf(ids)) {
                    ReportSummary summary = reports.get(id);
                    if (summary != null) {
                        archiveIfUnneeded(summary, need);
                    }
                }
            }
        }
    }

    /** Archives every report kept that no assessment can need any more. */
    void archiveUnneeded(MonthNeed need) {
        for (ReportSummary summary : List.copyOf(reports.values())) {
            archiveIfUnneeded(summary, need);
        }
    }

    private void archiveIfUnneeded(ReportSummary summary, MonthNeed need) {
        for (String month : summary.months().keySet()) {
            if (need.mayNeed(summary.sectionId(), ReportingPeriod.parse(month, "month"))) {
                return;
            }
        }
        reports.remove(summary.reportId());
        archivedReports.put(summary.reportId(), summary.sequenceNumber());
        for (String month : summary.months().keySet()) {
            String key = monthKey(summary.sectionId(), month);
            List<String> ids = reportsByMonth.get(key);
            if (ids != null) {
                ids.remove(summary.reportId());
                if (ids.isEmpty()) {
                    reportsByMonth.remove(key);
                }
            }
            archivedByMonth.computeIfAbsent(key, k -> new ArrayList<>()).add(summary.sequenceNumber());
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

    /** The report as recorded (read back when archived); null when unknown. */
    ReportSummary report(String reportId, Archive archive) {
        ReportSummary kept = reports.get(reportId);
        if (kept != null) {
            return kept;
        }
        Long archived = archivedReports.get(reportId);
        return archived == null ? null : archive.read(List.of(archived)).get(0);
    }

    boolean hasReport(String reportId) {
        return reports.containsKey(reportId) || archivedReports.containsKey(reportId);
    }

    /** Whether the report's summary is no longer kept (only its place in the stream). */
    boolean isArchived(String reportId) {
        return archivedReports.containsKey(reportId);
    }

    /** How many reports' summaries are kept (the rest are archived). */
    int keptReports() {
        return reports.size();
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
    List<ReportSummary> reportsThatMayCount(String sectionId, ReportingPeriod month, Archive archive) {
        return reportsIn(sectionId, month, archive).stream()
                .filter(r -> !rejectedReports.contains(r.reportId()))
                .toList();
    }

    /** The section's reports with samples in the period that an assessment may use (none left out), oldest first. */
    List<ReportSummary> reportsForAssessment(String sectionId, ReportingPeriod period, Archive archive) {
        return reportsIn(sectionId, period, archive).stream()
                .filter(r -> !excludedFromAssessment.contains(r.reportId()))
                .toList();
    }

    /** The section's reports with samples in the months of the period, oldest first; archived ones read back. */
    private List<ReportSummary> reportsIn(String sectionId, ReportingPeriod period, Archive archive) {
        Set<String> ids = new HashSet<>();
        Set<Long> archived = new HashSet<>();
        for (ReportingPeriod month : monthsOf(period)) {
            String key = monthKey(sectionId, month.toString());
            ids.addAll(reportsByMonth.getOrDefault(key, List.of()));
            archived.addAll(archivedByMonth.getOrDefault(key, List.of()));
        }
        List<ReportSummary> found = new ArrayList<>(ids.size() + archived.size());
        ids.forEach(id -> found.add(reports.get(id)));
        if (!archived.isEmpty()) {
            found.addAll(archive.read(archived));
        }
        found.sort(Comparator.comparingLong(ReportSummary::sequenceNumber));
        return found;
    }

    static List<ReportingPeriod> monthsOf(ReportingPeriod period) {
        return period.months();
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
