package org.basinledger.api.compliance;

/** Answers a {@link MonitoringReportList} of an agreement's reports, oldest first, filtered by section and period (optional). */
public record ListMonitoringReportsQuery(String agreementId, String sectionId, String period) {
}
