package org.basinledger.auditor;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.basinledger.api.ledger.SignedTreeHead;

/** Signed tree heads to and from their JSON ({@code {treeSize, rootHash, timestamp, keyId, signature}}). */
public final class Heads {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private Heads() {
    }

    /**
     * Reads a head as the ledger answers it. The timestamp must be written exactly as the signed bytes hold it
     * (ISO-8601 UTC as {@link Instant#toString()} writes it), so that the signature is checked over the exact bytes.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static SignedTreeHead parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a tree head object");
        }
        JsonNode size = json.get("treeSize");
        if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.asLong() < 0) {
            throw new IllegalArgumentException("treeSize is not a whole number: " + size);
        }
        String rootHash = text(json, "rootHash");
        if (!HASH.matcher(rootHash).matches()) {
            throw new IllegalArgumentException("rootHash is not 64 lowercase hex digits: " + rootHash);
        }
        String timestamp = text(json, "timestamp");
        Instant instant;
        try {
            instant = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp is not an ISO-8601 instant: " + timestamp);
        }
        if (!instant.toString().equals(timestamp)) {
            throw new IllegalArgumentException("timestamp " + timestamp + " is not in the form the signed bytes use ("
                    + instant + ")");
        }
        return new SignedTreeHead(size.asLong(), rootHash, instant, text(json, "keyId"), text(json, "signature"));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value.asText();
    }

    public static ObjectNode toJson(SignedTreeHead head) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("treeSize", head.treeSize());
        json.put("rootHash", head.rootHash());
        json.put("timestamp", head.timestamp().toString());
        json.put("keyId", head.keyId());
        json.put("signature", head.signature());
        return json;
    }

    /** {@code size 42, root 1a2b…, signed 2026-…Z}. */
    public static String describe(SignedTreeHead head) {
        return "size " + head.treeSize() + ", root " + head.rootHash() + ", signed " + head.timestamp();
    }
}
