package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.caching.Cache;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.Scenarios;
import org.basinledger.command.agreement.Agreement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Agreements are snapshotted (every 5 events here, 500 by default) with the ledger's own serializer, at the
 * revision of the agreement's state: the stored snapshot reads back into an agreement; a snapshot of another
 * revision (an older shape of the state) is ignored, so an agreement no longer in the cache is then read from its
 * events and assesses a year of reports, all of them counted; the snapshot taken after that assessment keeps none
 * of the year's report summaries, only their places in the stream.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgreementSnapshotH2IT {

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        String dataDir = Path.of("target", "it-data", "snapshots-" + System.nanoTime()).toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.registrar-token", () -> LedgerDriver.REGISTRAR_TOKEN);
        registry.add("ledger.snapshots.agreement-events", () -> "5");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;
    @Autowired
    @Qualifier("agreementCache")
    Cache agreementCache;

    private static JsonNode json(byte[] bytes) {
        try {
            return new ObjectMapper().readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAgreementOutOfTheCacheIsLoadedFromItsSnapshotAndAssessesEveryReport() {
        Http http = new Http(port);
        LedgerDriver ledger = new LedgerDriver(http);
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        Government ministry = ledger.register("CN-MOF");
        String id = Scenarios.signedInForce(ledger, Scenarios.xinan(anhui, zhejiang, ministry), anhui, zhejiang,
                ministry);
        for (int month = 1; month <= 12; month++) {
            Http.Answer report = http.post("/api/v1/agreements/" + id + "/monitoring-reports",
                    Scenarios.monthlyReport("JIEKOU", Scenarios.LAST_YEAR, month,
                            Map.of("CODMN", "1.80", "NH3N", "0.12", "TP", "0.025", "TN", "1.20"), null))
                    .token(anhui.token()).send();
            assertThat(report.status()).as(report.toString()).isEqualTo(201);
        }

        List<Map<String, Object>> snapshots = jdbc.queryForList("SELECT payload, payload_type, payload_revision,"
                + " sequence_number FROM snapshot_event_entry WHERE aggregate_identifier = ?", id);
        assertThat(snapshots).as("the agreement's latest snapshot").hasSize(1);
        Map<String, Object> snapshot = snapshots.get(0);
        assertThat(snapshot.get("payload_type")).isEqualTo(Agreement.class.getName());
        assertThat(snapshot.get("payload_revision")).isEqualTo("3");
        assertThat(((Number) snapshot.get("sequence_number")).longValue()).isGreaterThanOrEqualTo(10);
        byte[] payload = (byte[]) snapshot.get("payload");
        assertThat(new String(payload, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("takenAt");
        Object restored = serializer.deserialize(new SimpleSerializedObject<>(payload, byte[].class,
                Agreement.class.getName(), null));
        SerializedObject<byte[]> again = serializer.serialize(restored, byte[].class);
        assertThat(json(again.getData())).isEqualTo(json(payload));

        // a snapshot of an older shape of the state (revision none): misread, it would be a draft never in force
        jdbc.update("UPDATE snapshot_event_entry SET payload = ?, payload_revision = NULL WHERE aggregate_identifier = ?",
                ("{\"agreementId\":\"" + id + "\",\"status\":\"DRAFT\"}").getBytes(StandardCharsets.UTF_8), id);
        agreementCache.removeAll();
        Http.Answer assessed = http.post("/api/v1/agreements/" + id + "/assessments",
                Map.of("sectionId", "JIEKOU", "period", String.valueOf(Scenarios.LAST_YEAR))).token(zhejiang.token())
                .send();
        assertThat(assessed.status()).as(assessed.toString()).isEqualTo(201);
        JsonNode inputs = assessed.json().path("inputs");
        assertThat(inputs.path("reports")).hasSize(12);
        assertThat(inputs.path("means")).extracting(m -> m.path("samples").asInt()).containsOnly(12 * 2);
        assertThat(assessed.json().path("result").path("index").asText()).isEqualTo("0.8500");

        // read from its events (more than 5 since no usable snapshot), the agreement was snapshotted again: the year
        // is assessed, so no summary of its reports is kept, only where each one is in the stream
        JsonNode compliance = json((byte[]) jdbc.queryForMap("SELECT payload FROM snapshot_event_entry"
                + " WHERE aggregate_identifier = ? AND payload_revision = '3'", id).get("payload")).path("compliance");
        assertThat(compliance.path("reports").isEmpty()).as(compliance.toString()).isTrue();
        assertThat(compliance.path("archivedReports")).hasSize(12);
    }
}
