package org.basinledger.importer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends batches to {@code POST /api/v1/agreements/{id}/monitoring-reports/batch} with the caller's token and an
 * {@code Idempotency-Key}, retrying what is worth retrying with the same key and body: no answer (the network, a
 * ledger restarting), {@code 5xx}, {@code 429}, and the {@code 409}s that say "again later"
 * ({@code concurrent-modification}, {@code idempotency-in-progress}). A retry can never record a report twice: the
 * key replays the first answer, and the report keys make the ledger answer {@code UNCHANGED} for what it has.
 */
final class LedgerClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> AGAIN_LATER = Set.of("urn:basin-ledger:problem:concurrent-modification",
            "urn:basin-ledger:problem:idempotency-in-progress");

    /** What the ledger answered a batch, in the end. */
    sealed interface Answer {
    }

    /** Recorded: this many reports now, this many were already ({@code -1, -1} for a 202 "applied"). */
    record Applied(int created, int unchanged) implements Answer {
    }

    /** Refused as a whole (nothing recorded): the status and the problem. */
    record Refused(int status, JsonNode problem) implements Answer {
    }

    private final HttpClient http;
    private final String base;
    private final String token;
    private final int attempts;
    private final Duration firstPause;

    LedgerClient(String base, String token, int attempts, Duration firstPause) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        this.attempts = attempts;
        this.firstPause = firstPause;
    }

    Answer send(String agreementId, byte[] body, String idempotencyKey) throws InterruptedException {
        URI uri = URI.create(base + "/api/v1/agreements/" + agreementId + "/monitoring-reports/batch");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        Duration pause = firstPause;
        String last = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
                        : pause.multipliedBy(2);
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                last = "no answer from " + base + ": " + e;
                continue;
            }
            int status = response.statusCode();
            JsonNode json = json(response.body());
            if (status == 200) {
                return new Applied(json.path("created").asInt(), json.path("unchanged").asInt());
            }
            if (status == 202) {
                return new Applied(-1, -1);
            }
            if (status == 401) {
                throw new Importer.ImportFailure(Importer.UNREACHABLE, "the ledger refused the token (401): "
                        + json.path("detail").asText());
            }
            String type = json.path("type").asText();
            last = status + " " + (type.isEmpty() ? new String(response.body(), StandardCharsets.UTF_8) : type + ": "
                    + json.path("detail").asText());
            if (status >= 500 || status == 429 || (status == 409 && AGAIN_LATER.contains(type))) {
                continue;
            }
            return new Refused(status, json);
        }
        throw new Importer.ImportFailure(Importer.UNREACHABLE, "a batch for agreement " + agreementId + " failed "
                + attempts + " times, the last: " + last);
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
