package org.basinledger.auditor;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.basinledger.api.ledger.ConsistencyProof;
import org.basinledger.api.ledger.InclusionProof;
import org.basinledger.api.ledger.LedgerKeyView;
import org.basinledger.api.ledger.LedgerLeaf;
import org.basinledger.api.ledger.LedgerLeafPage;
import org.basinledger.api.ledger.SignedTreeHead;

/**
 * The ledger's public API (API.md, "The ledger itself") over the JDK's HTTP client. Every answer is read
 * defensively: anything that is not the documented JSON is a {@link ExitCodes#NETWORK network/protocol} failure,
 * never trusted. Nothing here decides whether the ledger is honest: the commands verify what it answers.
 */
public final class LedgerClient {

    /** The largest page of leaves the ledger answers. */
    public static final int LEAF_PAGE = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final String token;
    private final Duration timeout;

    public LedgerClient(String baseUrl, String token, Duration timeout) {
        String url = baseUrl == null ? "" : baseUrl.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw AuditFailure.badInput("--ledger " + baseUrl + " is not a base URL like http://localhost:8080: "
                    + e.getMessage());
        }
        this.base = url;
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public String baseUrl() {
        return base;
    }

    public boolean hasToken() {
        return token != null;
    }

    public LedgerKeyView key() {
        JsonNode json = get("/api/v1/ledger/key").orElseThrow(() -> notFound("/api/v1/ledger/key"));
        return read("/api/v1/ledger/key", () -> new LedgerKeyView(text(json, "keyId"), text(json, "algorithm"),
                text(json, "publicKey")));
    }

    /** The latest signed head. */
    public SignedTreeHead head() {
        String path = "/api/v1/ledger/head";
        JsonNode json = get(path).orElseThrow(() -> AuditFailure.network("GET " + base + path
                + " answered 404: the ledger has no signed head yet (nothing logged), or this is not a Basin Ledger"));
        return read(path, () -> Heads.parse(json));
    }

    /** The head the ledger signed for {@code treeSize} leaves; empty when it answers that it has none (404). */
    public Optional<SignedTreeHead> head(long treeSize) {
        String path = "/api/v1/ledger/heads/" + treeSize;
        return get(path).map(json -> read(path, () -> Heads.parse(json)));
    }

    public ConsistencyProof consistency(long first, long second) {
        String path = "/api/v1/ledger/proofs/consistency?first=" + first + "&second=" + second;
        JsonNode json = get(path).orElseThrow(() -> notFound(path));
        return read(path, () -> new ConsistencyProof(number(json, "first"), number(json, "second"),
                texts(json, "proof")));
    }

    public InclusionProof inclusion(long leafIndex, long treeSize) {
        String path = "/api/v1/ledger/proofs/inclusion?leafIndex=" + leafIndex + "&treeSize=" + treeSize;
        JsonNode json = get(path).orElseThrow(() -> notFound(path));
        return read(path, () -> new InclusionProof(number(json, "leafIndex"), number(json, "treeSize"),
                text(json, "leafHash"), texts(json, "auditPath")));
    }

    /** Leaves from {@code from} on (of the ledger's latest tree), at most {@code limit}. */
    public LedgerLeafPage leaves(long from, int limit) {
        String path = "/api/v1/ledger/leaves?from=" + from + "&limit=" + limit;
        JsonNode json = get(path).orElseThrow(() -> notFound(path));
        return read(path, () -> {
            JsonNode items = json.get("items");
            if (items == null || !items.isArray()) {
                throw new IllegalArgumentException("items is missing");
            }
            List<LedgerLeaf> leaves = new ArrayList<>(items.size());
            for (JsonNode item : items) {
                JsonNode data = item.get("leafData");
                leaves.add(new LedgerLeaf(number(item, "leafIndex"), text(item, "eventId"), text(item, "leafHash"),
                        data == null || data.isNull() ? null : data.asText()));
            }
            JsonNode next = json.get("nextFrom");
            return new LedgerLeafPage(leaves, next == null || next.isNull() ? null : next.asLong());
        });
    }

    /** A head some witnesses co-signed, as the ledger serves it, with their signatures. */
    public record WitnessedHead(SignedTreeHead head, List<Witness> witnesses) {
    }

    /** One co-signature: the jurisdiction, its key id and the base64 Ed25519 signature of the head's signed bytes. */
    public record Witness(String jurisdictionId, String keyId, String signature) {
    }

    /** A page of witnessed heads; {@code nextAfter} null at the end. */
    public record WitnessedHeadPage(List<WitnessedHead> items, Long nextAfter) {
    }

    /** Heads co-signed by witnesses, with a size greater than {@code after}, by size. */
    public WitnessedHeadPage witnessedHeads(long after, int limit) {
        String path = "/api/v1/ledger/witnessed-heads?after=" + after + "&limit=" + limit;
        JsonNode json = get(path).orElseThrow(() -> notFound(path));
        return read(path, () -> {
            JsonNode items = json.get("items");
            if (items == null || !items.isArray()) {
                throw new IllegalArgumentException("items is missing");
            }
            List<WitnessedHead> heads = new ArrayList<>(items.size());
            for (JsonNode item : items) {
                JsonNode witnesses = item.get("witnesses");
                if (witnesses == null || !witnesses.isArray()) {
                    throw new IllegalArgumentException("witnesses is missing");
                }
                List<Witness> list = new ArrayList<>(witnesses.size());
                for (JsonNode witness : witnesses) {
                    list.add(new Witness(text(witness, "jurisdictionId"), text(witness, "keyId"),
                            text(witness, "signature")));
                }
                heads.add(new WitnessedHead(Heads.parse(item), list));
            }
            JsonNode next = json.get("nextAfter");
            return new WitnessedHeadPage(heads, next == null || next.isNull() ? null : next.asLong());
        });
    }

    /**
     * The keys (key id to base64 DER) a jurisdiction registered, revoked ones included; empty when the ledger
     * answers 404 (no such jurisdiction).
     */
    public Optional<java.util.Map<String, String>> jurisdictionKeys(String jurisdictionId) {
        String path = "/api/v1/jurisdictions/" + java.net.URLEncoder.encode(jurisdictionId, StandardCharsets.UTF_8);
        return get(path).map(json -> read(path, () -> {
            JsonNode keys = json.get("keys");
            if (keys == null || !keys.isArray()) {
                throw new IllegalArgumentException("keys is missing");
            }
            java.util.Map<String, String> byId = new java.util.LinkedHashMap<>();
            for (JsonNode key : keys) {
                byId.put(text(key, "keyId"), text(key, "publicKey"));
            }
            return byId;
        }));
    }

    /** One page of an agreement's history (needs a token of a party, mediator or the registrar). */
    public JsonNode history(String agreementId, long after, int limit) {
        String path = "/api/v1/agreements/" + URLEncoder.encode(agreementId, StandardCharsets.UTF_8)
                + "/history?after=" + after + "&limit=" + limit;
        return get(path).orElseThrow(() -> AuditFailure.network("GET " + base + path
                + " answered 404: no agreement " + agreementId));
    }

    /** GET a JSON answer; empty on 404; any other non-2xx answer or an unreachable ledger fails (network). */
    Optional<JsonNode> get(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AuditFailure(ExitCodes.NETWORK, "cannot reach the ledger at " + base + " (GET " + path + "): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditFailure(ExitCodes.NETWORK, "interrupted while waiting for GET " + base + path, e);
        }
        int status = response.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status / 100 != 2) {
            throw AuditFailure.network("GET " + base + path + " answered " + status + problem(response.body()));
        }
        try {
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw AuditFailure.network("GET " + base + path + " answered " + status + " but not JSON: "
                    + e.getMessage());
        }
    }

    private AuditFailure notFound(String path) {
        return AuditFailure.network("GET " + base + path + " answered 404: is " + base + " a Basin Ledger?");
    }

    private static String problem(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            StringBuilder text = new StringBuilder();
            if (json.hasNonNull("title")) {
                text.append(": ").append(json.get("title").asText());
            }
            if (json.hasNonNull("detail")) {
                text.append(text.length() == 0 ? ": " : " — ").append(json.get("detail").asText());
            }
            JsonNode errors = json.get("errors");
            if (errors != null && errors.isArray()) {
                for (JsonNode error : errors) {
                    text.append(" [").append(error.path("field").asText()).append(": ")
                            .append(error.path("message").asText()).append("]");
                }
            }
            return text.toString();
        } catch (IOException | RuntimeException e) {
            String raw = new String(body, StandardCharsets.UTF_8).strip();
            return raw.isEmpty() ? "" : ": " + (raw.length() > 300 ? raw.substring(0, 300) + "…" : raw);
        }
    }

    private interface Reader<T> {
        T read();
    }

    private <T> T read(String path, Reader<T> reader) {
        try {
            return reader.read();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw AuditFailure.network("GET " + base + path + " answered JSON that is not what the API documents: "
                    + e.getMessage());
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value.asText();
    }

    private static long number(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(field + " is not a whole number");
        }
        return value.asLong();
    }

    private static List<String> texts(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException(field + " is not a list");
        }
        List<String> texts = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException(field + " holds a non-text entry");
            }
            texts.add(item.asText());
        }
        return texts;
    }
}
