package org.basinledger.api.registry;

/** A jurisdiction's key was revoked at the event's time. */
public record JurisdictionKeyRevokedEvent(String jurisdictionId, String keyId) {
}
