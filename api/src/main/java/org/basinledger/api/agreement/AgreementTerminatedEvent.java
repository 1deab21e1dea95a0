package org.basinledger.api.agreement;

/** A party ended the agreement by notice: status {@code TERMINATED}. */
public record AgreementTerminatedEvent(String agreementId, String terminatedBy, String reason) implements AgreementEvent {
}
