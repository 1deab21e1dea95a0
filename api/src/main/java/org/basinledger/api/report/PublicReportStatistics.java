package org.basinledger.api.report;

import java.util.List;

/**
 * Response statistics of all public reports: the record per water (reports naming it) and per jurisdiction (reports
 * assigned to it), and per month of filing the reports received, answered, answered in time and overdue now.
 */
public record PublicReportStatistics(PublicReportRecord all, List<Row> waterBodies, List<Row> jurisdictions,
                                     List<Month> months) {

    /** One water body or jurisdiction and its record. */
    public record Row(String key, PublicReportRecord record) {
    }

    /** A month of filing ({@code 2026-05}, basin time) and what became of that month's reports. */
    public record Month(String month, long received, long answered, long answeredInTime, long overdue) {
    }
}
