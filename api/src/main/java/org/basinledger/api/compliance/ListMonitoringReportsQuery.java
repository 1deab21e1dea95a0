package org.basinledger.api.compliance;

/**
 * Answers a {@link MonitoringReportList} of an agreement's reports, oldest first, filtered by section and period
 * (optional): at most {@code limit} reports from the {@code offset}-th on, with the count of all that match.
 */
public record ListMonitoringReportsQuery(String agreementId, String sectionId, String period, long offset,
                                         int limit) {

    public ListMonitoringReportsQuery {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be 0 or more and limit 1 or more");
        }
    }
}
