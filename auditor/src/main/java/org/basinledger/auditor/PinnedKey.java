package org.basinledger.auditor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.basinledger.api.ledger.SignedTreeHead;
import org.basinledger.api.registry.KeyIds;

/**
 * The ledger's public key as the party pinned it (given on the command line, never taken from the ledger): an
 * Ed25519 key as base64 DER (X.509 SubjectPublicKeyInfo, what {@code /api/v1/ledger/key} shows), as PEM, or the JSON
 * answer of {@code /api/v1/ledger/key} saved to a file; either the text itself or a file holding it.
 */
public final class PinnedKey {

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private final String publicKeyBase64;
    private final String keyId;

    private PinnedKey(byte[] der) {
        this.publicKeyBase64 = Base64.getEncoder().encodeToString(der);
        this.keyId = KeyIds.of(der);
    }

    /**
     * Reads a key from a file (when {@code value} names one) or from the text itself.
     *
     * @throws AuditFailure (bad input) when it is not an Ed25519 public key
     */
    public static PinnedKey parse(String value) {
        if (value == null || value.isBlank()) {
            throw AuditFailure.badInput("no ledger key given: pass --key <file or base64> with the ledger's public key"
                    + " (compare it out of band the first time; `key` prints what the ledger shows)");
        }
        String text = value.strip();
        String source = "--key";
        Path file = asFile(text);
        if (file != null) {
            try {
                text = Files.readString(file, StandardCharsets.UTF_8).strip();
                source = file.toString();
            } catch (IOException e) {
                throw AuditFailure.badInput("cannot read the key file " + file + ": " + e.getMessage());
            }
        }
        try {
            return fromText(text, source);
        } catch (AuditFailure e) {
            if (file == null && text.length() < 200 && !text.contains("BEGIN")) {
                throw AuditFailure.badInput("--key " + text + ": there is no such file, and as text it is not an"
                        + " Ed25519 public key (base64 DER, PEM or the JSON of /api/v1/ledger/key)");
            }
            throw e;
        }
    }

    /** A key from its base64 DER (as the ledger shows it). */
    public static PinnedKey ofBase64(String base64Der) {
        return fromText(base64Der, "the key");
    }

    private static PinnedKey fromText(String text, String source) {
        String expectedKeyId = null;
        if (text.startsWith("{")) {
            try {
                JsonNode json = new ObjectMapper().readTree(text);
                expectedKeyId = json.path("keyId").isTextual() ? json.path("keyId").asText() : null;
                text = json.path("publicKey").asText("");
            } catch (IOException e) {
                throw AuditFailure.badInput(source + " is neither a key nor the JSON of /api/v1/ledger/key: "
                        + e.getMessage());
            }
        }
        byte[] der;
        try {
            int begin = text.indexOf(BEGIN);
            if (begin >= 0) {
                int end = text.indexOf(END, begin);
                if (end < 0) {
                    throw new IllegalArgumentException("no " + END + " line");
                }
                der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
            } else {
                der = Base64.getDecoder().decode(text.replaceAll("\\s", ""));
            }
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            if (!"EdDSA".equals(key.getAlgorithm()) && !"Ed25519".equals(key.getAlgorithm())) {
                throw new IllegalArgumentException("a " + key.getAlgorithm() + " key");
            }
            der = key.getEncoded();
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw AuditFailure.badInput(source + " is not an Ed25519 public key (base64 DER, PEM or the JSON of"
                    + " /api/v1/ledger/key): " + e.getMessage());
        }
        PinnedKey key = new PinnedKey(der);
        if (expectedKeyId != null && !expectedKeyId.equals(key.keyId)) {
            throw AuditFailure.badInput(source + " says keyId " + expectedKeyId + " but its key has the id " + key.keyId);
        }
        return key;
    }

    private static Path asFile(String text) {
        if (text.length() > 4096 || text.contains("\n")) {
            return null;
        }
        try {
            Path path = Path.of(text);
            return Files.isRegularFile(path) ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The key id: the first 16 hex digits of SHA-256 over the DER bytes (as the ledger names its keys). */
    public String keyId() {
        return keyId;
    }

    /** Base64 DER. */
    public String publicKeyBase64() {
        return publicKeyBase64;
    }

    public String pem() {
        return BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(Base64.getDecoder().decode(publicKeyBase64)) + "\n" + END + "\n";
    }

    public boolean verifies(SignedTreeHead head) {
        return head.isSignedBy(publicKeyBase64);
    }

    /**
     * Checks a head's signature over its exact signed bytes.
     *
     * @param what which head, for the message (e.g. "the current head")
     * @throws AuditFailure (signature) when it does not verify with this key
     */
    public void requireSignature(SignedTreeHead head, String what) {
        if (!verifies(head)) {
            throw AuditFailure.signature("the signature of " + what + " (" + Heads.describe(head)
                    + ") does not verify with the pinned key " + keyId
                    + (keyId.equals(head.keyId()) ? "" : "; the head names the key " + head.keyId())
                    + ". Signed bytes: " + new String(head.signedBytes(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public String toString() {
        return "PinnedKey[" + keyId + "]";
    }
}
