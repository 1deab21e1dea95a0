package org.basinledger.api.report;

/** A report was rejected with a public reason. */
public record PublicReportRejectedEvent(String reportId, String reason) {
}
