package org.basinledger.api.registry;

/**
 * A signing key was added to a jurisdiction. {@code keyId} is the first 16 hex digits of the SHA-256 of the
 * key's DER encoding ({@link KeyIds}); {@code publicKey} is that DER in base64.
 */
public record JurisdictionKeyAddedEvent(String jurisdictionId, String keyId, String publicKey) {
}
