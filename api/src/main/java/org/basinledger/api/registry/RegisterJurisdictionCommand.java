package org.basinledger.api.registry;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a jurisdiction with its first Ed25519 public key (base64 of the X.509 SubjectPublicKeyInfo DER).
 * Sent by the registrar; the id is chosen by the registrar and never reused.
 */
public record RegisterJurisdictionCommand(
        @TargetAggregateIdentifier String jurisdictionId,
        String name,
        JurisdictionLevel level,
        String parentId,
        String publicKey) {
}
