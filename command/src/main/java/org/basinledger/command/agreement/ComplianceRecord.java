package org.basinledger.command.agreement;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.common.ReportingPeriod;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.MonitoringReportSubmittedEvent;
import org.basinledger.api.compliance.Sample;

/**
 * What an agreement remembers of its monitoring, assessments and fixed contributions, to decide the commands
 * that follow: the reports and their samples (oldest first), the reports left out of assessment (under dispute,
 * or rejected by a ruling for good), the assessments made with the transfer each created, the periods they
 * cover (an annulled assessment frees its period for a new one), and the contributions that fell due.
 */
final class ComplianceRecord {

    /** A monitoring report as the agreement keeps it for assessments. */
    record StoredReport(String reportId, String sectionId, ReportingPeriod period, List<Sample> samples,
                        BigDecimal flowCubicMetresPerSecond) {
    }

    private record AssessedPeriod(String sectionId, CompensationRuleType rule, String period) {
    }

    /** An assessment as recorded: the period it covers and the transfer it created (null when nothing was owed). */
    private record StoredAssessment(String assessmentId, AssessedPeriod period, String transferId) {
    }

    private final Map<String, StoredReport> reports = new LinkedHashMap<>();
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

    void record(MonitoringReportSubmittedEvent event) {
        reports.put(event.reportId(), new StoredReport(event.reportId(), event.sectionId(),
                ReportingPeriod.parse(event.period(), "period"), List.copyOf(event.samples()),
                event.flowCubicMetresPerSecond()));
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
    StoredReport report(String reportId) {
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

    /** The section's reports that count or may count again (all but those a ruling rejected), oldest first. */
    List<StoredReport> reportsThatMayCount(String sectionId) {
        return reports.values().stream()
                .filter(r -> r.sectionId().equals(sectionId))
                .filter(r -> !rejectedReports.contains(r.reportId()))
                .toList();
    }

    /** The section's reports an assessment may use (none left out), oldest first. */
    List<StoredReport> reportsForAssessment(String sectionId) {
        return reports.values().stream()
                .filter(r -> r.sectionId().equals(sectionId))
                .filter(r -> !excludedFromAssessment.contains(r.reportId()))
                .toList();
    }
}
