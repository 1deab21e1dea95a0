package org.basinledger.api.report;

/**
 * Answers {@link PublicReportStatistics}; with a {@code jurisdictionId} or a {@code waterBody} only of those reports
 * (both null: of all).
 */
public record FindPublicReportStatisticsQuery(String jurisdictionId, String waterBody) {
}
