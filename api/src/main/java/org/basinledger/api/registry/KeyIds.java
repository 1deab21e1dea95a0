package org.basinledger.api.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** Key identifiers: the first 16 lowercase hex digits of SHA-256 over a public key's DER bytes. */
public final class KeyIds {

    private KeyIds() {
    }

    public static String of(String base64Der) {
        return of(Base64.getDecoder().decode(base64Der.getBytes(StandardCharsets.US_ASCII)));
    }

    public static String of(byte[] der) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
