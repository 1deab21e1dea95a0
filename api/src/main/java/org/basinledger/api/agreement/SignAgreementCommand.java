package org.basinledger.api.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A party signs the canonical document with one of its registered, unrevoked Ed25519 keys. {@code signature}
 * is base64; {@code keyId} may be null, in which case any active key of the party that verifies is used.
 */
public record SignAgreementCommand(@TargetAggregateIdentifier String agreementId, String actingJurisdiction,
                                   String signature, String keyId) {
}
