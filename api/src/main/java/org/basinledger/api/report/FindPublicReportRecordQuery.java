package org.basinledger.api.report;

/** Answers the {@link PublicReportRecord} of the reports assigned to a jurisdiction. */
public record FindPublicReportRecordQuery(String jurisdictionId) {
}
