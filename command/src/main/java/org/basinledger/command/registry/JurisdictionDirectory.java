package org.basinledger.command.registry;

import java.util.List;

/**
 * What command handlers may ask of the registry: whether a jurisdiction exists and which signing keys it
 * has not revoked. Answers come from the registry's own aggregates, never from a projection.
 */
public interface JurisdictionDirectory {

    boolean exists(String jurisdictionId);

    /** The jurisdiction's unrevoked keys in the order they were added; empty when it is unknown. */
    List<SigningKey> activeKeys(String jurisdictionId);

    /** A registered key: its id ({@code KeyIds}) and base64 X.509 SubjectPublicKeyInfo DER. */
    record SigningKey(String keyId, String publicKeyBase64Der) {
    }
}
