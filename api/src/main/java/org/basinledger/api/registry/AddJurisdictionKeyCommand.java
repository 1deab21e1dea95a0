package org.basinledger.api.registry;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds an Ed25519 public key (base64 DER) to a jurisdiction. Answers the new key's id. */
public record AddJurisdictionKeyCommand(@TargetAggregateIdentifier String jurisdictionId, String publicKey) {
}
