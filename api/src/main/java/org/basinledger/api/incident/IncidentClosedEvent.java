package org.basinledger.api.incident;

import java.time.Instant;
import java.util.List;

/** The raising party closed the incident; notices still pending then ({@code withdrawnNotices}) need no answer. */
public record IncidentClosedEvent(String incidentId, String agreementId, String closedBy, String summary,
                                  Instant closedAt, List<Integer> withdrawnNotices) implements IncidentEvent {
}
