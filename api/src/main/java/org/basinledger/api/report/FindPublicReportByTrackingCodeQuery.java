package org.basinledger.api.report;

/** Answers the {@link PublicReportView} whose tracking code has this SHA-256 (lowercase hex), or null. */
public record FindPublicReportByTrackingCodeQuery(String trackingCodeHash) {
}
