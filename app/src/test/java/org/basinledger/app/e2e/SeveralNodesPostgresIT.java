package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.app.support.PostgresNodes.port;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.basinledger.app.support.EnabledIfPostgres;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.PostgresCondition;
import org.basinledger.app.support.PostgresNodes;
import org.basinledger.app.support.Scenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes on one PostgreSQL schema ({@code ledger.nodes.shared-store: true}), commands for one agreement sent
 * through both: none is applied twice, none is answered with a 5xx, the agreement's events stay one contiguous
 * sequence, and a node never decides on an agreement it holds stale in memory.
 */
@EnabledIfPostgres
class SeveralNodesPostgresIT {

    private static final Map<String, String> CLEAN = Map.of("CODMN", "1.80", "NH3N", "0.12", "TP", "0.025",
            "TN", "1.20");

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static Http nodeA;
    private static Http nodeB;
    private static Government anhui;
    private static Government zhejiang;
    private static String agreementId;

    @BeforeAll
    static void startTwoNodes() {
        PostgresNodes nodes = new PostgresNodes(PostgresCondition.newSchema(), "several-nodes-", "a");
        a = nodes.start("a", "--ledger.several-nodes=true");
        b = nodes.start("b", "--ledger.several-nodes=true");
        nodeA = new Http(port(a));
        nodeB = new Http(port(b));
        LedgerDriver ledger = new LedgerDriver(nodeA);
        anhui = ledger.register("CN-AH");
        zhejiang = ledger.register("CN-ZJ");
        Government ministry = ledger.register("CN-MOF");
        agreementId = Scenarios.signedInForce(ledger, Scenarios.xinan(anhui, zhejiang, ministry), anhui, zhejiang,
                ministry);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void alternatingCommandsThroughTwoNodesAreAllApplied() {
        // each node has the agreement in memory after its first command; every later command was preceded by one
        // on the other node: a node deciding on its stale copy would be refused (409) or decide wrongly
        List<String> reportIds = new ArrayList<>();
        for (int month = 1; month <= 6; month++) {
            Http node = month % 2 == 0 ? nodeA : nodeB;
            Http.Answer report = node.post("/api/v1/agreements/" + agreementId + "/monitoring-reports",
                    Scenarios.monthlyReport("JIEKOU", Scenarios.LAST_YEAR - 1, month, CLEAN, null))
                    .token(anhui.token()).send();
            assertThat(report.status()).as(report.toString()).isEqualTo(201);
            reportIds.add(report.json().path("id").asText());
        }
        assertThat(submittedReports()).containsAll(reportIds);
        assertContiguous();
    }

    @Test
    void racingCommandsForOneAgreementThroughTwoNodesAreAppliedOnceEach() throws Exception {
        int requests = 24;
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Answer>> sent = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Http node = i % 2 == 0 ? nodeA : nodeB;
            Government party = i % 4 < 2 ? anhui : zhejiang;
            Map<String, Object> body = Scenarios.monthlyReport("JIEKOU", Scenarios.LAST_YEAR, i % 12 + 1, CLEAN,
                    null);
            sent.add(pool.submit(() -> {
                start.await();
                return node.post("/api/v1/agreements/" + agreementId + "/monitoring-reports", body)
                        .token(party.token()).send();
            }));
        }
        start.countDown();
        List<Http.Answer> answers = new ArrayList<>();
        for (Future<Http.Answer> answer : sent) {
            answers.add(answer.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();

        // 201, or 202 "applied" when the read models were slower than the read-after-write bound, or 409 when a
        // conflict outlasted the retries: never a 5xx
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isIn(201, 202, 409));
        assertThat(answers).filteredOn(answer -> answer.status() == 409).allSatisfy(answer ->
                assertThat(answer.json().path("type").asText()).as(answer.toString()).endsWith("concurrent-modification"));
        Set<String> created = new HashSet<>();
        answers.stream().filter(answer -> answer.status() == 201).forEach(answer -> created.add(answer.json().path("id").asText()));
        answers.stream().filter(answer -> answer.status() == 202).forEach(answer -> created.add(
                answer.json().path("location").asText().replace("/api/v1/monitoring-reports/", "")));
        assertThat(created).hasSize((int) answers.stream().filter(answer -> answer.status() != 409).count());
        List<String> submitted = submittedReports();
        assertThat(submitted).as("every report answered 201 is recorded exactly once").doesNotHaveDuplicates()
                .containsAll(created);
        assertThat(submitted.stream().filter(id -> !created.contains(id)).count())
                .as("reports recorded beyond the ones answered 201 (the earlier test's)")
                .isLessThanOrEqualTo(6);
        assertContiguous();
    }

    @Test
    void aReadOnOneNodeWithTheWritesPositionReflectsAWriteAnsweredByTheOther() {
        for (int month = 7; month <= 10; month++) {
            Http writer = month % 2 == 0 ? nodeA : nodeB;
            Http reader = month % 2 == 0 ? nodeB : nodeA;
            Http.Answer report = writer.post("/api/v1/agreements/" + agreementId + "/monitoring-reports",
                    Scenarios.monthlyReport("JIEKOU", Scenarios.LAST_YEAR - 1, month, CLEAN, null))
                    .token(zhejiang.token()).send();
            assertThat(report.status()).as(report.toString()).isEqualTo(201);
            String position = report.header("X-Ledger-Position");
            assertThat(position).as("a write answers with its position").matches("\\d+");
            String reportId = report.json().path("id").asText();

            Http.Answer read = reader.get("/api/v1/monitoring-reports/" + reportId).token(anhui.token())
                    .header("X-Ledger-Position", position).send();
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json().path("id").asText()).isEqualTo(reportId);
            Http.Answer list = reader.get("/api/v1/agreements/" + agreementId + "/monitoring-reports?sectionId=JIEKOU"
                    + "&period=" + Scenarios.monthlyReport("JIEKOU", Scenarios.LAST_YEAR - 1, month, CLEAN, null)
                    .get("period")).token(anhui.token()).header("X-Ledger-Position", position).send();
            assertThat(list.json().path("items")).extracting(item -> item.path("id").asText()).contains(reportId);
        }
        Http.Answer nonsense = nodeB.get("/api/v1/agreements/" + agreementId).token(anhui.token())
                .header("X-Ledger-Position", "yesterday").send();
        assertThat(nonsense.status()).as(nonsense.toString()).isEqualTo(400);
        assertThat(nonsense.json().path("type").asText()).endsWith("invalid-input");
    }

    private static List<String> submittedReports() {
        return a.getBean(JdbcTemplate.class).queryForList(
                "select convert_from(payload, 'UTF8') from domain_event_entry"
                        + " where aggregate_identifier = ? and payload_type like '%MonitoringReportSubmittedEvent'",
                String.class, agreementId).stream().map(SeveralNodesPostgresIT::reportIdOf).toList();
    }

    private static String reportIdOf(String payload) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload).path("reportId").asText();
        } catch (Exception e) {
            throw new IllegalStateException(payload, e);
        }
    }

    private static void assertContiguous() {
        List<Long> sequence = a.getBean(JdbcTemplate.class).queryForList(
                "select sequence_number from domain_event_entry where aggregate_identifier = ? order by sequence_number",
                Long.class, agreementId);
        for (int i = 0; i < sequence.size(); i++) {
            assertThat(sequence.get(i)).as("the agreement's events are one contiguous sequence").isEqualTo(i);
        }
    }


}
