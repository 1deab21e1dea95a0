package org.basinledger.api.agreement;

/** Every party has signed: status {@code SIGNED}. */
public record AgreementFullySignedEvent(String agreementId, String termsHash) implements AgreementEvent {
}
