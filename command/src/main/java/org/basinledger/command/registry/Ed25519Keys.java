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
 * Ed25519 public keys and signatures, checked as RFC 8032 and cofactor-aware verifiers do. Keys arrive as PEM or as
 * base64 of the X.509 SubjectPublicKeyInfo DER and are kept as base64 DER.
 *
 * <p>A key is refused unless it is an Ed25519 key (the JDK's key factory decides that) whose point is the canonical
 * encoding of a point of the prime-order subgroup: a small-order key (the neutral element, the all-zero key, the
 * order-2, 4 and 8 points) or one with a small-order component lets anyone make "signatures" that verify under it
 * (with {@code R} the neutral element and {@code S = 0}, say), which would be recorded as that government's.
 * A signature is accepted only when it is 64 bytes, its {@code R} is likewise a canonical point of prime order, its
 * {@code S} is below the group order, and {@code [S]B = R + [k]A} holds. With {@code A} and {@code R} of prime order
 * this is the one equation the cofactored and the cofactorless checks agree on, so every honest signature verifies
 * and no signature has two spellings. The arithmetic is BouncyCastle's RFC 8032 code ({@code bcprov}, the
 * long-standing, actively maintained Java crypto library, used here only through its low-level {@link Ed25519}
 * functions, several times faster than JDK 17's generic EdDSA).
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
        PublicKey key = jdkKey(der);
        if (primeOrderPoint(key.getEncoded()) == null) {
            throw new IllegalArgumentException("an Ed25519 key of small order or not canonically encoded (RFC 8032): "
                    + "signatures under it could be forged");
        }
        return key;
    }

    private static PublicKey jdkKey(byte[] der) {
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
            return verifiesStrictly(key, message, signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The key and {@code R} are canonical encodings of points of prime order {@code L} and {@code [S]B = R + [k]A}.
     * BouncyCastle checks {@code v·([S]B - [k]A - R) = 0} for a {@code v} below 2^128; with {@code A} and {@code R}
     * of order {@code L} the bracket is in the subgroup of order {@code L}, which {@code v} cannot annihilate unless
     * the bracket is the neutral element (and it refuses {@code S >= L}).
     */
    static boolean verifiesStrictly(VerifyingKey key, byte[] message, byte[] signature) {
        return key.point() != null
                && Ed25519.validatePublicKeyFull(signature, 0)
                && Ed25519.verify(signature, 0, key.point(), message, 0, message.length);
    }

    /** The JDK's own verification, more lenient with small-order points: kept to show what the strict check adds. */
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
            PublicKey jdkKey = jdkKey(Base64.getDecoder().decode(publicKeyBase64Der));
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
