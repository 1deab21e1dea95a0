package org.basinledger.api.agreement;

/**
 * A party signed the canonical document. The event carries the key that verified the signature, so the
 * signature can be checked again from the event alone, also after the key is revoked.
 */
public record AgreementSignedEvent(String agreementId, String jurisdictionId, String keyId, String publicKey,
                                   String signature, String termsHash) implements AgreementEvent {
}
