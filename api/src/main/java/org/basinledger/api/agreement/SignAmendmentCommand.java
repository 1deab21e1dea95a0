package org.basinledger.api.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A party of the old or of the new list signs amendment {@code number}'s canonical document with one of its own
 * active Ed25519 keys ({@code keyId} null: any that verifies).
 */
public record SignAmendmentCommand(@TargetAggregateIdentifier String agreementId, String actingJurisdiction,
                                   int number, String signature, String keyId) {
}
