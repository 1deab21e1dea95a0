package org.basinledger.api.dispute;

import java.util.List;

/** Disputes without their statements and history, newest first: one page of them, and how many match in all. */
public record DisputeList(List<DisputeSummary> items, long total) {
}
