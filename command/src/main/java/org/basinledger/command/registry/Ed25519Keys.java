package org.basinledger.command.registry;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 public keys and signatures. Keys arrive as PEM or as base64 of the X.509 SubjectPublicKeyInfo DER and
 * are kept as base64 DER; anything that is not an Ed25519 key is refused (by the JDK's key factory).
 *
 * <p>Verification answers exactly what the JDK's {@code Signature "Ed25519"} answers, faster. JDK 17's EdDSA does
 * its field arithmetic generically and was the largest single cost of a signature command; BouncyCastle's RFC 8032
 * code ({@code bcprov}: the long-standing, actively maintained Java crypto library, used here only through its
 * low-level {@link Ed25519} functions, not as a JCA provider) verifies several times faster. The two differ only in
 * corner cases: BouncyCastle refuses small-order or non-canonical public keys, which the JDK takes, and checks
 * {@code [S]B = R + [k]A} in a form that also holds when {@code R} carries a small-order component, which the JDK
 * refuses. So a signature is accepted through BouncyCastle only when the key and {@code R} are both points of the
 * prime-order subgroup (then both checks are the same equation) and BouncyCastle verifies it; everything else
 * (invalid signatures, those corner cases) gets the JDK's answer. One deliberate difference: only 64-byte signatures
 * are considered (JDK 17 also takes a valid one with a zero byte appended).
 */
public final class Ed25519Keys {

    private static final String ALGORITHM = "Ed25519";
    /** X.509 SubjectPublicKeyInfo DER of an Ed25519 key: this prefix (RFC 8410), then the 32-byte point. */
    private static final byte[] DER_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** Keys verified with recently (their parsing and point decoding is a large part of a verification). */
    private static final int MAX_CACHED_KEYS = 1024;
    private static final Map<String, VerifyingKey> KEYS = new ConcurrentHashMap<>();
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
        if (base64Signature == null || message == null || publicKeyBase64Der == null) {
            return false;
        }
        try {
            VerifyingKey key = verifyingKey(publicKeyBase64Der);
            byte[] signature = Base64.getDecoder().decode(base64Signature.strip());
            if (signature.length != Ed25519.SIGNATURE_SIZE) {
                // RFC 8032 signatures are 64 bytes. (JDK 17 alone also takes 65, the last one zero: one signature
                // in two spellings. The ledger never did: it refuses them.)
                return false;
            }
            return verifiesFast(key, message, signature) || verifiesWithJdk(key.jdkKey(), message, signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * True only when the JDK would verify the signature too: the key and {@code R} are canonical encodings of
     * points of prime order {@code L} and BouncyCastle verifies it. BouncyCastle checks
     * {@code v·([S]B - [k]A - R) = 0} for a {@code v} below 2^128; with {@code A} and {@code R} of order {@code L}
     * the bracket is in the subgroup of order {@code L}, which {@code v} cannot annihilate unless the bracket is the
     * neutral element: that is the JDK's equation {@code [S]B = R + [k]A} (both refuse {@code S >= L}).
     */
    static boolean verifiesFast(VerifyingKey key, byte[] message, byte[] signature) {
        return key.point() != null
                && Ed25519.validatePublicKeyFull(signature, 0)
                && Ed25519.verify(signature, 0, key.point(), message, 0, message.length);
    }

    static boolean verifiesWithJdk(PublicKey key, byte[] message, byte[] signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(ALGORITHM);
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }

    /** The key as the JDK parses it, and its point for BouncyCastle when it has prime order (null otherwise). */
    record VerifyingKey(PublicKey jdkKey, Ed25519.PublicPoint point) {
    }

    static VerifyingKey verifyingKey(String publicKeyBase64Der) {
        VerifyingKey key = KEYS.get(publicKeyBase64Der);
        if (key == null) {
            PublicKey jdkKey = parse(publicKeyBase64Der);
            key = new VerifyingKey(jdkKey, primeOrderPoint(jdkKey.getEncoded()));
            if (KEYS.size() >= MAX_CACHED_KEYS) {
                KEYS.clear();
            }
            KEYS.put(publicKeyBase64Der, key);
        }
        return key;
    }

    /** The public point when the DER holds a canonical encoding of a point of order L; else null. */
    private static Ed25519.PublicPoint primeOrderPoint(byte[] der) {
        if (der.length != DER_PREFIX.length + Ed25519.PUBLIC_KEY_SIZE
                || !Arrays.equals(der, 0, DER_PREFIX.length, DER_PREFIX, 0, DER_PREFIX.length)) {
            return null;
        }
        return Ed25519.validatePublicKeyFullExport(der, DER_PREFIX.length);
    }
}
