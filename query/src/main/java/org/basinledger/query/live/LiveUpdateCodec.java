package org.basinledger.query.live;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.basinledger.api.incident.IncidentChange;

/**
 * The text of a live-update notification (a PostgreSQL {@code NOTIFY} payload, at most {@link #MAX_BYTES} bytes):
 * JSON {@code {"node":…,"updates":[…]}}, one short object per update: {@code p} position, {@code a} agreement, and for
 * an incident change {@code k} kind, {@code i} incident, {@code n} notice number, {@code j} jurisdiction. Updates
 * that do not fit in one payload are split over several, in order. An update that alone would not fit (identifiers
 * thousands of characters long) becomes a {@code {"node":…,"resync":true}} payload: the receivers re-read what their
 * subscribers watch, as after a lost connection.
 */
public final class LiveUpdateCodec {

    /** PostgreSQL refuses a payload of 8000 bytes or more; some room is left. */
    public static final int MAX_BYTES = 7900;

    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveUpdateCodec() {
    }

    /** A decoded payload: who sent it, its updates in order, or {@code resync} when the receiver must re-read. */
    public record Message(String node, List<LiveUpdate> updates, boolean resync) {
    }

    /** The payloads that carry {@code updates} from {@code node}, each at most {@code maxBytes} UTF-8 bytes. */
    public static List<String> encode(String node, List<LiveUpdate> updates, int maxBytes) {
        int empty = bytes(payload(node, List.of()));
        List<String> payloads = new ArrayList<>();
        List<JsonNode> pending = new ArrayList<>();
        int size = empty;
        for (LiveUpdate update : updates) {
            JsonNode encoded = encode(update);
            int length = bytes(encoded.toString());
            if (empty + length > maxBytes) {
                if (!pending.isEmpty()) {
                    payloads.add(payload(node, pending));
                    pending.clear();
                    size = empty;
                }
                payloads.add(resync(node));
                continue;
            }
            int added = pending.isEmpty() ? length : length + 1;
            if (size + added > maxBytes) {
                payloads.add(payload(node, pending));
                pending.clear();
                size = empty;
                added = length;
            }
            pending.add(encoded);
            size += added;
        }
        if (!pending.isEmpty()) {
            payloads.add(payload(node, pending));
        }
        return payloads;
    }

    /** The payload that asks every receiver to re-read what its subscribers watch. */
    public static String resync(String node) {
        ObjectNode message = JSON.createObjectNode();
        message.put("node", node);
        message.put("resync", true);
        return message.toString();
    }

    /** Reads a payload; {@link IllegalArgumentException} when it is not one. */
    public static Message decode(String payload) {
        JsonNode message;
        try {
            message = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a live-update payload", e);
        }
        if (message == null || !message.path("node").isTextual()) {
            throw new IllegalArgumentException("not a live-update payload: no node");
        }
        String node = message.path("node").asText();
        if (message.path("resync").asBoolean(false)) {
            return new Message(node, List.of(), true);
        }
        List<LiveUpdate> updates = new ArrayList<>();
        for (JsonNode update : message.path("updates")) {
            if (!update.path("p").canConvertToLong() || !update.path("a").isTextual()) {
                throw new IllegalArgumentException("not a live-update payload: an update without position or agreement");
            }
            long position = update.path("p").asLong();
            String agreementId = update.path("a").asText();
            if (update.hasNonNull("k")) {
                IncidentChange.Kind kind;
                try {
                    kind = IncidentChange.Kind.valueOf(update.path("k").asText());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("not a live-update payload: unknown kind", e);
                }
                if (!update.path("i").isTextual()) {
                    throw new IllegalArgumentException("not a live-update payload: an incident change without incident");
                }
                updates.add(LiveUpdate.incident(position, kind, update.path("i").asText(), agreementId,
                        update.hasNonNull("n") ? update.path("n").asInt() : null,
                        update.hasNonNull("j") ? update.path("j").asText() : null));
            } else {
                updates.add(LiveUpdate.status(position, agreementId));
            }
        }
        return new Message(node, List.copyOf(updates), false);
    }

    private static JsonNode encode(LiveUpdate update) {
        ObjectNode node = JSON.createObjectNode();
        node.put("p", update.position());
        node.put("a", update.agreementId());
        if (update.isIncident()) {
            node.put("k", update.incidentChange().name());
            node.put("i", update.incidentId());
            if (update.noticeNumber() != null) {
                node.put("n", update.noticeNumber());
            }
            if (update.jurisdictionId() != null) {
                node.put("j", update.jurisdictionId());
            }
        }
        return node;
    }

    private static String payload(String node, List<JsonNode> updates) {
        ObjectNode message = JSON.createObjectNode();
        message.put("node", node);
        ArrayNode array = message.putArray("updates");
        updates.forEach(array::add);
        return message.toString();
    }

    private static int bytes(String payload) {
        return payload.getBytes(StandardCharsets.UTF_8).length;
    }
}
