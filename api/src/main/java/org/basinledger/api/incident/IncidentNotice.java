package org.basinledger.api.incident;

import java.time.Instant;

/**
 * A notice of an incident to one party: number {@code number} (from 1, in the incident), sent {@code sentAt} at
 * {@code level}, to be acknowledged by {@code acknowledgeBy}.
 */
public record IncidentNotice(int number, String jurisdictionId, WarningLevel level, Instant sentAt,
                             Instant acknowledgeBy) {
}
