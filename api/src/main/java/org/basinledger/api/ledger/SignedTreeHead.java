package org.basinledger.api.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * A tree head the ledger signed: the integrity log had {@code treeSize} leaves with root {@code rootHash} (lowercase
 * hex) at {@code timestamp}. The signature (base64 Ed25519, by the key {@code keyId}) is over the UTF-8 bytes of
 * {@code basin-ledger:tree-head:v1:<treeSize>:<rootHash>:<timestamp>}, the timestamp written as in the JSON
 * answer: ISO-8601 UTC with millisecond precision at most ({@link Instant#toString()}). Every head is kept.
 */
public record SignedTreeHead(long treeSize, String rootHash, Instant timestamp, String keyId, String signature) {

    /** The exact bytes a head's signature covers. */
    public static byte[] signedBytes(long treeSize, String rootHash, Instant timestamp) {
        return ("basin-ledger:tree-head:v1:" + treeSize + ":" + rootHash + ":" + timestamp)
                .getBytes(StandardCharsets.UTF_8);
    }

    public byte[] signedBytes() {
        return signedBytes(treeSize, rootHash, timestamp);
    }

    /** Whether the signature verifies with the given public key (base64 DER, as {@link LedgerKeyView} gives it). */
    public boolean isSignedBy(String publicKeyBase64) {
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signedBytes());
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
