package org.basinledger.api.report;

/**
 * Answers a {@link PublicReportList}, newest first, filtered by basin, assigned jurisdiction, status and water, each
 * optional: at most {@code limit} reports from the {@code offset}-th on, with the count of all that match.
 */
public record ListPublicReportsQuery(String basin, String jurisdictionId, PublicReportStatus status,
                                     String waterBody, long offset, int limit) {

    public ListPublicReportsQuery {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be 0 or more and limit 1 or more");
        }
    }
}
