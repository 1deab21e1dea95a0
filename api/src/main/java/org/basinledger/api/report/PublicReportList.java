package org.basinledger.api.report;

import java.util.List;

/** Public reports, newest first: one page of them, and {@code total}, how many match in all. */
public record PublicReportList(List<PublicReportView> items, long total) {
}
