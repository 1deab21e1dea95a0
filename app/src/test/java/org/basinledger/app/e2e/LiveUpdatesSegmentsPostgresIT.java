package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.app.support.PostgresNodes.port;
import static org.basinledger.app.support.EventStreams.next;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

import org.basinledger.app.support.EnabledIfPostgres;
import org.basinledger.app.support.EventStreams;
import org.basinledger.app.support.EventStreams.Event;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.PostgresCondition;
import org.basinledger.app.support.PostgresNodes;
import org.basinledger.app.support.Scenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Live updates with the projections split over two nodes ({@code ledger.projection-segments: 2}, one segment each):
 * each node emits the changes of its own segment to its streams and hears of the other's through PostgreSQL
 * {@code NOTIFY}. Incident streams of six agreements (spread over both segments), open on both nodes, each get
 * every change of their agreement, in order, once.
 */
@EnabledIfPostgres
class LiveUpdatesSegmentsPostgresIT {

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static int portA;
    private static int portB;
    private static Http nodeA;
    private static Http nodeB;
    private static Government anhui;
    private static Government zhejiang;

    private final EventStreams streams = new EventStreams();

    @BeforeAll
    static void startTwoNodes() throws InterruptedException {
        PostgresNodes nodes = new PostgresNodes(PostgresCondition.newSchema(), "live-segments-", "seg-a");
        a = nodes.start("seg-a", "--ledger.several-nodes=true", "--ledger.node-id=seg-a", "--ledger.projection-segments=2");
        b = nodes.start("seg-b", "--ledger.several-nodes=true", "--ledger.node-id=seg-b", "--ledger.projection-segments=2");
        portA = port(a);
        portB = port(b);
        nodeA = new Http(portA);
        nodeB = new Http(portB);
        LedgerDriver ledger = new LedgerDriver(nodeA);
        anhui = ledger.register("CN-AH");
        zhejiang = ledger.register("CN-ZJ");
        // patience, not a timing assertion: the nodes split the two segments once both have recorded themselves (until
        // then the first node may hold both: two rows, one owner)
        for (int i = 0; i < 1200 && !projectionOwners().containsAll(List.of("seg-a", "seg-b")); i++) {
            Thread.sleep(100);
        }
        assertThat(projectionOwners()).as("each node holds one segment").containsExactlyInAnyOrder("seg-a", "seg-b");
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

    @AfterEach
    void closeStreams() throws IOException {
        streams.close();
    }

    @Test
    void withTheProjectionsSplitOverTwoNodesEveryStreamGetsEveryChangeOfItsAgreementOnce() throws Exception {
        List<String> agreements = new ArrayList<>();
        List<BlockingQueue<Event>> onA = new ArrayList<>();
        List<BlockingQueue<Event>> onB = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, Object> body = LedgerDriver.draftBody(LocalDate.now().minusYears(1),
                    LocalDate.now().plusYears(3), anhui, zhejiang);
            Scenarios.terms(body).put("emergency", IncidentContract.emergency("PT1H", false));
            String id = Scenarios.signedInForce(new LedgerDriver(i % 2 == 0 ? nodeA : nodeB), body, anhui, zhejiang);
            agreements.add(id);
            onA.add(streams.open(portA, "/api/v1/incidents/stream?agreementId=" + id, null));
            onB.add(streams.open(portB, "/api/v1/incidents/stream?agreementId=" + id, null));
            assertThat(next(onA.get(i)).name()).isEqualTo("open-incidents");
            assertThat(next(onB.get(i)).name()).isEqualTo("open-incidents");
        }

        // two rounds: each stream's next event is its agreement's next change, so nothing came twice in between
        for (int round = 0; round < 2; round++) {
            List<String> raised = new ArrayList<>();
            for (int i = 0; i < agreements.size(); i++) {
                Http through = (i + round) % 2 == 0 ? nodeA : nodeB;
                Http.Answer answer = through.post("/api/v1/agreements/" + agreements.get(i) + "/incidents",
                        IncidentContract.raiseBody("BLUE")).token(zhejiang.token()).send();
                assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                raised.add(answer.json().path("id").asText());
            }
            for (int i = 0; i < agreements.size(); i++) {
                for (BlockingQueue<Event> stream : List.of(onA.get(i), onB.get(i))) {
                    Event event = next(stream);
                    assertThat(event.name()).isEqualTo("raised");
                    assertThat(event.data().path("incidentId").asText()).isEqualTo(raised.get(i));
                    assertThat(event.data().path("agreementId").asText()).isEqualTo(agreements.get(i));
                }
            }
        }
        assertThat(projectionOwners()).as("both nodes kept a segment throughout")
                .containsExactlyInAnyOrder("seg-a", "seg-b");
    }

    private static List<String> projectionOwners() {
        return a.getBean(JdbcTemplate.class).queryForList("select owner from token_entry"
                + " where processor_name = 'projections' and owner is not null order by segment", String.class);
    }



}
