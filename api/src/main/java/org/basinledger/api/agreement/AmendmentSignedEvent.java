package org.basinledger.api.agreement;

/**
 * A signatory signed amendment {@code number}'s canonical document; the event carries the key that verified the
 * signature, so it can be checked again from the event alone, also after the key is revoked.
 */
public record AmendmentSignedEvent(String agreementId, int number, String jurisdictionId, String keyId,
                                   String publicKey, String signature, String termsHash) implements AgreementEvent {
}
