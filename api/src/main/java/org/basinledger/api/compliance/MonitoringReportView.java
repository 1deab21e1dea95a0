package org.basinledger.api.compliance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A stored monitoring report, as every party of the agreement sees it, and whether it counts in assessments. */
public record MonitoringReportView(String id, String agreementId, String sectionId, String period,
                                   String submittedBy, Instant submittedAt, List<Sample> samples,
                                   BigDecimal flowCubicMetresPerSecond, MonitoringReportStatus status) {
}
