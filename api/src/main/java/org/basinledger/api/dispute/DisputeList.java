package org.basinledger.api.dispute;

import java.util.List;

/** Disputes without their statements and history, newest first. */
public record DisputeList(List<DisputeSummary> items) {
}
