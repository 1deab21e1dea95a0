package org.basinledger.app.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Tracking codes of public reports: 16 characters of an alphabet without look-alikes (80 random bits), shown in groups
 * of four ({@code K7QM-3XPA-9RTD-WZ2H}). The reporter follows the report and erases its contact with it; the ledger
 * keeps only its SHA-256 (in the report's event). Entered codes are read case-blind, spaces and dashes ignored.
 */
public final class TrackingCodes {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TrackingCodes() {
    }

    public static String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    /** The SHA-256 (lowercase hex) of a code as entered, or null when it cannot be a code. */
    public static String hashOf(String entered) {
        if (entered == null || entered.length() > 64) {
            return null;
        }
        String code = entered.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != 16) {
            return null;
        }
        return sha256(code);
    }

    /** 32 random bytes as 64 hex digits: the salt of a contact's hash. */
    public static String newSalt() {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Compares two hashes in time independent of where they differ. */
    public static boolean same(String hashA, String hashB) {
        return hashA != null && hashB != null && MessageDigest.isEqual(hashA.getBytes(StandardCharsets.US_ASCII),
                hashB.getBytes(StandardCharsets.US_ASCII));
    }
}
