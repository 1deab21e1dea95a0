package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.app.support.PostgresNodes.port;
import static org.basinledger.app.support.EventStreams.END;
import static org.basinledger.app.support.EventStreams.next;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import org.basinledger.app.live.PostgresLiveUpdates;
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
 * Live updates across two nodes on one PostgreSQL schema: node A holds the projections' segment (started first, it
 * claims it before B starts), so everything a stream on node B shows came through PostgreSQL {@code NOTIFY}. Streams
 * of agreement status and of incidents on both nodes show the same changes in the same order, none twice; and when
 * B's listening connection is killed, B connects again, its status streams catch up with what it missed and its
 * incident streams end (their clients reconnect and start from the open incidents).
 */
@EnabledIfPostgres
class LiveUpdatesTwoNodesPostgresIT {

    private static PostgresNodes nodes;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static int portA;
    private static int portB;
    private static Http nodeA;
    private static Http nodeB;
    private static LedgerDriver viaA;
    private static LedgerDriver viaB;
    private static Government anhui;
    private static Government zhejiang;

    private final EventStreams streams = new EventStreams();

    @BeforeAll
    static void startTwoNodes() {
        nodes = new PostgresNodes(PostgresCondition.newSchema(), "live-updates-", "live-a");
        a = start("live-a");
        // B starts once A holds the projections' segment: every change reaches B's streams from another node
        LedgerIntegrityContract.await(() -> "live-a".equals(projectionsOwner()) ? true : null);
        b = start("live-b");
        portA = port(a);
        portB = port(b);
        nodeA = new Http(portA);
        nodeB = new Http(portB);
        viaA = new LedgerDriver(nodeA);
        viaB = new LedgerDriver(nodeB);
        anhui = viaA.register("CN-AH");
        zhejiang = viaA.register("CN-ZJ");
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
    void streamsOnEitherNodeShowEveryChangeMadeThroughEitherNodeInOrderAndOnce() throws Exception {
        Map<String, Object> body = LedgerDriver.draftBody(LocalDate.now().minusYears(1), LocalDate.now().plusYears(3),
                anhui, zhejiang);
        Scenarios.terms(body).put("emergency", IncidentContract.emergency("PT1H", false));
        String id = viaA.draft(anhui, body).path("id").asText();

        BlockingQueue<Event> statusA = streams.open(portA, "/api/v1/agreements/" + id + "/stream", anhui.token());
        BlockingQueue<Event> statusB = streams.open(portB, "/api/v1/agreements/" + id + "/stream", anhui.token());
        assertThat(next(statusB).data()).isEqualTo(next(statusA).data());

        viaB.open(anhui, id);
        sameViews(statusA, statusB, v -> v.path("status").asText().equals("OPEN_FOR_SIGNATURE"));
        assertThat(viaA.sign(anhui, id, true).status()).isEqualTo(200);
        sameViews(statusA, statusB, v -> v.path("parties").path(0).path("signedAt").isTextual());
        assertThat(viaB.sign(zhejiang, id, true).status()).isEqualTo(200);
        List<JsonNode> inForce = sameViews(statusA, statusB, v -> v.path("status").asText().equals("IN_FORCE"));

        BlockingQueue<Event> incidentsA = streams.open(portA, "/api/v1/incidents/stream?agreementId=" + id, null);
        BlockingQueue<Event> incidentsB = streams.open(portB, "/api/v1/incidents/stream?agreementId=" + id, null);
        assertThat(next(incidentsA).name()).isEqualTo("open-incidents");
        assertThat(next(incidentsB).name()).isEqualTo("open-incidents");

        String incident = nodeA.post("/api/v1/agreements/" + id + "/incidents", IncidentContract.raiseBody("ORANGE"))
                .token(zhejiang.token()).send().json().path("id").asText();
        sameChanges(incidentsA, incidentsB, "raised");
        assertThat(nodeB.post("/api/v1/incidents/" + incident + "/updates", Map.of("text", "Rising", "level", "RED"))
                .token(zhejiang.token()).send().status()).isIn(200, 201);
        sameChanges(incidentsA, incidentsB, "updated", "level-changed");
        assertThat(nodeA.post("/api/v1/incidents/" + incident + "/acknowledgement", Map.of()).token(anhui.token())
                .send().status()).isIn(200, 201);
        sameChanges(incidentsA, incidentsB, "acknowledged");
        assertThat(nodeB.post("/api/v1/incidents/" + incident + "/closure", Map.of("summary", "Over"))
                .token(zhejiang.token()).send().status()).isIn(200, 201);
        List<Event> closed = sameChanges(incidentsA, incidentsB, "closed");
        assertThat(closed.get(0).data().path("incident").path("status").asText()).isEqualTo("CLOSED");

        // nothing came twice: the next change is the next event on every stream
        String second = nodeB.post("/api/v1/agreements/" + id + "/incidents", IncidentContract.raiseBody("BLUE"))
                .token(anhui.token()).send().json().path("id").asText();
        assertThat(sameChanges(incidentsA, incidentsB, "raised").get(0).data().path("incidentId").asText())
                .isEqualTo(second);
        assertThat(nodeA.post("/api/v1/agreements/" + id + "/obligations/OB-1/fulfilment",
                Map.of("evidence", List.of(Scenarios.evidence("plan")))).token(anhui.token()).send().status())
                .isEqualTo(200);
        // the incidents left the status view as it was (each of their batches sent it again, for the portal's page):
        // the fulfilment is the next change on both nodes
        List<JsonNode> fulfilled = sameViews(statusA, statusB,
                v -> v.path("obligations").path(0).path("status").asText().equals("FULFILLED"));
        assertThat(fulfilled).hasSize(2);
        assertThat(fulfilled.get(0)).isEqualTo(inForce.get(inForce.size() - 1));
        assertThat(b.getBean(PostgresLiveUpdates.class).connections()).as("B never lost its listener").isEqualTo(1);
    }

    @Test
    void aNodeWhoseListenerWasCutOffConnectsAgainAndItsStreamsCatchUp() throws Exception {
        Map<String, Object> body = LedgerDriver.draftBody(LocalDate.now().minusYears(1), LocalDate.now().plusYears(3),
                anhui, zhejiang);
        Scenarios.terms(body).put("emergency", IncidentContract.emergency("PT1H", false));
        String id = Scenarios.signedInForce(viaA, body, anhui, zhejiang);
        BlockingQueue<Event> status = streams.open(portB, "/api/v1/agreements/" + id + "/stream", anhui.token());
        BlockingQueue<Event> incidents = streams.open(portB, "/api/v1/incidents/stream?agreementId=" + id, null);
        assertThat(next(status).data().path("status").asText()).isEqualTo("IN_FORCE");
        assertThat(next(incidents).name()).isEqualTo("open-incidents");

        PostgresLiveUpdates live = b.getBean(PostgresLiveUpdates.class);
        long connections = live.connections();
        int listener = live.backendPid();
        assertThat(a.getBean(JdbcTemplate.class).queryForObject("select pg_terminate_backend(?)", Boolean.class,
                listener)).isTrue();
        // committed while B waits to connect again (reconnect-delay 2 s): its notification is lost to B
        assertThat(nodeA.post("/api/v1/agreements/" + id + "/obligations/OB-1/fulfilment",
                Map.of("evidence", List.of(Scenarios.evidence("plan")))).token(anhui.token()).send().status())
                .isEqualTo(200);

        // connected again, B ends the incident streams (it cannot tell which changes they missed) …
        assertThat(next(incidents).name()).isEqualTo(END);
        assertThat(live.connections()).isGreaterThan(connections);
        assertThat(live.backendPid()).isNotEqualTo(listener);
        // … and brings the status streams up to date
        JsonNode caughtUp = next(status).data();
        assertThat(caughtUp.path("obligations").path(0).path("status").asText()).isEqualTo("FULFILLED");

        // a client that reconnects starts from the open incidents, and gets every later change
        BlockingQueue<Event> again = streams.open(portB, "/api/v1/incidents/stream?agreementId=" + id, null);
        assertThat(next(again).name()).isEqualTo("open-incidents");
        String raised = nodeA.post("/api/v1/agreements/" + id + "/incidents", IncidentContract.raiseBody("YELLOW"))
                .token(zhejiang.token()).send().json().path("id").asText();
        Event event = next(again);
        assertThat(event.name()).isEqualTo("raised");
        assertThat(event.data().path("incidentId").asText()).isEqualTo(raised);
    }

    @Test
    void aCommandOnlyNodeNeitherListensNorAnnounces() {
        ConfigurableApplicationContext command = start("live-c", "--ledger.node.role= Command ");
        try {
            assertThat(command.getBeanProvider(PostgresLiveUpdates.class).getIfAvailable()).isNull();
        } finally {
            command.close();
        }
    }

    /**
     * Reads the status views on both nodes up to the first that {@code reached} accepts. Node A holds the processor
     * and emits after each batch; node B re-reads on each of A's notifications, so two quick changes may come to it
     * as the later view twice. Told apart from repeats (a batch that left the view as it was sends it again), B's
     * views are A's, in A's order, ending with the same view, never going back. Returns B's distinct views.
     */
    private static List<JsonNode> sameViews(BlockingQueue<Event> onA, BlockingQueue<Event> onB,
                                            Predicate<JsonNode> reached) throws InterruptedException {
        List<JsonNode> viewsA = distinct(until(onA, reached));
        List<JsonNode> viewsB = distinct(until(onB, reached));
        assertThat(viewsA).containsSubsequence(viewsB);
        assertThat(viewsB.get(viewsB.size() - 1)).isEqualTo(viewsA.get(viewsA.size() - 1));
        for (List<JsonNode> views : List.of(viewsA, viewsB)) {
            for (int i = 1; i < views.size(); i++) {
                assertThat(views.get(i).path("version").asLong()).isGreaterThanOrEqualTo(views.get(i - 1).path("version").asLong());
            }
        }
        return viewsB;
    }

    /** The views without repeats of the one before. */
    private static List<JsonNode> distinct(List<JsonNode> views) {
        List<JsonNode> distinct = new ArrayList<>();
        for (JsonNode view : views) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(view)) {
                distinct.add(view);
            }
        }
        return distinct;
    }

    private static List<JsonNode> until(BlockingQueue<Event> events, Predicate<JsonNode> reached)
            throws InterruptedException {
        List<JsonNode> views = new ArrayList<>();
        do {
            Event event = next(events);
            assertThat(event.name()).as("a status view, not the end of the stream").isEqualTo("message");
            views.add(event.data());
        } while (!reached.test(views.get(views.size() - 1)));
        return views;
    }

    /** The next incident events on both nodes: these, in this order, and the same (what, which, to whom). */
    private static List<Event> sameChanges(BlockingQueue<Event> onA, BlockingQueue<Event> onB, String... names)
            throws InterruptedException {
        List<Event> changes = new ArrayList<>();
        for (String name : names) {
            Event a = next(onA);
            Event b = next(onB);
            assertThat(a.name()).isEqualTo(name);
            assertThat(b.name()).isEqualTo(name);
            for (String field : List.of("kind", "incidentId", "agreementId", "noticeNumber", "jurisdictionId")) {
                assertThat(b.data().path(field)).as(field).isEqualTo(a.data().path(field));
            }
            assertThat(b.data().path("incident").path("version").asLong())
                    .isGreaterThanOrEqualTo(a.data().path("incident").path("version").asLong());
            changes.add(b);
        }
        return changes;
    }

    private static String projectionsOwner() {
        List<String> owners = a.getBean(JdbcTemplate.class).queryForList(
                "select owner from token_entry where processor_name = 'projections'", String.class);
        return owners.isEmpty() ? null : owners.get(0);
    }




    private static ConfigurableApplicationContext start(String node, String... more) {
        List<String> args = new ArrayList<>(List.of("--ledger.several-nodes=true", "--ledger.node-id=" + node,
                "--ledger.live-updates.reconnect-delay=2s"));
        args.addAll(List.of(more));
        return nodes.start(node, args.toArray(String[]::new));
    }
}
