package org.basinledger.api.incident;

import java.time.Instant;
import java.util.List;

import org.basinledger.api.common.Evidence;

/** Update {@code number} (from 1) of an incident, by {@code author}. A change of level follows as its own event. */
public record IncidentUpdatedEvent(String incidentId, String agreementId, int number, String author, String text,
                                   List<Evidence> evidence, Instant updatedAt) implements IncidentEvent {
}
