package org.basinledger.command.registry;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 public keys and signatures with the JDK's provider. Keys arrive as PEM or as base64 of the X.509
 * SubjectPublicKeyInfo DER and are kept as base64 DER; anything that is not an Ed25519 key is refused.
 */
public final class Ed25519Keys {

    private static final String ALGORITHM = "Ed25519";
    private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PEM_END = "-----END PUBLIC KEY-----";

    private Ed25519Keys() {
    }

    /**
     * Parses a PEM or base64 DER Ed25519 public key.
     *
     * @throws IllegalArgumentException when the text is not an Ed25519 public key
     */
    public static PublicKey parse(String pemOrBase64) {
        if (pemOrBase64 == null || pemOrBase64.isBlank()) {
            throw new IllegalArgumentException("no public key given");
        }
        String body = pemOrBase64.strip();
        if (body.startsWith(PEM_BEGIN)) {
            int end = body.indexOf(PEM_END);
            if (end < 0) {
                throw new IllegalArgumentException("PEM without " + PEM_END);
            }
            body = body.substring(PEM_BEGIN.length(), end);
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body.replaceAll("\\s", "").getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64", e);
        }
        try {
            // The Ed25519 key factory refuses other curves (Ed448, X25519) and other algorithms.
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (X.509 SubjectPublicKeyInfo)", e);
        }
    }

    /** The key in its stored form: base64 (no line breaks) of its X.509 SubjectPublicKeyInfo DER. */
    public static String normalise(String pemOrBase64) {
        return Base64.getEncoder().encodeToString(parse(pemOrBase64).getEncoded());
    }

    /**
     * Whether {@code base64Signature} is a valid Ed25519 signature of {@code message} by the key. A malformed
     * key or signature does not verify; it never throws.
     */
    public static boolean verify(String publicKeyBase64Der, byte[] message, String base64Signature) {
        if (base64Signature == null || message == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(parse(publicKeyBase64Der));
            verifier.update(message);
            return verifier.verify(Base64.getDecoder().decode(base64Signature.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
