package org.basinledger.api.dispute;

/** A mediator was assigned: {@code UNDER_MEDIATION}. */
public record MediatorAssignedEvent(String disputeId, String agreementId, String mediatorId) implements DisputeEvent {
}
