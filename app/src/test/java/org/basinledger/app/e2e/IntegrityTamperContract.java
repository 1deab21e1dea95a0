package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.Keys;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.query.integrity.IntegrityLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tampering of issue 10 on the whole application, through JDBC as someone with database access would do it: an
 * event rewritten, the integrity log deleted from its leaf on (leaves, subtrees, heads) and the log processor's token
 * set back before it, so that the processor logs the rewritten history again. Before the last signed head was kept
 * outside the database the ledger re-signed it and the verification was ok; now it signs nothing, the health says
 * why, the verification fails and writes are held (503) while reads go on. Run on H2 and PostgreSQL by the subclasses (each with a context of its own: the
 * tampering is not undone).
 */
abstract class IntegrityTamperContract {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aRewrittenAndReloggedHistoryIsNeverReSigned() throws Exception {
        Http http = new Http(port);
        LedgerDriver ledger = new LedgerDriver(http);
        // the scheduled verification runs soon after start (first-verification-delay 1 s here), not an interval later
        assertThat(LedgerIntegrityContract.await(() -> jdbc.queryForObject(
                "select count(*) from ledger_verification where ok = true", Long.class) > 0 ? true : null)).isTrue();
        Government a = ledger.register("CN-AH");
        Government b = ledger.register("CN-ZJ");
        String id = ledger.draft(a, LedgerDriver.draftBody(LedgerIntegrityContract.PAST,
                LedgerIntegrityContract.FUTURE, a, b)).path("id").asText();
        ledger.open(b, id);
        long signed = LedgerIntegrityContract.await(() -> {
            long stored = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
            Http.Answer head = http.get("/api/v1/ledger/head").send();
            return head.status() == 200 && head.json().path("treeSize").asLong() == stored ? stored : null;
        });
        assertThat(signed).isGreaterThan(3);

        // from the leaf after an earlier head on: rewrite its event, delete the log from there, set the processor
        // back before it
        long leaf = jdbc.queryForObject("select max(tree_size) from ledger_head where tree_size < ?", Long.class,
                signed);
        String eventId = jdbc.queryForObject("select event_identifier from ledger_leaf where leaf_index = ?",
                String.class, leaf);
        long globalIndex = jdbc.queryForObject("select global_index from ledger_leaf where leaf_index = ?",
                Long.class, leaf);
        TrackingEventProcessor integrityLog = processing.eventProcessor(IntegrityLog.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        integrityLog.shutDown();
        byte[] payload = jdbc.queryForObject("select payload from domain_event_entry where event_identifier = ?",
                byte[].class, eventId);
        byte[] changed = payload.clone();
        changed[changed.length / 2] ^= 0x01;
        jdbc.update("update domain_event_entry set payload = ? where event_identifier = ?", changed, eventId);
        jdbc.update("delete from ledger_leaf where leaf_index >= ?", leaf);
        for (int level = 1; level < 63; level++) {
            jdbc.update("delete from ledger_node where level = ? and node_index >= ?", level, leaf >> level);
        }
        jdbc.update("delete from ledger_head where tree_size > ?", leaf);
        setTokenBefore(globalIndex);
        integrityLog.start();

        JsonNode health = LedgerIntegrityContract.await(() -> {
            Http.Answer answer = http.get("/actuator/health").send();
            return answer.status() == 503 ? answer.json() : null;
        });
        assertThat(health.path("status").asText()).isEqualTo("DOWN");
        assertThat(health.path("description").asText()).contains("refuses to sign")
                .contains("the ledger signed a head of " + signed + " leaves");
        assertThat(jdbc.queryForObject("select count(*) from ledger_head where tree_size > ?", Long.class, leaf))
                .as("nothing re-signed").isZero();
        assertThat(jdbc.queryForObject("select count(*) from ledger_leaf", Long.class)).isEqualTo(leaf);

        JsonNode report = http.get("/api/v1/ledger/verification").token(LedgerDriver.REGISTRAR_TOKEN).send().json();
        assertThat(report.path("ok").asBoolean()).as(report.toString()).isFalse();
        assertThat(report.path("firstMismatch").path("kind").asText()).isEqualTo("MISSING");
        assertThat(report.path("firstMismatch").path("detail").asText())
                .contains("the ledger signed a head of " + signed + " leaves");
        assertThat(http.get("/api/v1/agreements/" + id).send().status()).as("reads go on").isEqualTo(200);

        // writes are held, with the reason; a release cannot help while the log refuses to sign
        Http.Answer write = http.post("/api/v1/jurisdictions", Map.of("id", "CN-JS-NJ", "name", "Nanjing",
                "level", "CITY", "publicKey", Keys.generate().publicKeyPem())).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(write.status()).as(write.toString()).isEqualTo(503);
        assertThat(write.contentType()).startsWith("application/problem+json");
        assertThat(write.json().path("type").asText()).isEqualTo("urn:basin-ledger:problem:ledger-integrity-failed");
        assertThat(write.json().path("detail").asText()).contains("refuses to sign");
        assertThat(write.header("Retry-After")).isNull();
        Http.Answer release = http.post("/api/v1/ledger/integrity-hold/release", Map.of("reason", "looked at it"))
                .token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(release.status()).as(release.toString()).isEqualTo(409);
        assertThat(release.json().path("detail").asText()).contains("refuses to sign");
        assertThat(http.get("/api/v1/jurisdictions").send().status()).isEqualTo(200);
    }

    /** Sets the integrity log's tracking token just before the event at {@code globalIndex}, as a reset would. */
    private void setTokenBefore(long globalIndex) throws Exception {
        ObjectMapper json = new ObjectMapper();
        byte[] token = jdbc.queryForObject("select token from token_entry where processor_name = ?", byte[].class,
                IntegrityLog.PROCESSING_GROUP);
        ObjectNode reset = (ObjectNode) json.readTree(token);
        reset.put("index", globalIndex - 1);
        reset.set("gaps", json.createArrayNode());
        assertThat(jdbc.update("update token_entry set token = ? where processor_name = ?",
                json.writeValueAsBytes(reset), IntegrityLog.PROCESSING_GROUP)).isEqualTo(1);
    }
}
