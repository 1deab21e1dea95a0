package org.basinledger.api.compliance;

/** Answers the {@link MonitoringReportView} of one report, or {@code null} when it is unknown. */
public record FindMonitoringReportQuery(String reportId) {
}
