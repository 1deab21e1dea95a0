package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.basinledger.api.ledger.LeafData;
import org.basinledger.api.ledger.Rfc6962;
import org.basinledger.api.registry.KeyIds;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.Keys;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The integrity log over HTTP (issue 5), on the whole application: signed heads that verify with the ledger's key,
 * inclusion proofs for the history's leaf indexes, consistency between heads, bad proof requests, and a store
 * changed behind the ledger's back through JDBC, which the verification names and the health reports, while reads
 * go on. Each tampering is undone at the end of its test. Run on H2 and PostgreSQL by the subclasses.
 */
abstract class LedgerIntegrityContract {

    static final LocalDate PAST = LocalDate.now().minusYears(1);
    static final LocalDate FUTURE = LocalDate.now().plusYears(3);
    private static final HexFormat HEX = HexFormat.of();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;
    LedgerDriver ledger;

    @BeforeEach
    void connect() {
        http = new Http(port);
        ledger = new LedgerDriver(http);
    }

    /** Two parties draft, open and sign an agreement; answers its id. */
    private String lifecycle() {
        Government a = ledger.register("CN-AH");
        Government b = ledger.register("CN-ZJ");
        String id = ledger.draft(a, LedgerDriver.draftBody(PAST, FUTURE, a, b)).path("id").asText();
        ledger.open(b, id);
        assertThat(ledger.sign(a, id, true).status()).isEqualTo(200);
        assertThat(ledger.sign(b, id, true).status()).isEqualTo(200);
        return id;
    }

    /** The latest head, once it covers every stored event. */
    private JsonNode headCoveringEverything() {
        String[] last = new String[1];
        try {
            return await(() -> {
                Long stored = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
                Http.Answer head = http.get("/api/v1/ledger/head").send();
                last[0] = stored + " events stored, head " + head;
                return head.status() == 200 && head.json().path("treeSize").asLong() == stored ? head.json() : null;
            });
        } catch (AssertionError e) {
            throw new AssertionError("the head did not cover every event: " + last[0], e);
        }
    }

    /** The agreement's history, once every entry shows its leaf index. */
    private JsonNode historyWithLeafIndexes(String agreementId) {
        return await(() -> {
            JsonNode items = http.get("/api/v1/agreements/" + agreementId + "/history")
                    .token(LedgerDriver.REGISTRAR_TOKEN).send().json().path("items");
            for (JsonNode item : items) {
                if (!item.path("leafIndex").isIntegralNumber()) {
                    return null;
                }
            }
            return items;
        });
    }

    static <T> T await(Supplier<T> probe) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        T value = probe.get();
        while (value == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = probe.get();
        }
        assertThat(value).as("reached within 20 s").isNotNull();
        return value;
    }

    static boolean signatureVerifies(JsonNode head, JsonNode key) throws Exception {
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(key.path("publicKey").asText())));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(("basin-ledger:tree-head:v1:" + head.path("treeSize").asLong() + ":"
                + head.path("rootHash").asText() + ":" + head.path("timestamp").asText())
                .getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(head.path("signature").asText()));
    }

    static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(h -> hashes.add(HEX.parseHex(h.asText())));
        return hashes;
    }

    @Test
    void theHeadIsSignedAndEveryHistoryEntryIsProvablyInTheLog() throws Exception {
        String id = lifecycle();
        JsonNode head = headCoveringEverything();
        JsonNode key = http.get("/api/v1/ledger/key").send().json();
        assertThat(key.path("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(key.path("keyId").asText()).isEqualTo(KeyIds.of(key.path("publicKey").asText()));
        assertThat(head.path("keyId").asText()).isEqualTo(key.path("keyId").asText());
        assertThat(head.path("rootHash").asText()).matches("[0-9a-f]{64}");
        assertThat(signatureVerifies(head, key)).isTrue();

        long treeSize = head.path("treeSize").asLong();
        byte[] root = HEX.parseHex(head.path("rootHash").asText());
        JsonNode history = historyWithLeafIndexes(id);
        assertThat(history).hasSize(6);
        for (JsonNode entry : history) {
            long leafIndex = entry.path("leafIndex").asLong();
            Http.Answer proof = http.get("/api/v1/ledger/proofs/inclusion?leafIndex=" + leafIndex + "&treeSize="
                    + treeSize).send();
            assertThat(proof.status()).as(proof.toString()).isEqualTo(200);
            assertThat(proof.json().path("leafIndex").asLong()).isEqualTo(leafIndex);
            assertThat(proof.json().path("treeSize").asLong()).isEqualTo(treeSize);
            byte[] leafHash = HEX.parseHex(proof.json().path("leafHash").asText());
            assertThat(Rfc6962.verifyInclusion(leafIndex, treeSize, leafHash, hashes(proof.json().path("auditPath")),
                    root)).as("inclusion of leaf %d", leafIndex).isTrue();

            JsonNode exported = http.get("/api/v1/ledger/leaves?from=" + leafIndex + "&limit=1")
                    .token(LedgerDriver.REGISTRAR_TOKEN).send().json().path("items").path(0);
            byte[] data = Base64.getDecoder().decode(exported.path("leafData").asText());
            assertThat(Rfc6962.leafHash(data)).isEqualTo(leafHash);
            assertThat(LeafData.decode(data).eventIdentifier()).isEqualTo(entry.path("eventId").asText());
            assertThat(exported.path("eventId").asText()).isEqualTo(entry.path("eventId").asText());
        }
        JsonNode publicLeaf = http.get("/api/v1/ledger/leaves?from=0&limit=1").send().json().path("items").path(0);
        assertThat(publicLeaf.path("leafHash").asText()).matches("[0-9a-f]{64}");
        assertThat(publicLeaf.path("leafData").isNull()).as("drafts are not public").isTrue();

        ledger.register("CN-JS");
        JsonNode later = headCoveringEverything();
        assertThat(later.path("treeSize").asLong()).isGreaterThan(treeSize);
        assertThat(signatureVerifies(later, key)).isTrue();
        Http.Answer consistency = http.get("/api/v1/ledger/proofs/consistency?first=" + treeSize + "&second="
                + later.path("treeSize").asLong()).send();
        assertThat(consistency.status()).as(consistency.toString()).isEqualTo(200);
        assertThat(Rfc6962.verifyConsistency(treeSize, later.path("treeSize").asLong(), root,
                HEX.parseHex(later.path("rootHash").asText()), hashes(consistency.json().path("proof")))).isTrue();
        assertThat(http.get("/api/v1/ledger/heads/" + treeSize).send().json()).isEqualTo(head);
        JsonNode heads = http.get("/api/v1/ledger/heads?limit=1000").send().json().path("items");
        assertThat(heads).extracting(h -> h.path("treeSize").asLong()).contains(treeSize, later.path("treeSize").asLong())
                .isSorted();
        assertThat(http.get("/api/v1/ledger/proofs/consistency?first=" + treeSize + "&second=" + treeSize).send()
                .json().path("proof")).isEmpty();
    }

    @Test
    void aJurisdictionCoSignsAHeadWithItsRegisteredKeyAndAnyoneReadsTheWitnesses() {
        Government witness = ledger.register("CN-WT");
        Government other = ledger.register("CN-OT");
        JsonNode head = headCoveringEverything();
        long size = head.path("treeSize").asLong();
        byte[] signed = ("basin-ledger:tree-head:v1:" + size + ":" + head.path("rootHash").asText() + ":"
                + head.path("timestamp").asText()).getBytes(StandardCharsets.UTF_8);
        String path = "/api/v1/ledger/heads/" + size + "/witnesses";

        Http.Answer anonymous = http.post(path, Map.of("signature", witness.keys().sign(signed))).send();
        assertThat(anonymous.status()).isEqualTo(401);
        Http.Answer registrar = http.post(path, Map.of("signature", witness.keys().sign(signed)))
                .token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(registrar.status()).as("only a jurisdiction witnesses").isEqualTo(403);
        Http.Answer othersKey = http.post(path, Map.of("signature", other.keys().sign(signed)))
                .token(witness.token()).send();
        assertThat(othersKey.status()).as(othersKey.toString()).isEqualTo(400);
        assertThat(othersKey.json().path("type").asText()).isEqualTo("urn:basin-ledger:problem:signature-rejected");
        byte[] otherBytes = ("basin-ledger:tree-head:v1:" + size + ":" + "0".repeat(64) + ":"
                + head.path("timestamp").asText()).getBytes(StandardCharsets.UTF_8);
        assertThat(http.post(path, Map.of("signature", witness.keys().sign(otherBytes))).token(witness.token()).send()
                .status()).as("another root").isEqualTo(400);
        Http.Answer noSignature = http.post(path, Map.of()).token(witness.token()).send();
        assertThat(noSignature.status()).isEqualTo(400);
        assertThat(noSignature.json().path("errors").path(0).path("field").asText()).isEqualTo("signature");
        Http.Answer wrongKeyId = http.post(path, Map.of("signature", witness.keys().sign(signed), "keyId",
                other.keyId())).token(witness.token()).send();
        assertThat(wrongKeyId.status()).isEqualTo(400);
        assertThat(wrongKeyId.json().path("errors").path(0).path("field").asText()).isEqualTo("keyId");
        assertThat(http.post("/api/v1/ledger/heads/" + (size + 1000) + "/witnesses", Map.of("signature",
                witness.keys().sign(signed))).token(witness.token()).send().status()).isEqualTo(404);
        assertThat(http.post("/api/v1/ledger/heads/x/witnesses", Map.of("signature", witness.keys().sign(signed)))
                .token(witness.token()).send().status()).isEqualTo(400);
        assertThat(http.post(path, "{\"signature\":").token(witness.token()).send().status()).as("not JSON")
                .isEqualTo(400);
        assertThat(http.post(path, Map.of("signature", "not base64!")).token(witness.token()).send().status())
                .isEqualTo(400);
        assertThat(http.post("/api/v1/ledger/integrity-hold/release", "[1,").token(LedgerDriver.REGISTRAR_TOKEN)
                .send().status()).as("not JSON").isEqualTo(400);

        Http.Answer cosigned = http.post(path, Map.of("signature", witness.keys().sign(signed), "keyId",
                witness.keyId())).token(witness.token()).send();
        assertThat(cosigned.status()).as(cosigned.toString()).isEqualTo(201);
        assertThat(cosigned.json().path("jurisdictionId").asText()).isEqualTo(witness.id());
        assertThat(cosigned.json().path("keyId").asText()).isEqualTo(witness.keyId());
        assertThat(http.post(path, Map.of("signature", witness.keys().sign(signed))).token(witness.token()).send()
                .status()).as("once per head").isEqualTo(409);
        assertThat(http.post(path, Map.of("signature", other.keys().sign(signed))).token(other.token()).send()
                .status()).as("keyId is optional").isEqualTo(201);

        JsonNode witnessed = http.get(path).send().json();
        assertThat(witnessed.path("treeSize").asLong()).isEqualTo(size);
        assertThat(witnessed.path("rootHash").asText()).isEqualTo(head.path("rootHash").asText());
        assertThat(witnessed.path("signature").asText()).isEqualTo(head.path("signature").asText());
        assertThat(witnessed.path("witnesses")).extracting(w -> w.path("jurisdictionId").asText())
                .containsExactlyInAnyOrder(witness.id(), other.id());
        JsonNode page = http.get("/api/v1/ledger/witnessed-heads?after=" + (size - 1) + "&limit=1").send().json();
        assertThat(page.path("items").path(0).path("treeSize").asLong()).isEqualTo(size);
        assertThat(page.path("items").path(0).path("witnesses")).hasSize(2);
        assertThat(http.get("/api/v1/ledger/witnessed-heads?limit=5000").send().status()).isEqualTo(400);
    }

    @Test
    void badProofRequestsAreRefusedWith400AndTheVerificationIsTheRegistrars() {
        lifecycle();
        long size = headCoveringEverything().path("treeSize").asLong();
        long firstSigned = http.get("/api/v1/ledger/heads?limit=1").send().json().path("items").path(0)
                .path("treeSize").asLong();
        Map<String, String> badRequests = Map.of(
                "/api/v1/ledger/proofs/inclusion?leafIndex=" + size + "&treeSize=" + size, "leafIndex",
                "/api/v1/ledger/proofs/inclusion?leafIndex=0&treeSize=" + (size + 1), "treeSize",
                "/api/v1/ledger/proofs/inclusion?leafIndex=abc&treeSize=" + size, "leafIndex",
                "/api/v1/ledger/proofs/inclusion?leafIndex=-1", "leafIndex",
                "/api/v1/ledger/proofs/inclusion?treeSize=" + size, "leafIndex",
                "/api/v1/ledger/proofs/consistency?first=" + size + "&second=1", "first",
                "/api/v1/ledger/proofs/consistency?first=0&second=" + size, "first",
                "/api/v1/ledger/proofs/consistency?first=" + firstSigned + "&second=" + (size + 5), "second",
                "/api/v1/ledger/proofs/consistency?first=1.5&second=" + size, "first",
                "/api/v1/ledger/leaves?from=x", "from");
        badRequests.forEach((path, field) -> {
            Http.Answer answer = http.get(path).send();
            assertThat(answer.status()).as(path + " " + answer).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().path("type").asText()).isEqualTo("urn:basin-ledger:problem:invalid-input");
            assertThat(answer.json().path("errors").path(0).path("field").asText()).as(path).isEqualTo(field);
        });
        assertThat(http.get("/api/v1/ledger/heads/" + (size + 1000)).send().status()).isEqualTo(404);
        assertThat(http.get("/api/v1/ledger/verification").send().status()).isEqualTo(401);
        Government outsider = ledger.register("CN-HB");
        assertThat(http.get("/api/v1/ledger/verification").token(outsider.token()).send().status()).isEqualTo(403);
    }

    @Test
    void aChangedPayloadByteIsNamedByTheVerificationAndTheHealthSaysSoWhileReadsGoOn() {
        String id = lifecycle();
        headCoveringEverything();
        JsonNode opened = historyWithLeafIndexes(id).path(1);
        assertThat(opened.path("type").asText()).isEqualTo("AgreementOpenedForSignature");
        String eventId = opened.path("eventId").asText();
        long leafIndex = opened.path("leafIndex").asLong();
        assertThat(verification().path("ok").asBoolean()).isTrue();

        byte[] original = jdbc.queryForObject("select payload from domain_event_entry where event_identifier = ?",
                byte[].class, eventId);
        byte[] changed = original.clone();
        changed[changed.length / 2] ^= 0x01;
        jdbc.update("update domain_event_entry set payload = ? where event_identifier = ?", changed, eventId);
        try {
            JsonNode report = verification();
            assertThat(report.path("ok").asBoolean()).as(report.toString()).isFalse();
            assertThat(report.path("firstMismatch").path("kind").asText()).isEqualTo("CHANGED");
            assertThat(report.path("firstMismatch").path("leafIndex").asLong()).isEqualTo(leafIndex);
            assertThat(report.path("firstMismatch").path("eventId").asText()).isEqualTo(eventId);
            assertThat(report.path("checked").asLong()).isEqualTo(report.path("treeSize").asLong());

            Http.Answer health = http.get("/actuator/health").send();
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
            assertThat(health.json().path("description").asText()).contains("integrity check failed")
                    .contains("leaf " + leafIndex).contains(eventId);
            assertThat(http.get("/api/v1/agreements").send().status()).isEqualTo(200);
            assertThat(http.get("/api/v1/agreements/" + id).send().status()).isEqualTo(200);
            assertThat(jdbc.queryForObject("select payload from domain_event_entry where event_identifier = ?",
                    byte[].class, eventId)).as("never repaired silently").isEqualTo(changed);
            Http.Answer held = http.post("/api/v1/jurisdictions", Map.of("id", "CN-SH-H", "name", "Shanghai",
                    "level", "CITY", "publicKey", Keys.generate().publicKeyPem())).token(LedgerDriver.REGISTRAR_TOKEN)
                    .send();
            assertThat(held.status()).as(held.toString()).isEqualTo(503);
            assertThat(held.json().path("type").asText()).isEqualTo("urn:basin-ledger:problem:ledger-integrity-failed");
            assertThat(held.json().path("detail").asText()).contains("CHANGED at leaf " + leafIndex);
            assertThat(held.header("Retry-After")).isNull();
        } finally {
            jdbc.update("update domain_event_entry set payload = ? where event_identifier = ?", original, eventId);
        }
        assertThat(verification().path("ok").asBoolean()).isTrue();
        assertThat(http.get("/actuator/health").send().json().path("status").asText()).isEqualTo("UP");

        // a passing verification does not end the hold: the registrar does, saying why
        Http.Answer stillHeld = http.post("/api/v1/jurisdictions", Map.of("id", "CN-SH-X", "name", "Shanghai",
                "level", "CITY", "publicKey", Keys.generate().publicKeyPem())).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(stillHeld.status()).as(stillHeld.toString()).isEqualTo(503);
        String release = "/api/v1/ledger/integrity-hold/release";
        assertThat(http.post(release, Map.of("reason", "x")).send().status()).isEqualTo(401);
        assertThat(http.post(release, Map.of()).token(LedgerDriver.REGISTRAR_TOKEN).send().status()).isEqualTo(400);
        Http.Answer blank = http.post(release, Map.of("reason", " ")).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().path("errors").path(0).path("field").asText()).isEqualTo("reason");
        Http.Answer released = http.post(release, Map.of("reason", "test payload change undone"))
                .token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        assertThat(released.json().path("reason").asText()).isEqualTo("test payload change undone");
        assertThat(jdbc.queryForObject("select count(*) from integrity_hold_release where reason = ?", Long.class,
                "test payload change undone")).isEqualTo(1);
        assertThat(http.post(release, Map.of("reason", "again")).token(LedgerDriver.REGISTRAR_TOKEN).send().status())
                .as("nothing left to release").isEqualTo(409);
        Government afterRelease = ledger.register("CN-SH");
        assertThat(http.get("/api/v1/jurisdictions/" + afterRelease.id()).send().status()).isEqualTo(200);
    }

    @Test
    void aDeletedEventRowIsReportedMissing() {
        String id = lifecycle();
        headCoveringEverything();
        JsonNode signed = historyWithLeafIndexes(id).path(2);
        String eventId = signed.path("eventId").asText();
        Map<String, Object> row = jdbc.queryForMap("select * from domain_event_entry where event_identifier = ?",
                eventId);
        jdbc.update("delete from domain_event_entry where event_identifier = ?", eventId);
        try {
            JsonNode report = verification();
            assertThat(report.path("ok").asBoolean()).isFalse();
            assertThat(report.path("firstMismatch").path("kind").asText()).isEqualTo("MISSING");
            assertThat(report.path("firstMismatch").path("leafIndex").asLong())
                    .isEqualTo(signed.path("leafIndex").asLong());
            assertThat(report.path("firstMismatch").path("eventId").asText()).isEqualTo(eventId);
            assertThat(http.get("/actuator/health").send().json().path("status").asText()).isEqualTo("DOWN");
        } finally {
            List<String> columns = new ArrayList<>(row.keySet());
            jdbc.update("insert into domain_event_entry (" + String.join(", ", columns) + ") values ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")",
                    columns.stream().map(row::get).toArray());
        }
        assertThat(verification().path("ok").asBoolean()).isTrue();
        assertThat(http.post("/api/v1/ledger/integrity-hold/release", Map.of("reason", "test row restored"))
                .token(LedgerDriver.REGISTRAR_TOKEN).send().status()).isEqualTo(200);
    }

    private JsonNode verification() {
        Http.Answer answer = http.get("/api/v1/ledger/verification").token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }
}
