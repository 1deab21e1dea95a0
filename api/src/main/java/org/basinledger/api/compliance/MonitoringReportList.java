package org.basinledger.api.compliance;

import java.util.List;

/** Monitoring reports, oldest first: one page of them, and {@code total}, how many match the query in all. */
public record MonitoringReportList(List<MonitoringReportView> items, long total) {
}
