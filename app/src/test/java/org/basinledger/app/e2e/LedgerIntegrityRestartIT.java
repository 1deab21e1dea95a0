package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.basinledger.api.ledger.Rfc6962;
import org.basinledger.app.BasinLedgerApplication;
import org.basinledger.app.config.AxonConfig;
import org.basinledger.app.config.LastSignedHeadFile;
import org.basinledger.app.config.LedgerSigningKey;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.query.integrity.IntegrityLog;
import org.basinledger.query.integrity.LastSignedHead;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The log across restarts, a replay of the projections and events stored while the log was not running (as after
 * a crash between an event's commit and its logging): every event is logged exactly once, in one tree that keeps
 * growing under the same key, consistent with the heads signed before.
 */
class LedgerIntegrityRestartIT {

    @Test
    void everyEventIsLoggedOnceAcrossRestartsReplaysAndAStoppedLog() throws Exception {
        Path dataDir = Path.of("target", "it-data", "integrity-restart-" + System.nanoTime());
        JsonNode firstHead;
        String keyId;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            LedgerDriver ledger = new LedgerDriver(new Http(port(first)));
            Government a = ledger.register("CN-AH-HS");

            // a log started over a store that already has events (an upgrade) logs all of them, from the first
            TrackingEventProcessor integrityLog = processor(first, IntegrityLog.PROCESSING_GROUP);
            headCoveringEverything(first, ledger);
            integrityLog.shutDown();
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            for (String table : List.of("ledger_leaf", "ledger_node", "ledger_head")) {
                jdbc.update("delete from " + table);
            }
            jdbc.update("delete from token_entry where processor_name = ?", IntegrityLog.PROCESSING_GROUP);
            // a ledger upgraded from a version without a log has no last signed head either (with one, the ledger
            // would refuse to sign the emptied log: IntegrityTamperContract)
            Files.delete(((LastSignedHeadFile) first.getBean(LastSignedHead.class)).file());
            integrityLog.start();
            Government b = ledger.register("CN-ZJ-HZ");
            headCoveringEverything(first, ledger);
            assertOnceEach(first);
            String id = ledger.draft(a, LedgerDriver.draftBody(LocalDate.now().minusDays(1),
                    LocalDate.now().plusYears(2), a, b)).path("id").asText();
            ledger.open(a, id);
            firstHead = headCoveringEverything(first, ledger);
            keyId = ledger.http().get("/api/v1/ledger/key").send().json().path("keyId").asText();
            Path keyFile = dataDir.resolve(LedgerSigningKey.FILE_NAME);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");

            // the log stops (as if the process died after the events' commit); the events are stored, not logged
            processor(first, IntegrityLog.PROCESSING_GROUP).shutDown();
            ledger.sign(a, id, true);
            ledger.sign(b, id, true);
            assertThat(leaves(first)).isLessThan(events(first));
        }

        try (ConfigurableApplicationContext second = start(dataDir)) {
            LedgerDriver ledger = new LedgerDriver(new Http(port(second)));
            assertThat(ledger.http().get("/api/v1/ledger/key").send().json().path("keyId").asText()).isEqualTo(keyId);
            JsonNode head = headCoveringEverything(second, ledger);
            assertOnceEach(second);

            // a replay of the projections does not touch the log
            TrackingEventProcessor projections = processor(second, AxonConfig.PROJECTIONS);
            projections.shutDown();
            projections.resetTokens();
            projections.start();
            ledger.register("CN-JS");
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (projections.isReplaying() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            JsonNode latest = headCoveringEverything(second, ledger);
            assertOnceEach(second);
            assertThat(latest.path("treeSize").asLong()).isGreaterThan(head.path("treeSize").asLong());

            long from = firstHead.path("treeSize").asLong();
            long to = latest.path("treeSize").asLong();
            JsonNode proof = ledger.http().get("/api/v1/ledger/proofs/consistency?first=" + from + "&second=" + to)
                    .send().json().path("proof");
            assertThat(Rfc6962.verifyConsistency(from, to, HexFormat.of().parseHex(firstHead.path("rootHash").asText()),
                    HexFormat.of().parseHex(latest.path("rootHash").asText()), LedgerIntegrityContract.hashes(proof)))
                    .isTrue();
            JsonNode report = ledger.http().get("/api/v1/ledger/verification").token(LedgerDriver.REGISTRAR_TOKEN)
                    .send().json();
            assertThat(report.path("ok").asBoolean()).as(report.toString()).isTrue();
            assertThat(report.path("checked").asLong()).isEqualTo(to);
        }
    }

    private static JsonNode headCoveringEverything(ConfigurableApplicationContext context, LedgerDriver ledger) {
        return LedgerIntegrityContract.await(() -> {
            Http.Answer head = ledger.http().get("/api/v1/ledger/head").send();
            return head.status() == 200 && head.json().path("treeSize").asLong() == events(context) ? head.json() : null;
        });
    }

    private static void assertOnceEach(ConfigurableApplicationContext context) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        assertThat(leaves(context)).isEqualTo(events(context));
        List<Long> indexes = jdbc.queryForList("select leaf_index from ledger_leaf order by leaf_index", Long.class);
        for (int i = 0; i < indexes.size(); i++) {
            assertThat(indexes.get(i)).isEqualTo(i);
        }
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry e where not exists"
                + " (select 1 from ledger_leaf l where l.event_identifier = e.event_identifier)", Long.class)).isZero();
    }

    private static long events(ConfigurableApplicationContext context) {
        return context.getBean(JdbcTemplate.class).queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    private static long leaves(ConfigurableApplicationContext context) {
        return context.getBean(JdbcTemplate.class).queryForObject("select count(*) from ledger_leaf", Long.class);
    }

    private static TrackingEventProcessor processor(ConfigurableApplicationContext context, String name) {
        return context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(name, TrackingEventProcessor.class).orElseThrow();
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(BasinLedgerApplication.class).run(
                "--server.port=0", "--ledger.data-dir=" + dataDir, "--ledger.registrar-token=" + LedgerDriver.REGISTRAR_TOKEN);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
