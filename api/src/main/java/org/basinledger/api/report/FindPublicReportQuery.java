package org.basinledger.api.report;

/** Answers the {@link PublicReportView} of a report, or null when there is none. */
public record FindPublicReportQuery(String reportId) {
}
