package org.basinledger.command.agreement;

import java.math.BigDecimal;
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
 * that follow: the reports and their samples (oldest first), the reports left out of assessment, the
 * assessments made and the periods they covered, and the contributions that fell due.
 */
final class ComplianceRecord {

    /** A monitoring report as the agreement keeps it for assessments. */
    record StoredReport(String reportId, String sectionId, ReportingPeriod period, List<Sample> samples,
                        BigDecimal flowCubicMetresPerSecond) {
    }

    private record AssessedPeriod(String sectionId, CompensationRuleType rule, String period) {
    }

    private final Map<String, StoredReport> reports = new LinkedHashMap<>();
    /**
     * Reports left out of assessment: a report under dispute stays out until its ruling (DOMAIN.md). Empty until
     * the dispute work fills it from its events.
     */
    private final Set<String> excludedFromAssessment = new HashSet<>();
    private final Set<String> assessmentIds = new HashSet<>();
    private final Set<AssessedPeriod> assessedPeriods = new HashSet<>();
    private final Set<FixedContributionDue> contributionsFallenDue = new HashSet<>();

    void record(MonitoringReportSubmittedEvent event) {
        reports.put(event.reportId(), new StoredReport(event.reportId(), event.sectionId(),
                ReportingPeriod.parse(event.period(), "period"), List.copyOf(event.samples()),
                event.flowCubicMetresPerSecond()));
    }

    void record(AssessmentRecordedEvent event) {
        assessmentIds.add(event.assessmentId());
        assessedPeriods.add(new AssessedPeriod(event.sectionId(), event.rule(), event.period()));
    }

    void recordFallenDue(FixedContributionDue due) {
        contributionsFallenDue.add(due);
    }

    boolean hasReport(String reportId) {
        return reports.containsKey(reportId);
    }

    boolean hasAssessment(String assessmentId) {
        return assessmentIds.contains(assessmentId);
    }

    boolean isAssessed(String sectionId, CompensationRuleType rule, ReportingPeriod period) {
        return assessedPeriods.contains(new AssessedPeriod(sectionId, rule, period.toString()));
    }

    boolean hasFallenDue(FixedContributionDue due) {
        return contributionsFallenDue.contains(due);
    }

    /** The section's reports an assessment may use (none left out), oldest first. */
    List<StoredReport> reportsForAssessment(String sectionId) {
        return reports.values().stream()
                .filter(r -> r.sectionId().equals(sectionId))
                .filter(r -> !excludedFromAssessment.contains(r.reportId()))
                .toList();
    }
}
