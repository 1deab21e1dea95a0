package org.basinledger.auditor;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.basinledger.api.ledger.LeafData;
import org.basinledger.api.ledger.Rfc6962;
import org.basinledger.api.ledger.SignedTreeHead;
import org.basinledger.api.ledger.StoredEvent;
import org.basinledger.api.registry.KeyIds;

/**
 * A small ledger for the auditor's tests: events logged as leaves of an RFC 6962 tree built with {@link Rfc6962},
 * heads signed with a test Ed25519 key, served over HTTP like the ledger's public API. It can misbehave the ways a
 * dishonest or broken operator would: rewrite an event and re-sign, serve bad signatures, wrong proofs.
 */
final class FakeLedger implements AutoCloseable {

    static final String TOKEN = "registrar-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final KeyPair key;
    private final List<StoredEvent> events = new ArrayList<>();
    private final TreeMap<Long, SignedTreeHead> heads = new TreeMap<>();
    private Instant clock = Instant.parse("2026-03-01T08:00:00Z");
    /** Registered jurisdictions' keys, and the heads they co-signed (as signed then) with their signatures. */
    private final Map<String, KeyPair> jurisdictions = new HashMap<>();
    private final TreeMap<Long, SignedTreeHead> witnessedHeads = new TreeMap<>();
    private final TreeMap<Long, List<ObjectNode>> witnesses = new TreeMap<>();

    /** Misbehaviours, off by default. */
    boolean badHeadSignature;
    boolean badWitnessSignature;
    boolean badInclusionProofs;
    boolean badConsistencyProofs;
    boolean serverError;
    /** Whether leaves carry their data for callers with {@link #TOKEN} (as the ledger shows it to the registrar). */
    boolean dataForRegistrar = true;
    /** Rewrites a leaf's data as listed (not its hash): a store changed after logging. */
    UnaryOperator<StoredEvent> storeView = UnaryOperator.identity();

    FakeLedger() throws IOException {
        this(generateKey());
    }

    FakeLedger(KeyPair key) throws IOException {
        this.key = key;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static KeyPair generateKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String publicKey() {
        return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }

    String keyId() {
        return KeyIds.of(key.getPublic().getEncoded());
    }

    long size() {
        return events.size();
    }

    SignedTreeHead latest() {
        return heads.lastEntry().getValue();
    }

    static StoredEvent event(int i, String aggregate) {
        String payload = "{\"agreementId\":\"" + aggregate + "\",\"note\":\"event " + i + " of the basin\"}";
        return new StoredEvent("ev-" + i, "Agreement", aggregate, i, "org.basinledger.api.agreement.Event" + i, null,
                "2026-03-01T08:00:" + String.format("%02d", i % 60) + ".123Z", payload.getBytes(StandardCharsets.UTF_8),
                "{\"actor\":\"CN-AH\"}".getBytes(StandardCharsets.UTF_8));
    }

    /** Logs n more events (agreement A-1) and signs the head of the grown tree. */
    synchronized FakeLedger append(int n) {
        for (int i = 0; i < n; i++) {
            events.add(event(events.size(), "A-1"));
        }
        sign(events.size());
        return this;
    }

    /**
     * What a dishonest operator does: changes one byte of a logged event's payload, rebuilds the tree from the
     * changed store, and signs new heads with the same key, for every size signed before (so that each size has a
     * head) unless {@code keepOldHeads}, when the old signed heads are served on and only the latest is re-signed.
     */
    synchronized void rewrite(int index, boolean keepOldHeads) {
        StoredEvent e = events.get(index);
        byte[] payload = e.payload().clone();
        payload[payload.length - 3] ^= 0x01;
        events.set(index, new StoredEvent(e.eventIdentifier(), e.aggregateType(), e.aggregateIdentifier(),
                e.sequenceNumber(), e.payloadType(), e.payloadRevision(), e.timestamp(), payload, e.metaData()));
        if (keepOldHeads) {
            heads.remove(heads.lastKey());
            sign(events.size());
        } else {
            List<Long> sizes = new ArrayList<>(heads.keySet());
            heads.clear();
            sizes.forEach(this::sign);
        }
    }

    /** Rebuilds the log from the store with one batch: only the latest size is signed again. */
    synchronized void rebuildInOneBatch(int index) {
        rewrite(index, true);
        SignedTreeHead latest = latest();
        heads.clear();
        heads.put(latest.treeSize(), latest);
    }

    /** Rolls the log back to n events, signing the head of n anew. */
    synchronized void truncate(int n) {
        while (events.size() > n) {
            events.remove(events.size() - 1);
        }
        heads.tailMap((long) n, true).clear();
        sign(n);
    }

    /** The ledger shows {@code key} as jurisdiction {@code id}'s (an operator registering a key of its own). */
    synchronized void registerKey(String id, KeyPair key) {
        jurisdictions.put(id, key);
    }

    /** Jurisdiction {@code id} (registered with {@code key} when new) co-signs the head of {@code size}. */
    synchronized void witness(long size, String id, KeyPair key) {
        jurisdictions.putIfAbsent(id, key);
        SignedTreeHead head = heads.get(size);
        witnessedHeads.put(size, head);
        witnesses.computeIfAbsent(size, s -> new ArrayList<>()).add(JSON.createObjectNode().put("jurisdictionId", id)
                .put("keyId", KeyIds.of(key.getPublic().getEncoded()))
                .put("signature", sign(key, head.signedBytes())).put("witnessedAt", clock.toString()));
    }

    private List<byte[]> leafHashes() {
        return events.stream().map(LeafData::leafHash).toList();
    }

    private void sign(long size) {
        clock = clock.plusSeconds(1);
        String root = HEX.formatHex(Rfc6962.root(leafHashes().subList(0, (int) size)));
        heads.put(size, new SignedTreeHead(size, root, clock, keyId(), sign(SignedTreeHead.signedBytes(size, root,
                clock))));
    }

    private String sign(byte[] bytes) {
        return sign(key, bytes);
    }

    private static String sign(KeyPair key, byte[] bytes) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key.getPrivate());
            signature.update(bytes);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (serverError) {
                send(exchange, 500, problem(500, "Internal Server Error", "the fake is down"));
                return;
            }
            URI uri = exchange.getRequestURI();
            String path = uri.getPath();
            Map<String, String> query = query(uri.getRawQuery());
            boolean registrar = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            if (path.equals("/api/v1/ledger/key")) {
                ObjectNode json = JSON.createObjectNode().put("keyId", keyId()).put("algorithm", "Ed25519")
                        .put("publicKey", publicKey());
                send(exchange, 200, json);
            } else if (path.equals("/api/v1/ledger/head")) {
                if (heads.isEmpty()) {
                    send(exchange, 404, problem(404, "Not Found", "no head"));
                } else {
                    send(exchange, 200, headJson(latest(), badHeadSignature));
                }
            } else if (path.startsWith("/api/v1/ledger/heads/")) {
                SignedTreeHead head = heads.get(Long.parseLong(path.substring("/api/v1/ledger/heads/".length())));
                if (head == null) {
                    send(exchange, 404, problem(404, "Not Found", "never signed"));
                } else {
                    send(exchange, 200, headJson(head, false));
                }
            } else if (path.equals("/api/v1/ledger/proofs/consistency")) {
                long first = Long.parseLong(query.get("first"));
                long second = Long.parseLong(query.get("second"));
                if (!heads.containsKey(first) || !heads.containsKey(second) || first > second) {
                    send(exchange, 400, problem(400, "Bad Request", "not signed sizes"));
                    return;
                }
                List<byte[]> proof = Rfc6962.consistencyProof(first, second, Rfc6962.inMemory(leafHashes()));
                if (badConsistencyProofs && !proof.isEmpty()) {
                    proof = new ArrayList<>(proof);
                    proof.set(0, new byte[32]);
                }
                ObjectNode json = JSON.createObjectNode().put("first", first).put("second", second);
                ArrayNode array = json.putArray("proof");
                proof.forEach(h -> array.add(HEX.formatHex(h)));
                send(exchange, 200, json);
            } else if (path.equals("/api/v1/ledger/proofs/inclusion")) {
                long leaf = Long.parseLong(query.get("leafIndex"));
                long size = query.containsKey("treeSize") ? Long.parseLong(query.get("treeSize")) : size();
                if (!heads.containsKey(size) || leaf >= size) {
                    send(exchange, 400, problem(400, "Bad Request", "bad proof request"));
                    return;
                }
                List<byte[]> hashes = leafHashes();
                List<byte[]> path0 = Rfc6962.inclusionProof(leaf, size, Rfc6962.inMemory(hashes));
                if (badInclusionProofs && !path0.isEmpty()) {
                    path0 = new ArrayList<>(path0);
                    path0.set(path0.size() - 1, new byte[32]);
                }
                ObjectNode json = JSON.createObjectNode().put("leafIndex", leaf).put("treeSize", size)
                        .put("leafHash", HEX.formatHex(hashes.get((int) leaf)));
                ArrayNode array = json.putArray("auditPath");
                path0.forEach(h -> array.add(HEX.formatHex(h)));
                send(exchange, 200, json);
            } else if (path.equals("/api/v1/ledger/leaves")) {
                long from = Long.parseLong(query.getOrDefault("from", "0"));
                int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
                limit = limit <= 0 ? 100 : Math.min(limit, 1000);
                ObjectNode json = JSON.createObjectNode();
                ArrayNode items = json.putArray("items");
                List<byte[]> hashes = leafHashes();
                long to = Math.min(size(), from + limit);
                for (long i = from; i < to; i++) {
                    StoredEvent event = events.get((int) i);
                    ObjectNode item = items.addObject().put("leafIndex", i).put("eventId", event.eventIdentifier())
                            .put("leafHash", HEX.formatHex(hashes.get((int) i)));
                    if (registrar && dataForRegistrar) {
                        item.put("leafData", Base64.getEncoder().encodeToString(LeafData.encode(storeView.apply(event))));
                    } else {
                        item.putNull("leafData");
                    }
                }
                if (to < size() && to - from == limit) {
                    json.put("nextFrom", to);
                } else {
                    json.putNull("nextFrom");
                }
                send(exchange, 200, json);
            } else if (path.equals("/api/v1/ledger/witnessed-heads")) {
                long after = Long.parseLong(query.getOrDefault("after", "0"));
                ObjectNode json = JSON.createObjectNode();
                ArrayNode items = json.putArray("items");
                witnessedHeads.tailMap(after, false).forEach((size, head) -> {
                    ObjectNode item = headJson(head, false);
                    ArrayNode list = item.putArray("witnesses");
                    for (ObjectNode witness : witnesses.get(size)) {
                        ObjectNode copy = witness.deepCopy();
                        if (badWitnessSignature) {
                            byte[] bytes = Base64.getDecoder().decode(copy.get("signature").asText());
                            bytes[7] ^= 0x10;
                            copy.put("signature", Base64.getEncoder().encodeToString(bytes));
                        }
                        list.add(copy);
                    }
                    items.add(item);
                });
                json.putNull("nextAfter");
                send(exchange, 200, json);
            } else if (path.startsWith("/api/v1/jurisdictions/")) {
                String id = path.substring("/api/v1/jurisdictions/".length());
                KeyPair jurisdiction = jurisdictions.get(id);
                if (jurisdiction == null) {
                    send(exchange, 404, problem(404, "Not Found", "no jurisdiction " + id));
                    return;
                }
                ObjectNode json = JSON.createObjectNode().put("id", id).put("name", "Government " + id);
                json.putArray("keys").addObject().put("keyId", KeyIds.of(jurisdiction.getPublic().getEncoded()))
                        .put("publicKey", Base64.getEncoder().encodeToString(jurisdiction.getPublic().getEncoded()))
                        .put("addedAt", "2026-03-01T07:00:00Z").putNull("revokedAt");
                send(exchange, 200, json);
            } else if (path.matches("/api/v1/agreements/[^/]+/history")) {
                if (!registrar) {
                    send(exchange, 401, problem(401, "Unauthorized", "a token is required"));
                    return;
                }
                String agreement = path.split("/")[4];
                ObjectNode json = JSON.createObjectNode().put("agreementId", agreement);
                ArrayNode items = json.putArray("items");
                long sequence = 0;
                for (int i = 0; i < events.size(); i++) {
                    if (events.get(i).aggregateIdentifier().equals(agreement)) {
                        items.addObject().put("sequence", ++sequence).put("eventId", events.get(i).eventIdentifier())
                                .put("type", "Event" + i).put("leafIndex", i);
                    }
                }
                json.putNull("nextAfter");
                send(exchange, 200, json);
            } else {
                send(exchange, 404, problem(404, "Not Found", path));
            }
        }
    }

    private ObjectNode headJson(SignedTreeHead head, boolean badSignature) {
        String signature = head.signature();
        if (badSignature) {
            byte[] bytes = Base64.getDecoder().decode(signature);
            bytes[5] ^= 0x40;
            signature = Base64.getEncoder().encodeToString(bytes);
        }
        return JSON.createObjectNode().put("treeSize", head.treeSize()).put("rootHash", head.rootHash())
                .put("timestamp", head.timestamp().toString()).put("keyId", head.keyId()).put("signature", signature);
    }

    private static ObjectNode problem(int status, String title, String detail) {
        return JSON.createObjectNode().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type",
                status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
