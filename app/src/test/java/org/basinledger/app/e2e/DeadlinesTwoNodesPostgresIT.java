package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.basinledger.app.BasinLedgerApplication;
import org.basinledger.app.idempotency.IdempotencyKeyPurge;
import org.basinledger.app.support.EnabledIfPostgres;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.PostgresCondition;
import org.basinledger.app.support.Scenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Persistent deadlines (db-scheduler rows in the shared {@code scheduled_tasks}) with two nodes on one PostgreSQL
 * schema: notices' deadlines set through either node each fire exactly once (one miss, one penalty) while both
 * nodes poll; and a deadline that a node had picked when it died (the row a {@code kill -9} leaves: picked, its
 * heartbeat stopped) runs on the other node within db-scheduler's dead-execution bound
 * ({@code db-scheduler.heartbeat-interval} × {@code missed-heartbeats-limit}: the ledger's 5 s × 6 = 30 s; with
 * db-scheduler's defaults, 5 min × 6, it waited half an hour). The nodes here beat every second (1 s × 6 = 6 s): the
 * takeover is the same code path, reached 24 s sooner.
 */
@EnabledIfPostgres
class DeadlinesTwoNodesPostgresIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = PostgresCondition.newSchema();
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final int INCIDENTS = 6;

    private static final List<ConfigurableApplicationContext> started = new ArrayList<>();

    @AfterAll
    static void stopAndDrop() {
        started.forEach(ConfigurableApplicationContext::close);
        try (var connection = java.sql.DriverManager.getConnection(PostgresCondition.URL, PostgresCondition.USER,
                PostgresCondition.PASSWORD)) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void deadlinesFireOnceWithTwoNodesAndSurviveTheNodeThatPickedThem() {
        ConfigurableApplicationContext a = start("a");
        ConfigurableApplicationContext b = start("b");
        Http nodeA = new Http(port(a));
        Http nodeB = new Http(port(b));
        JdbcTemplate jdbc = b.getBean(JdbcTemplate.class);
        LedgerDriver ledger = new LedgerDriver(nodeA);
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        Map<String, Object> body = LedgerDriver.draftBody(LocalDate.now().minusYears(1), LocalDate.now().plusYears(3),
                anhui, zhejiang);
        Scenarios.terms(body).put("emergency", IncidentContract.emergency("PT2S", true));
        String agreementId = Scenarios.signedInForce(ledger, body, anhui, zhejiang);

        // both nodes poll the one table: each deadline, set through either node, fires once
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            incidents.add(raise(i % 2 == 0 ? nodeA : nodeB, agreementId, anhui));
        }
        await("every deadline has run", () -> dueDeadlines(jdbc) == 0
                && incidents.stream().allMatch(id -> missed(jdbc, id) >= 1));
        for (String id : incidents) {
            assertThat(missed(jdbc, id)).as("misses of incident %s", id).isEqualTo(1);
            assertThat(penalties(jdbc, id)).as("penalties of incident %s", id).isEqualTo(1);
        }

        // a deadline set through A and picked by A when A dies: the row stays picked, its heartbeat stops
        String orphan = raise(nodeA, agreementId, anhui);
        int picked = jdbc.update("update scheduled_tasks set picked = true, picked_by = ?, last_heartbeat = ?,"
                        + " version = version + 1 where picked = false and task_name <> ? and execution_time < ?",
                "deadlines-it-a", Timestamp.from(Instant.now()), IdempotencyKeyPurge.TASK,
                Timestamp.from(Instant.now().plusSeconds(3600)));
        assertThat(picked).as("the orphan's deadline, picked before it fell due").isEqualTo(1);
        a.close();
        await("the surviving node runs the deadline the dead node had picked", () -> missed(jdbc, orphan) >= 1
                && dueDeadlines(jdbc) == 0);
        assertThat(missed(jdbc, orphan)).isEqualTo(1);
        assertThat(penalties(jdbc, orphan)).isEqualTo(1);
        await("the read models (now on B) show the miss", () -> nodeB.get("/api/v1/incidents/" + orphan).send().json()
                .path("notices").path(0).path("missed").asBoolean());
    }

    private static String raise(Http node, String agreementId, Government raiser) {
        Http.Answer raised = node.post("/api/v1/agreements/" + agreementId + "/incidents",
                IncidentContract.raiseBody("RED")).token(raiser.token()).send();
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        return raised.json().path("id").asText();
    }

    /** Deadlines due by now still in the table (picked or not); the recurring purge of idempotency keys aside. */
    private static int dueDeadlines(JdbcTemplate jdbc) {
        Integer due = jdbc.queryForObject("select count(*) from scheduled_tasks where execution_time <= ?"
                + " and task_name <> ?", Integer.class, Timestamp.from(Instant.now()), IdempotencyKeyPurge.TASK);
        return due == null ? 0 : due;
    }

    private static int missed(JdbcTemplate jdbc, String incidentId) {
        Integer count = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?"
                + " and payload_type like '%IncidentAcknowledgementMissedEvent'", Integer.class, incidentId);
        return count == null ? 0 : count;
    }

    private static long penalties(JdbcTemplate jdbc, String incidentId) {
        return jdbc.queryForList("select convert_from(payload, 'UTF8') from domain_event_entry"
                        + " where payload_type like '%TransferCreatedEvent'", String.class).stream()
                .map(DeadlinesTwoNodesPostgresIT::json)
                .filter(created -> created.path("source").asText().equals("PENALTY")
                        && created.path("sourceId").asText().equals(incidentId))
                .count();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(text, e);
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("%s, within %s", what, BOUND).isTrue();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A node; the second signs with the first one's key (nodes must share it: docs/operations.md). */
    private static ConfigurableApplicationContext start(String node) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + PostgresCondition.urlFor(SCHEMA),
                "--spring.datasource.username=" + PostgresCondition.USER,
                "--spring.datasource.password=" + PostgresCondition.PASSWORD,
                "--spring.datasource.hikari.minimum-idle=1",
                "--spring.flyway.default-schema=" + SCHEMA, "--spring.flyway.create-schemas=true",
                "--ledger.data-dir=" + dataDir(node),
                "--ledger.registrar-token=" + LedgerDriver.REGISTRAR_TOKEN, "--ledger.several-nodes=true",
                "--ledger.node-id=deadlines-it-" + node,
                // the dead-execution bound is heartbeat-interval × missed-heartbeats-limit (6): 6 s, not the default 30 s
                "--db-scheduler.heartbeat-interval=1s"));
        if (!started.isEmpty()) {
            args.add("--ledger.signing-key-path=" + dataDir("a").resolve("ledger-signing-key.pem"));
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BasinLedgerApplication.class)
                .profiles("postgres").run(args.toArray(String[]::new));
        started.add(context);
        return context;
    }

    private static Path dataDir(String node) {
        return Path.of("target", "it-data", "deadlines-" + SCHEMA + "-" + node).toAbsolutePath();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
