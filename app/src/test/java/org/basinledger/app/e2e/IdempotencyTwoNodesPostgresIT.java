package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.app.support.PostgresNodes.port;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
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
import org.basinledger.app.support.EnabledIfPostgres;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.PostgresCondition;
import org.basinledger.app.support.PostgresNodes;
import org.basinledger.app.support.Scenarios;
import org.basinledger.app.web.FaultInjection;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes on one PostgreSQL schema, 16 requests with one {@code Idempotency-Key} sent to both at once, the node
 * that applies pausing a second after its commit: the other node's attempts are refused by the key's row in their
 * own command transactions (no in-memory guard spans nodes) and answered "in progress" or with the first answer.
 * After retries every client has the same transfer, and there is one transfer with one event.
 */
@EnabledIfPostgres
class IdempotencyTwoNodesPostgresIT {

    @Test
    void sixteenRequestsWithOneKeyAcrossTwoNodesCreateOneTransfer() throws Exception {
        PostgresNodes nodes = new PostgresNodes(PostgresCondition.newSchema(), "two-nodes-", "a");
        try (ConfigurableApplicationContext a = nodes.start("a", "--ledger.test.fault-injection=true");
             ConfigurableApplicationContext b = nodes.start("b", "--ledger.test.fault-injection=true")) {
            Http nodeA = new Http(port(a));
            Http nodeB = new Http(port(b));
            LedgerDriver ledger = new LedgerDriver(nodeA);
            Government anhui = ledger.register("CN-AH");
            Government zhejiang = ledger.register("CN-ZJ");
            Government ministry = ledger.register("CN-MOF");
            String agreementId = Scenarios.signedInForce(ledger, Scenarios.xinan(anhui, zhejiang, ministry), anhui,
                    zhejiang, ministry);
            Map<String, Object> transfer = Map.of("agreementId", agreementId, "payee", anhui.id(),
                    "amount", Scenarios.cny("2500000.00"), "reason", "Joint dredging, sent to two nodes");
            String key = "two-nodes-" + UUID.randomUUID();
            a.getBean(FaultInjection.class).arm(FaultInjection.Fault.PAUSE_AFTER_COMMIT);
            b.getBean(FaultInjection.class).arm(FaultInjection.Fault.PAUSE_AFTER_COMMIT);

            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Answer>> sent = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Http node = i % 2 == 0 ? nodeA : nodeB;
                sent.add(pool.submit(() -> {
                    start.await();
                    return node.post("/api/v1/transfers", transfer).token(zhejiang.token())
                            .header("Idempotency-Key", key).send();
                }));
            }
            start.countDown();
            List<Http.Answer> answers = new ArrayList<>();
            for (Future<Http.Answer> answer : sent) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();

            assertThat(answers).extracting(Http.Answer::status).containsOnly(201, 409);
            assertThat(answers).filteredOn(x -> x.status() == 201 && x.header("Idempotent-Replayed") == null)
                    .as("exactly one request applied").hasSize(1);
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < answers.size(); i++) {
                Http.Answer last = answers.get(i);
                Http node = i % 2 == 0 ? nodeA : nodeB;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (last.status() == 409 && System.nanoTime() < deadline) {
                    assertThat(last.header("Retry-After")).as(last.toString()).isEqualTo("1");
                    Thread.sleep(1000);
                    last = node.post("/api/v1/transfers", transfer).token(zhejiang.token())
                            .header("Idempotency-Key", key).send();
                }
                assertThat(last.status()).as(last.toString()).isEqualTo(201);
                ids.add(last.json().path("id").asText());
            }
            assertThat(ids).hasSize(1);
            String transferId = ids.iterator().next();

            Integer events = a.getBean(JdbcTemplate.class).queryForObject(
                    "select count(*) from domain_event_entry where aggregate_identifier = ?", Integer.class, transferId);
            assertThat(events).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode mine = nodeB.get("/api/v1/transfers?agreementId=" + agreementId + "&party=" + zhejiang.id())
                        .token(zhejiang.token()).send().json().path("items");
                assertThat(mine).extracting(t -> t.path("id").asText()).containsExactly(transferId);
            });
        }
    }


}
