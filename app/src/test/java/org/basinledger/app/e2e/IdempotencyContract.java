package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.basinledger.api.common.Actor;
import org.basinledger.api.common.Money;
import org.basinledger.api.transfer.CreateTransferCommand;
import org.basinledger.api.transfer.TransferSource;
import org.basinledger.app.config.AxonConfig;
import org.basinledger.app.idempotency.IdempotencyAttempt;
import org.basinledger.app.idempotency.IdempotencyKeyInUseException;
import org.basinledger.app.idempotency.IdempotencyKeyPurge;
import org.basinledger.app.idempotency.IdempotencyKeys;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.Scenarios;
import org.basinledger.app.web.FaultInjection;
import org.basinledger.app.web.FaultInjection.Fault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Exactly-once money under retries and faults (issue 9, part 2), over HTTP and at the command bus, on the whole
 * application: a failure after the commit, read models that lag, 16 concurrent retries, and concurrent attempts as
 * several nodes would make them. After each: one transfer, one set of events, one integrity-log leaf per event.
 * The subclasses run it on H2 and PostgreSQL with the test-only fault injection on, a read-after-write timeout of
 * 1 s and a recovery bound of 3 s. (The crash between the commit and the recorded answer is
 * {@code IdempotencyCrashIT}: it needs a process that really dies.)
 */
abstract class IdempotencyContract {

    @LocalServerPort
    int port;

    @Autowired
    FaultInjection faults;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    IdempotencyKeys keys;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;

    Http http;
    LedgerDriver ledger;
    Government anhui;
    Government zhejiang;
    String agreementId;

    @BeforeEach
    void agreementInForce() {
        http = new Http(port);
        ledger = new LedgerDriver(http);
        anhui = ledger.register("CN-AH");
        zhejiang = ledger.register("CN-ZJ");
        Government ministry = ledger.register("CN-MOF");
        agreementId = Scenarios.signedInForce(ledger, Scenarios.xinan(anhui, zhejiang, ministry), anhui, zhejiang,
                ministry);
    }

    @Test
    void aFailureAfterTheCommitIsAnsweredAppliedWithTheLocationAndTheRetryAppliesNothing() {
        String key = "dredging-" + UUID.randomUUID();
        faults.arm(Fault.FAIL_AFTER_COMMIT);

        Http.Answer first = create(key, transfer("2500000.00"));
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        String location = first.header("Location");
        assertThat(location).startsWith("/api/v1/transfers/");
        assertThat(first.json().path("location").asText()).isEqualTo(location);
        assertThat(first.body()).doesNotContain("nothing was changed");

        Http.Answer retry = create(key, transfer("2500000.00"));
        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location")).isEqualTo(location);

        String transferId = location.substring(location.lastIndexOf('/') + 1);
        // "applied": the change is recorded, the read models catch up with it
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Answer read = http.get(location).token(zhejiang.token()).send();
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json().path("amount").path("amount").asText()).isEqualTo("2500000.00");
        });
        assertAppliedExactlyOnce(transferId);
    }

    @Test
    void readModelsThatLagAreAnsweredAppliedWithTheLocationNeverAServerError() {
        String key = "lagging-" + UUID.randomUUID();
        TrackingEventProcessor projections = processing
                .eventProcessor(AxonConfig.PROJECTIONS, TrackingEventProcessor.class).orElseThrow();
        Http.Answer first;
        Http.Answer withoutKey;
        projections.shutDown();
        try {
            first = create(key, transfer("310000.00"));
            withoutKey = http.post("/api/v1/transfers", transfer("320000.00")).token(zhejiang.token()).send();
        } finally {
            projections.start();
        }
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(first.header("Retry-After")).isEqualTo("1");
        String location = first.header("Location");
        assertThat(location).startsWith("/api/v1/transfers/");
        assertThat(withoutKey.status()).as("without a key too: " + withoutKey).isEqualTo(202);
        assertThat(withoutKey.header("Location")).startsWith("/api/v1/transfers/").isNotEqualTo(location);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get(location).token(zhejiang.token()).send().status() == 200);
        Http.Answer retry = create(key, transfer("310000.00"));
        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertAppliedExactlyOnce(location.substring(location.lastIndexOf('/') + 1), 2);
    }

    @Test
    void sixteenConcurrentRetriesApplyOnceAndAllEndWithTheFirstAnswer() throws Exception {
        String key = "sixteen-" + UUID.randomUUID();
        Map<String, Object> body = transfer("2500000.00");
        faults.arm(Fault.PAUSE_AFTER_COMMIT);

        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Answer>> sent = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sent.add(pool.submit(() -> {
                start.await();
                return create(key, body);
            }));
        }
        start.countDown();
        List<Http.Answer> answers = new ArrayList<>();
        for (Future<Http.Answer> answer : sent) {
            answers.add(answer.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(answers).extracting(Http.Answer::status).containsOnly(201, 409);
        assertThat(answers).filteredOn(a -> a.status() == 201 && a.header("Idempotent-Replayed") == null)
                .as("exactly one request applied").hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 409).isNotEmpty().allSatisfy(a -> {
            assertThat(a.header("Retry-After")).isEqualTo("1");
            assertThat(a.json().path("type").asText()).isEqualTo("urn:basin-ledger:problem:idempotency-in-progress");
        });
        // every client that was told "in progress" retries after Retry-After until it gets the first answer
        Set<String> ids = new HashSet<>();
        List<Http.Answer> waiting = new ArrayList<>();
        for (Http.Answer answer : answers) {
            if (answer.status() == 409) {
                waiting.add(answer);
            } else {
                ids.add(answer.json().path("id").asText());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(Long.parseLong(waiting.get(0).header("Retry-After")) * 1000);
            List<Http.Answer> still = new ArrayList<>();
            for (int i = 0; i < waiting.size(); i++) {
                Http.Answer retried = create(key, body);
                if (retried.status() == 409) {
                    still.add(retried);
                } else {
                    assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
                    assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
                    ids.add(retried.json().path("id").asText());
                }
            }
            waiting = still;
        }
        assertThat(waiting).as("still in progress after 30 s").isEmpty();
        assertThat(ids).hasSize(1);
        assertAppliedExactlyOnce(ids.iterator().next());
    }

    @Test
    void concurrentAttemptsOfOneKeyAsFromSeveralNodesApplyOnceThroughTheKeyInTheCommandTransaction()
            throws Exception {
        // below the HTTP layer (no per-node in-flight guard): only the key's row, written in each command's own
        // transaction, stands between 16 attempts that each create a transfer with an id of its own
        String scope = "jurisdiction:" + zhejiang.id() + "|nodes-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> sent = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            IdempotencyAttempt attempt = new IdempotencyAttempt(scope, "same-request", UUID.randomUUID().toString());
            sent.add(pool.submit(() -> {
                start.await();
                String transferId = UUID.randomUUID().toString();
                try {
                    send(createTransfer(transferId), attempt);
                    return transferId;
                } catch (IdempotencyKeyInUseException refused) {
                    return null;
                }
            }));
        }
        start.countDown();
        List<String> applied = new ArrayList<>();
        for (Future<String> result : sent) {
            String id = result.get(60, TimeUnit.SECONDS);
            if (id != null) {
                applied.add(id);
            }
        }
        pool.shutdown();
        assertThat(applied).as("attempts that applied").hasSize(1);
        assertThat(keys.find(scope)).hasValueSatisfying(k -> assertThat(k.state()).isEqualTo("APPLIED"));
        assertAppliedExactlyOnce(applied.get(0));
    }

    @Test
    void aCommandThatFailsLeavesNoKeyAndASecondCommandOfTheSameAttemptPasses() {
        String scope = "jurisdiction:" + zhejiang.id() + "|rollback-" + UUID.randomUUID();
        IdempotencyAttempt attempt = new IdempotencyAttempt(scope, "same-request", UUID.randomUUID().toString());
        CreateTransferCommand unknownAgreement = new CreateTransferCommand(UUID.randomUUID().toString(),
                "no-such-agreement", zhejiang.id(), anhui.id(), Money.of("10.00", "CNY"), "r", TransferSource.PARTY,
                null, zhejiang.id());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> send(unknownAgreement, attempt))
                .isNotInstanceOf(IdempotencyKeyInUseException.class);
        assertThat(keys.find(scope)).as("the key's row rolled back with the refused command").isEmpty();

        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        send(createTransfer(first), attempt);
        send(createTransfer(second), attempt);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> send(createTransfer(UUID.randomUUID().toString()),
                        new IdempotencyAttempt(scope, "same-request", UUID.randomUUID().toString())))
                .isInstanceOf(IdempotencyKeyInUseException.class);
    }

    @Test
    void anAssessmentWhoseTransferIsCreatedByAHandlerInTheSameTransactionTakesItsKeyOnce() {
        for (int month = 1; month <= 12; month++) {
            Http.Answer report = http.post("/api/v1/agreements/" + agreementId + "/monitoring-reports",
                    Scenarios.monthlyReport("JIEKOU", Scenarios.LAST_YEAR, month,
                            Map.of("CODMN", "1.80", "NH3N", "0.12", "TP", "0.025", "TN", "1.20"), null))
                    .token(zhejiang.token()).send();
            assertThat(report.status()).as(report.toString()).isEqualTo(201);
        }
        String key = "assess-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("sectionId", "JIEKOU", "period", String.valueOf(Scenarios.LAST_YEAR));
        Http.Answer assessed = http.post("/api/v1/agreements/" + agreementId + "/assessments", body)
                .token(zhejiang.token()).header("Idempotency-Key", key).send();
        assertThat(assessed.status()).as(assessed.toString()).isEqualTo(201);
        String transferId = assessed.json().path("transferId").asText();
        assertThat(transferId).isNotBlank();
        Http.Answer again = http.post("/api/v1/agreements/" + agreementId + "/assessments", body)
                .token(zhejiang.token()).header("Idempotency-Key", key).send();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().path("transferId").asText()).isEqualTo(transferId);
        assertThat(eventsOf(transferId)).isEqualTo(1);
    }

    @Test
    void expiredKeysArePurgedByARecurringTaskOfTheSchedulerThatEveryNodeShares() {
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = ?", Integer.class,
                IdempotencyKeyPurge.TASK)).as("one scheduled purge in the shared table").isEqualTo(1);
        String old = "test|old-" + UUID.randomUUID();
        String young = "test|young-" + UUID.randomUUID();
        for (String scope : List.of(old, young)) {
            jdbc.update("insert into idempotency_key (scope, fingerprint, state, attempt, response_status, created_at) "
                    + "values (?, 'f', 'DONE', 'a', 201, ?)", scope, Timestamp.from(Instant.now()
                    .minus(scope.equals(old) ? Duration.ofHours(25) : Duration.ofHours(23))));
        }
        jdbc.update("update scheduled_tasks set execution_time = ? where task_name = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), IdempotencyKeyPurge.TASK);

        await().atMost(Duration.ofSeconds(30)).until(() -> keys.find(old).isEmpty());
        assertThat(keys.find(young)).isPresent();
    }

    // ---- helpers ----

    Map<String, Object> transfer(String amount) {
        return Map.of("agreementId", agreementId, "payee", anhui.id(), "amount", Scenarios.cny(amount),
                "reason", "Joint dredging of the Jiekou reach, Zhejiang's share");
    }

    Http.Answer create(String key, Map<String, Object> body) {
        return http.post("/api/v1/transfers", body).token(zhejiang.token()).header("Idempotency-Key", key).send();
    }

    CreateTransferCommand createTransfer(String transferId) {
        return new CreateTransferCommand(transferId, agreementId, zhejiang.id(), anhui.id(),
                Money.of("2500000.00", "CNY"), "Joint dredging", TransferSource.PARTY, null, zhejiang.id());
    }

    void send(Object command, IdempotencyAttempt attempt) {
        Map<String, String> metaData = new HashMap<>(attempt.metaData("/api/v1/transfers/x"));
        metaData.put(Actor.ACTOR, "jurisdiction:" + zhejiang.id());
        metaData.put(Actor.ACTOR_JURISDICTION, zhejiang.id());
        commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    int eventsOf(String aggregateId) {
        Integer events = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class, aggregateId);
        return events == null ? 0 : events;
    }

    void assertAppliedExactlyOnce(String transferId) {
        assertAppliedExactlyOnce(transferId, 1);
    }

    /**
     * {@code transferId} is among exactly {@code created} transfers the test created (all Zhejiang's), it has one
     * event ({@code TransferCreated}, once in the agreement's history), and the integrity log holds one leaf per event.
     */
    void assertAppliedExactlyOnce(String transferId, int created) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode transfers = http.get("/api/v1/transfers?agreementId=" + agreementId + "&party=" + zhejiang.id())
                    .token(zhejiang.token()).send().json().path("items");
            assertThat(transfers).hasSize(created);
            assertThat(transfers).extracting(t -> t.path("id").asText()).contains(transferId);
        });
        assertThat(eventsOf(transferId)).as("events of the transfer").isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode history = http.get("/api/v1/agreements/" + agreementId + "/history?limit=500")
                    .token(LedgerDriver.REGISTRAR_TOKEN).send().json().path("items");
            List<JsonNode> ofTransfer = new ArrayList<>();
            history.forEach(e -> {
                if (transferId.equals(e.path("aggregateId").asText())) {
                    ofTransfer.add(e);
                }
            });
            assertThat(ofTransfer).extracting(e -> e.path("type").asText()).containsExactly("TransferCreated");
            assertThat(ofTransfer.get(0).path("leafIndex").isIntegralNumber()).isTrue();
            Integer leaves = jdbc.queryForObject("select count(*) from ledger_leaf l join domain_event_entry e "
                    + "on e.event_identifier = l.event_identifier where e.aggregate_identifier = ?", Integer.class,
                    transferId);
            assertThat(leaves).as("leaves of the transfer's events").isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from ledger_leaf", Long.class))
                    .as("one leaf per stored event")
                    .isEqualTo(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class));
            assertThat(jdbc.queryForObject("select count(distinct event_identifier) from ledger_leaf", Long.class))
                    .isEqualTo(jdbc.queryForObject("select count(*) from ledger_leaf", Long.class));
        });
    }
}
