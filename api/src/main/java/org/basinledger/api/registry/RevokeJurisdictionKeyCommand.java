package org.basinledger.api.registry;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes a key: it verifies no new signature; signatures made with it before stay valid. */
public record RevokeJurisdictionKeyCommand(@TargetAggregateIdentifier String jurisdictionId, String keyId) {
}
