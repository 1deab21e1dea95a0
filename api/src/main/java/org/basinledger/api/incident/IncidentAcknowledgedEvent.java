package org.basinledger.api.incident;

import java.time.Instant;

/**
 * {@code jurisdictionId} acknowledged its notice {@code noticeNumber} at {@code acknowledgedAt}; {@code late} when
 * that was after the notice's {@code acknowledgeBy}.
 */
public record IncidentAcknowledgedEvent(String incidentId, String agreementId, int noticeNumber,
                                        String jurisdictionId, WarningLevel level, Instant acknowledgeBy,
                                        Instant acknowledgedAt, boolean late, String note) implements IncidentEvent {
}
