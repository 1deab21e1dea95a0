package org.basinledger.query.live;

import java.util.Objects;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.basinledger.api.incident.IncidentChange;

/**
 * One change a node's projections committed, as another node needs it to feed its own live streams: the agreement
 * whose status view changed ({@code incidentChange} null), or one change of an incident (its kind, incident,
 * agreement, and the notice and party when it concerns one). {@code position} is the global position of the event
 * that caused it (for a status change, the last of the batch for that agreement). The receiving node re-reads the
 * view from the shared read models.
 */
public record LiveUpdate(long position, String agreementId, IncidentChange.Kind incidentChange, String incidentId,
                         Integer noticeNumber, String jurisdictionId) {

    public LiveUpdate {
        Objects.requireNonNull(agreementId, "agreementId");
        if (incidentChange != null) {
            Objects.requireNonNull(incidentId, "incidentId");
        }
    }

    /** The status view of {@code agreementId} changed. */
    public static LiveUpdate status(long position, String agreementId) {
        return new LiveUpdate(position, agreementId, null, null, null, null);
    }

    /** A change of an incident, as the incident stream tells it. */
    public static LiveUpdate incident(long position, IncidentChange.Kind kind, String incidentId, String agreementId,
                                      Integer noticeNumber, String jurisdictionId) {
        return new LiveUpdate(position, agreementId, Objects.requireNonNull(kind, "kind"), incidentId, noticeNumber,
                jurisdictionId);
    }

    public boolean isIncident() {
        return incidentChange != null;
    }

    /** The global position of the event {@code unitOfWork} is handling now, -1 when it has none. */
    public static long positionOf(UnitOfWork<?> unitOfWork) {
        Message<?> message = unitOfWork.getMessage();
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position().orElse(-1);
        }
        return -1;
    }
}
