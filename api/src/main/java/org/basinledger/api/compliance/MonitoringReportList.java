package org.basinledger.api.compliance;

import java.util.List;

/** Monitoring reports, oldest first. */
public record MonitoringReportList(List<MonitoringReportView> items) {
}
