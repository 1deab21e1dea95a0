package org.basinledger.api.agreement;

/**
 * The agreement ended by termination: status {@code TERMINATED}. Either at once, by the party that terminated it,
 * or (recorded by the ledger) when a notice of termination took effect, naming the party that gave it and its
 * reason.
 */
public record AgreementTerminatedEvent(String agreementId, String terminatedBy, String reason) implements AgreementEvent {
}
