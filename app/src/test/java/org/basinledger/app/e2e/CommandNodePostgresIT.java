package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.basinledger.app.BasinLedgerApplication;
import org.basinledger.app.support.EnabledIfPostgres;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.PostgresCondition;
import org.basinledger.app.support.Scenarios;
import org.basinledger.query.integrity.IntegrityLog;
import org.basinledger.query.support.Projections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A command-only node ({@code ledger.node.role: command}) and a query-only node on one PostgreSQL schema: writes
 * through the command node are answered (once the query node's processor has them in the shared read models),
 * reads through the query node reflect them, the command node refuses reads with {@code 421 command-only-node},
 * and no event processor runs on the command node. The command node starts first, on an empty schema: had it run
 * the processors, it would have claimed their segments before the query node existed.
 */
@EnabledIfPostgres
class CommandNodePostgresIT {

    private static final String COMMAND_NODE = "command-node-it";
    private static final String QUERY_NODE = "query-node-it";
    private static final Map<String, String> CLEAN = Map.of("CODMN", "1.80", "NH3N", "0.12", "TP", "0.025",
            "TN", "1.20");

    private static ConfigurableApplicationContext command;
    private static ConfigurableApplicationContext query;
    private static Http commandNode;
    private static Http queryNode;

    @BeforeAll
    static void startACommandNodeThenAQueryNode() {
        String schema = PostgresCondition.newSchema();
        command = start(schema, "command", COMMAND_NODE, null);
        // one signing key for both: the query node signs the heads, the command node verifies them on schedule
        // (and would hold its writes if they did not verify with its key)
        query = start(schema, "query", QUERY_NODE, dataDir(schema, "command").resolve("ledger-signing-key.pem"));
        commandNode = new Http(port(command));
        queryNode = new Http(port(query));
    }

    @AfterAll
    static void stop() {
        if (query != null) {
            query.close();
        }
        if (command != null) {
            command.close();
        }
    }

    @Test
    void writesThroughTheCommandNodeAreAnsweredAndReadsThroughTheQueryNodeReflectThem() {
        // every write below asserts its usual answer (201/200 with the resource, from the shared read models), not
        // 202 "applied": the command node waited until the query node's processor had the write
        LedgerDriver writes = new LedgerDriver(commandNode);
        LedgerDriver reads = new LedgerDriver(queryNode);
        Government anhui = writes.register("CN-AH");
        Government zhejiang = writes.register("CN-ZJ");
        Government ministry = writes.register("CN-MOF");
        String agreementId = writes.draft(anhui, Scenarios.xinan(anhui, zhejiang, ministry)).path("id").asText();
        writes.open(anhui, agreementId);
        Http.Answer signed = null;
        for (Government party : List.of(anhui, zhejiang, ministry)) {
            // the terms to sign are read on the query node, the signature written through the command node
            signed = commandNode.post("/api/v1/agreements/" + agreementId + "/signatures",
                    reads.signatureBody(party, agreementId, true)).token(party.token()).send();
            assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        }
        assertThat(signed.json().path("status").asText()).isEqualTo("IN_FORCE");

        Http.Answer report = commandNode.post("/api/v1/agreements/" + agreementId + "/monitoring-reports",
                Scenarios.monthlyReport("JIEKOU", Scenarios.LAST_YEAR, 3, CLEAN, null)).token(anhui.token()).send();
        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        String position = report.header("X-Ledger-Position");
        assertThat(position).as("a command node's write answers with its position").matches("\\d+");
        String reportId = report.json().path("id").asText();

        Http.Answer read = queryNode.get("/api/v1/monitoring-reports/" + reportId).token(zhejiang.token())
                .header("X-Ledger-Position", position).send();
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("id").asText()).isEqualTo(reportId);
        assertThat(reads.status(agreementId, anhui.token()).path("status").asText()).isEqualTo("IN_FORCE");

        Http.Answer refused = commandNode.get("/api/v1/monitoring-reports/" + reportId).token(zhejiang.token())
                .header("X-Ledger-Position", position).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(421);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:basin-ledger:problem:command-only-node");

        Http.Answer written = queryNode.post("/api/v1/agreements/" + agreementId + "/monitoring-reports",
                Scenarios.monthlyReport("JIEKOU", Scenarios.LAST_YEAR, 4, CLEAN, null)).token(anhui.token()).send();
        assertThat(written.status()).as(written.toString()).isEqualTo(421);
        assertThat(written.json().path("type").asText()).isEqualTo("urn:basin-ledger:problem:read-only-node");
    }

    @Test
    void theCommandNodeServesNoPortalPageNoReadAndNoStreamButItsHealth() {
        for (String path : List.of("/", "/api/v1/agreements", "/api/v1/incidents/stream", "/v3/api-docs")) {
            Http.Answer answer = commandNode.get(path).send();
            assertThat(answer.status()).as(path + ": " + answer).isEqualTo(421);
            assertThat(answer.json().path("type").asText()).isEqualTo("urn:basin-ledger:problem:command-only-node");
        }
        assertThat(commandNode.get("/actuator/health").send().status()).isEqualTo(200);
        assertThat(queryNode.get("/").send().status()).isEqualTo(200);
    }

    @Test
    void noEventProcessorRunsOnTheCommandNode() {
        EventProcessingConfiguration processing = command.getBean(org.axonframework.config.Configuration.class)
                .eventProcessingConfiguration();
        for (String processor : List.of(Projections.PROCESSING_GROUP, IntegrityLog.PROCESSING_GROUP)) {
            assertThat(processing.eventProcessor(processor, StreamingEventProcessor.class))
                    .as(processor + " streams no events on the command node").isEmpty();
        }
        // the rows exist (the query node made them; the command node started first and made none); a segment is
        // held by the query node or, between two of its claims, by nobody, never by the command node
        List<Map<String, Object>> claims = command.getBean(JdbcTemplate.class).queryForList(
                "select processor_name, segment, owner from token_entry");
        assertThat(claims).extracting(row -> row.get("processor_name"))
                .contains(Projections.PROCESSING_GROUP, IntegrityLog.PROCESSING_GROUP);
        assertThat(claims).allSatisfy(row -> assertThat(row.get("owner")).as(row.toString()).isIn(QUERY_NODE, null));
    }

    private static Path dataDir(String schema, String role) {
        return Path.of("target", "it-data", "command-node-" + schema + "-" + role);
    }

    private static ConfigurableApplicationContext start(String schema, String role, String nodeId, Path signingKey) {
        return new SpringApplicationBuilder(BasinLedgerApplication.class).profiles("postgres").run(
                "--server.port=0",
                "--spring.datasource.url=" + PostgresCondition.urlFor(schema),
                "--spring.datasource.username=" + PostgresCondition.USER,
                "--spring.datasource.password=" + PostgresCondition.PASSWORD,
                "--spring.datasource.hikari.minimum-idle=1",
                "--spring.flyway.default-schema=" + schema, "--spring.flyway.create-schemas=true",
                "--ledger.data-dir=" + dataDir(schema, role),
                "--ledger.signing-key-path=" + (signingKey == null ? "" : signingKey),
                "--ledger.registrar-token=" + LedgerDriver.REGISTRAR_TOKEN, "--ledger.several-nodes=true",
                "--ledger.node.role=" + role, "--ledger.node-id=" + nodeId,
                // a loaded machine must not turn an answer into 202 "applied": the test is about correctness
                "--ledger.read-after-write-timeout=20s");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
