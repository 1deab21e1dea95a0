package org.basinledger.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.basinledger.app.BasinLedgerApplication;
import org.basinledger.query.integrity.IntegrityLog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The auditor against the real application, in-process on H2: a party saves a head and a jurisdiction co-signs it,
 * then the operator rewrites the log the way a dishonest one would (one stored payload byte changed through JDBC,
 * the Merkle log dropped and rebuilt from the changed store by a restart). With database access alone the ledger
 * refuses to sign the rebuilt log (it keeps its last signed head in the data directory); an operator who also
 * deletes that file gets new heads signed with the ledger's own key. The auditor, holding the head from before, fails
 * with the inconsistency exit code and names that head; so does a party that saved nothing, through the witness.
 */
class AuditorEndToEndIT {

    private static final String REGISTRAR = "auditor-it-registrar-token-0123456789";
    private static final String TITLE = "Basin audit agreement";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void detectsALogRewrittenAndReSignedAfterItSavedAHead() throws Exception {
        Path work = Path.of("target", "it-data", "auditor-" + System.nanoTime()).toAbsolutePath();
        Path dataDir = work.resolve("data");
        Path state = work.resolve("auditor-state.json");
        Path keyFile = work.resolve("ledger.pem");
        Files.createDirectories(work);
        String url;
        JsonNode savedHead;

        try (ConfigurableApplicationContext app = start(dataDir)) {
            url = "http://127.0.0.1:" + port(app);
            Api api = new Api(url);
            Party a = api.register("CN-AH-AUD");
            Party b = api.register("CN-ZJ-AUD");
            String agreement = api.draft(a, b);
            api.open(a, agreement);
            api.sign(a, agreement);
            api.sign(b, agreement);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            savedHead = api.headCovering(() -> jdbc.queryForObject("select count(*) from domain_event_entry",
                    Long.class));

            // the party pins the key (here fetched; in life compared out of band) and saves the head
            Run key = Run.of("key", "--ledger", url, "--out", keyFile.toString());
            assertThat(key.code()).as(key.toString()).isZero();
            Run check = Run.of("check", "--ledger", url, "--key", keyFile.toString(), "--state", state.toString());
            assertThat(check.code()).as(check.toString()).isZero();
            assertThat(check.out()).contains("size " + savedHead.path("treeSize").asLong(), "OK");

            Run inclusion = Run.of("inclusion", "--ledger", url, "--key", keyFile.toString(), "--state",
                    state.toString(), "--agreement", agreement, "--token", a.token(), "--leaf", "0");
            assertThat(inclusion.code()).as(inclusion.toString()).isZero();

            Path export = work.resolve("export.jsonl");
            Run exported = Run.of("export", "--ledger", url, "--key", keyFile.toString(), "--state", state.toString(),
                    "--token", REGISTRAR, "--out", export.toString());
            assertThat(exported.code()).as(exported.toString()).isZero();
            Run verified = Run.of("verify-export", export.toString(), "--key", keyFile.toString(), "--require-data");
            assertThat(verified.code()).as(verified.toString()).isZero();

            // a jurisdiction co-signs the head it saw
            Signature cosigner = Signature.getInstance("Ed25519");
            cosigner.initSign(b.keys().getPrivate());
            cosigner.update(("basin-ledger:tree-head:v1:" + savedHead.path("treeSize").asLong() + ":"
                    + savedHead.path("rootHash").asText() + ":" + savedHead.path("timestamp").asText())
                    .getBytes(StandardCharsets.UTF_8));
            api.call("POST", "/api/v1/ledger/heads/" + savedHead.path("treeSize").asLong() + "/witnesses", b.token(),
                    Map.of("signature", Base64.getEncoder().encodeToString(cosigner.sign())), 201);
            Run witnessed = Run.of("check", "--ledger", url, "--key", keyFile.toString(), "--state",
                    state.toString());
            assertThat(witnessed.code()).as(witnessed.toString()).isZero();
            assertThat(witnessed.out()).contains("consistent with 1 witnessed head(s), 1 co-signature(s)");

            // the dishonest operator: stop the log, change one stored byte, drop the Merkle log and its token
            app.getBean(EventProcessingConfiguration.class)
                    .eventProcessor(IntegrityLog.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow()
                    .shutDown();
            tamperOnePayloadByte(jdbc);
            for (String table : List.of("ledger_head", "ledger_node", "ledger_leaf", "ledger_verification")) {
                jdbc.update("delete from " + table);
            }
            assertThat(jdbc.update("delete from token_entry where processor_name = ?", IntegrityLog.PROCESSING_GROUP))
                    .isPositive();
        }

        // the same data directory: the log processor re-logs the changed store, but refuses to sign it
        try (ConfigurableApplicationContext app = start(dataDir)) {
            url = "http://127.0.0.1:" + port(app);
            Api api = new Api(url);
            String health = api.awaitHealthDown();
            assertThat(health).contains("refuses to sign", "the ledger signed a head of "
                    + savedHead.path("treeSize").asLong() + " leaves");
            assertThat(api.tryHead()).as("nothing signed").isEmpty();
        }

        // an operator with the data directory too deletes the last signed head: the ledger re-signs the changed log
        try (Stream<Path> files = Files.list(dataDir)) {
            List<Path> lastHeads = files.filter(f -> f.getFileName().toString().startsWith("ledger-last-head-"))
                    .toList();
            assertThat(lastHeads).hasSize(1);
            Files.delete(lastHeads.get(0));
        }
        try (ConfigurableApplicationContext app = start(dataDir)) {
            url = "http://127.0.0.1:" + port(app);
            Api api = new Api(url);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            JsonNode rebuilt = api.headCovering(() -> jdbc.queryForObject("select count(*) from domain_event_entry",
                    Long.class));
            assertThat(rebuilt.path("rootHash").asText()).isNotEqualTo(savedHead.path("rootHash").asText());
            assertThat(rebuilt.path("keyId").asText()).isEqualTo(savedHead.path("keyId").asText());

            // the rebuilt head alone verifies: only a head kept from before gives the rewrite away, the party's own
            // or the witness's (which a party that saved nothing checks too)
            Run fresh = Run.of("check", "--ledger", url, "--key", keyFile.toString(), "--state",
                    work.resolve("fresh.json").toString(), "--no-witnesses");
            assertThat(fresh.code()).as(fresh.toString()).isZero();
            Run freshWithWitnesses = Run.of("check", "--ledger", url, "--key", keyFile.toString(), "--state",
                    work.resolve("fresh2.json").toString());
            assertThat(freshWithWitnesses.code()).as(freshWithWitnesses.toString()).isEqualTo(ExitCodes.INCONSISTENT);
            assertThat(freshWithWitnesses.err()).contains("witnessed head (size " + savedHead.path("treeSize").asLong());

            byte[] before = Files.readAllBytes(state);
            Run check = Run.of("check", "--ledger", url, "--key", keyFile.toString(), "--state", state.toString());
            System.out.println("check after the rewrite: " + check);
            assertThat(check.code()).as(check.toString()).isEqualTo(ExitCodes.INCONSISTENT);
            assertThat(check.err()).contains("inconsistent log", "saved head (size "
                    + savedHead.path("treeSize").asLong() + ", root " + savedHead.path("rootHash").asText());
            assertThat(Files.readAllBytes(state)).isEqualTo(before);
        }
    }

    private static void tamperOnePayloadByte(JdbcTemplate jdbc) {
        byte[] title = TITLE.getBytes(StandardCharsets.UTF_8);
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select event_identifier, payload from domain_event_entry order by global_index");
        for (Map<String, Object> row : rows) {
            byte[] payload = (byte[]) row.get("payload");
            int at = indexOf(payload, title);
            if (at >= 0) {
                payload[at] = (byte) 'b';
                assertThat(jdbc.update("update domain_event_entry set payload = ? where event_identifier = ?",
                        payload, row.get("event_identifier"))).isEqualTo(1);
                return;
            }
        }
        throw new AssertionError("no stored event holds the title " + TITLE);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(BasinLedgerApplication.class).run("--server.port=0",
                "--ledger.data-dir=" + dataDir, "--ledger.registrar-token=" + REGISTRAR);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A registered jurisdiction: its key pair, key id and token. */
    private record Party(String id, KeyPair keys, String keyId, String token) {
    }

    /** The few calls of the lifecycle, over HTTP as a government's system makes them. */
    private static final class Api {

        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;

        Api(String base) {
            this.base = base;
        }

        Party register(String id) throws GeneralSecurityException {
            KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            JsonNode registered = call("POST", "/api/v1/jurisdictions", REGISTRAR, Map.of("id", id, "name",
                    "Government " + id, "level", "CITY", "publicKey",
                    Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())), 201);
            JsonNode token = call("POST", "/api/v1/tokens", REGISTRAR,
                    Map.of("principalType", "JURISDICTION", "principalId", id), 201);
            return new Party(id, keys, registered.path("keys").path(0).path("keyId").asText(),
                    token.path("token").asText());
        }

        String draft(Party a, Party b) {
            LocalDate from = LocalDate.now().minusDays(1);
            Map<String, Object> terms = new LinkedHashMap<>();
            terms.put("text", "The parties keep the Jiekou section at Class III or better.");
            terms.put("sections", List.of(Map.of("id", "JIEKOU", "name", "Jiekou", "waterBody", "Xin'an River",
                    "upstream", a.id(), "downstream", b.id())));
            terms.put("obligations", List.of());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", TITLE);
            body.put("basin", "Xin'an River");
            body.put("parties", List.of(Map.of("jurisdictionId", a.id(), "role", "UPSTREAM"),
                    Map.of("jurisdictionId", b.id(), "role", "DOWNSTREAM")));
            body.put("effectiveFrom", from.toString());
            body.put("effectiveUntil", from.plusYears(2).toString());
            body.put("terms", terms);
            return call("POST", "/api/v1/agreements", a.token(), body, 201).path("id").asText();
        }

        void open(Party party, String agreement) {
            call("POST", "/api/v1/agreements/" + agreement + "/open-for-signature", party.token(), null, 200);
        }

        void sign(Party party, String agreement) throws GeneralSecurityException {
            byte[] document = send("GET", "/api/v1/agreements/" + agreement + "/terms", party.token(), null, 200);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(party.keys().getPrivate());
            signer.update(document);
            call("POST", "/api/v1/agreements/" + agreement + "/signatures", party.token(),
                    Map.of("signature", Base64.getEncoder().encodeToString(signer.sign()), "keyId", party.keyId()),
                    200);
        }

        /** The signed head, once it covers every stored event. */
        JsonNode headCovering(java.util.function.Supplier<Long> stored) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                Optional<JsonNode> head = tryHead();
                if (head.isPresent() && head.get().path("treeSize").asLong() == stored.get()) {
                    return head.get();
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no signed head covering all " + stored.get() + " events within 20 s");
        }

        /** The description of /actuator/health once it is DOWN. */
        String awaitHealthDown() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base
                            + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() == 503) {
                        return JSON.readTree(response.body()).path("description").asText();
                    }
                } catch (IOException e) {
                    // not up yet
                }
                Thread.sleep(100);
            }
            throw new AssertionError("the health did not turn DOWN within 30 s");
        }

        private Optional<JsonNode> tryHead() {
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/v1/ledger/head")).build(), HttpResponse.BodyHandlers.ofByteArray());
                return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private JsonNode call(String method, String path, String token, Object body, int expected) {
            try {
                return JSON.readTree(send(method, path, token, body, expected));
            } catch (IOException e) {
                throw new AssertionError(method + " " + path + " answered no JSON", e);
            }
        }

        private byte[] send(String method, String path, String token, Object body, int expected) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token)
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
                if (body != null) {
                    request.header("Content-Type", "application/json");
                }
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).as(method + " " + path + ": "
                        + new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(expected);
                return response.body();
            } catch (IOException e) {
                throw new AssertionError(method + " " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
