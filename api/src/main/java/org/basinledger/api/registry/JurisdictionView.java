package org.basinledger.api.registry;

import java.time.Instant;
import java.util.List;

/** The public record of a jurisdiction and every key it ever had. */
public record JurisdictionView(String id, String name, JurisdictionLevel level, String parentId, Instant registeredAt,
                               List<KeyView> keys) {

    /** One key: id, base64 DER, when added and (once revoked) when revoked. */
    public record KeyView(String keyId, String publicKey, Instant addedAt, Instant revokedAt) {
    }
}
