package org.basinledger.api.incident;

import java.util.List;

/** A page of incidents, newest first, and how many match in all. */
public record IncidentList(List<IncidentView> items, long total) {
}
