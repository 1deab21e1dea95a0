package org.basinledger.api.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How to reach the person who filed a report: personal data. It never enters an event; events carry only
 * {@link #saltedHash}, a SHA-256 over a random salt kept beside the contact (so the hash names nobody once the
 * contact and its salt are erased). {@link #toString()} never shows the values, so a logged command cannot leak them.
 */
public record ReportContact(String name, String phone, String email) {

    /** Whether any field carries something. */
    public boolean isEmpty() {
        return blank(name) && blank(phone) && blank(email);
    }

    /**
     * SHA-256 (lowercase hex) of the salt's bytes, then {@code name}, {@code phone} and {@code email} as UTF-8,
     * each preceded by its length in bytes (4 bytes, big-endian; a missing field is length 0).
     *
     * @param saltHex the salt, 32 bytes as 64 lowercase hex digits
     */
    public String saltedHash(String saltHex) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(HexFormat.of().parseHex(saltHex));
            for (String field : new String[] {name, phone, email}) {
                byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
                sha256.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                        (byte) (bytes.length >>> 8), (byte) bytes.length});
                sha256.update(bytes);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "ReportContact[personal data, not shown]";
    }
}
