package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.basinledger.app.idempotency.IdempotencyKeyPurge;
import org.basinledger.app.support.EnabledIfPostgres;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.LedgerProcess;
import org.basinledger.app.support.PostgresCondition;
import org.basinledger.app.support.Scenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.util.FileSystemUtils;

/**
 * Issue 17: two packaged ledgers ({@code basin-ledger.jar}, two child JVMs) on one fresh PostgreSQL schema with
 * {@code ledger.several-nodes=true}, distinct node ids and one signing key. Writers drive a mixed load through both
 * (agreements drafted, opened and signed by both parties, monitoring reports, transfers created and acknowledged,
 * incidents raised with a RED acknowledgement deadline of a few seconds, half of them acknowledged at once), every
 * write with an {@code Idempotency-Key}, a third of them sent again with the same key through the other node. A
 * client whose node does not answer sends the same request with the same key to another node, as a client behind
 * a load balancer would. Mid-load node A is killed with SIGKILL just after it raised incidents whose deadlines fall
 * due while it is down; the writers keep going on node B alone, which must answer every request (no 5xx) and fire
 * those deadlines; then A is started again and both take the load.
 *
 * <p>Asserted at the end, from the event store and through both nodes: every acknowledged write is stored once and
 * shown by the read models; every aggregate's events are numbered 0..n-1 without a gap; the signed head covers every
 * stored event and the verification passes on both nodes; every notice not acknowledged was missed exactly once with
 * exactly one penalty, and no notice acknowledged in time was missed. The test holds no opinion on which node runs
 * which event processor or scheduled task.
 */
@EnabledIfPostgres
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class KillOneOfTwoNodesPostgresIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = PostgresCondition.newSchema();
    private static final int WRITERS = 4;
    private static final Duration BOTH_BEFORE_KILL = Duration.ofSeconds(8);
    /** Longer than the takeover of a dead node's segments (about 6 s): B takes over whatever processors A held. */
    private static final Duration SURVIVOR_ALONE = Duration.ofSeconds(15);
    private static final Duration BOTH_AFTER_RESTART = Duration.ofSeconds(8);
    private static final Duration BOUND = Duration.ofSeconds(90);
    /** The RED acknowledgement deadline of every agreement here. */
    private static final String RED_WITHIN = "PT5S";
    /**
     * The probe agreement's RED deadline: long enough that the probes A raises just before it is killed fall due
     * after the kill even on a slow machine, short enough that they fall due while A is down.
     */
    private static final String PROBE_RED_WITHIN = "PT10S";
    private static final int PROBES = 3;
    private static final String PENALTY = "500000.00";

    /** Set when the test passed: a failed run leaves its schema for a look (its name is printed). */
    private static volatile boolean passed;

    @AfterAll
    static void dropSchema() throws Exception {
        if (!passed) {
            System.out.println("kill test: schema " + SCHEMA + " kept for a look (the test did not pass)");
            return;
        }
        try (Connection connection = DriverManager.getConnection(PostgresCondition.URL, PostgresCondition.USER,
                PostgresCondition.PASSWORD)) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void aNodeKilledMidLoadLosesNothingAppliesNothingTwiceAndItsDeadlinesFireOnTheSurvivor() throws Exception {
        Path workDir = Files.createTempDirectory("basin-ledger-kill-");
        System.out.println("kill test: data directories and the ledgers' logs in " + workDir
                + " (deleted if the test passes)");
        Path key = sharedSigningKey(workDir);
        long started = System.nanoTime();
        Node a = new Node("a", workDir, key);
        Node b = new Node("b", workDir, key);
        Cluster cluster = new Cluster(List.of(a, b));
        try (a.process; b.process) {
            a.start(); // the first start migrates the fresh schema
            b.start();
            LedgerDriver driver = new LedgerDriver(new Http(a.port));
            List<Government> governments = new ArrayList<>();
            for (int i = 0; i < 2 * WRITERS + 2; i++) {
                governments.add(driver.register("CN-KILL-" + i));
            }
            Government probeRaiser = governments.get(2 * WRITERS);
            Government probeNotified = governments.get(2 * WRITERS + 1);
            Record record = new Record();
            Writer probe = new Writer(cluster, record, probeRaiser, probeNotified, -1, PROBE_RED_WITHIN);
            Touched probeAgreement = probe.agreementInForce(0);

            // ---- both nodes take the load ----
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Writer writer = new Writer(cluster, record, governments.get(2 * w), governments.get(2 * w + 1), w,
                        RED_WITHIN);
                writers.add(pool.submit(() -> {
                    writer.run();
                    return null;
                }));
            }
            Thread.sleep(BOTH_BEFORE_KILL.toMillis());

            // ---- A raises incidents whose deadlines fall due while it is down, and is killed ----
            List<String> probes = new ArrayList<>();
            for (int i = 0; i < PROBES; i++) {
                Reply raised = probe.write("/api/v1/agreements/" + probeAgreement.id + "/incidents",
                        IncidentContract.raiseBody("RED"), probeRaiser, a);
                assertThat(raised.node).as("the probe incidents are raised through node A").isSameAs(a);
                String id = raised.resourceId();
                probes.add(id);
                record.incidents.put(id, new Incident(id, probeAgreement.id, a.name));
            }
            cluster.down(a);
            a.process.kill();
            Instant killedAt = Instant.now();
            int atKill = record.acknowledged.get();

            // ---- B alone ----
            Thread.sleep(SURVIVOR_ALONE.toMillis());
            List<Instant> probeDeadlines = new ArrayList<>();
            for (String id : probes) {
                JsonNode due = raisedEvent(id).path("notices").path(0).path("acknowledgeBy");
                probeDeadlines.add(due.isNumber() ? Instant.ofEpochMilli(Math.round(due.asDouble() * 1000))
                        : Instant.parse(due.asText()));
            }
            assertThat(probeDeadlines).as("the deadlines A set fall due after it was killed at %s", killedAt)
                    .allSatisfy(due -> assertThat(due).isAfter(killedAt));
            awaitTrue(() -> "the survivor records each miss of the incidents A raised before it was killed",
                    () -> probes.stream().allMatch(id -> missedEvents(id) >= 1));
            for (String id : probes) {
                assertThat(missedEvents(id)).as("misses of probe incident %s, with A down", id).isEqualTo(1);
            }

            // ---- A again, both take the load ----
            a.start();
            cluster.up(a);
            int whileAlone = record.acknowledged.get() - atKill;
            int atRestart = record.acknowledged.get();
            Thread.sleep(BOTH_AFTER_RESTART.toMillis());
            cluster.stop();
            pool.shutdown();
            for (Future<?> writer : writers) {
                writer.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            }
            int afterRestart = record.acknowledged.get() - atRestart;
            System.out.printf("kill test: %d writes acknowledged (%d while A was down or starting, %d after A's restart), %d of"
                            + " them 202 applied, %d sent again with their key, %d answered only on a retry after a"
                            + " node failed to answer; per node %s%n", record.acknowledged.get(), whileAlone,
                    afterRestart, record.appliedAnswers.get(), record.replays.get(),
                    record.retriedAfterNoAnswer.get(), cluster.stats());
            assertThat(whileAlone).as("writes acknowledged by B while A was down").isPositive();
            assertThat(afterRestart).as("writes acknowledged after A's restart").isPositive();
            assertThat(a.answered.get()).as("writes answered by A after its restart").isPositive();
            assertThat(record.serverErrors).as("answers 5xx (none, on either node, at any time)").isEmpty();
            assertThat(record.refusals).as("writes refused (none expected)").isEmpty();
            assertThat(record.badReplays).as("replays with a key that did not give the first answer").isEmpty();

            // ---- every deadline due has run; then the event store ----
            List<String> pending = new ArrayList<>();
            awaitTrue(() -> "every incident deadline has run (all fall due within seconds): left " + pending, () -> {
                pending.clear();
                pending.addAll(pendingDeadlines());
                return pending.isEmpty();
            });
            StoredEvents stored = StoredEvents.read();
            assertThat(stored.gaps).as("aggregates whose events are not numbered 0..n-1").isEmpty();
            assertStoredOnce(stored, record, probeAgreement);

            // ---- read models on both nodes ----
            long position = stored.maxGlobalIndex;
            assertReadModels(cluster, record, stored, position);

            // ---- the integrity log on both nodes ----
            awaitTrue(() -> "the signed head covers every stored event", () -> cluster.head(a) == stored.count
                    && cluster.head(b) == stored.count);
            for (Node node : List.of(a, b)) {
                JsonNode report = cluster.verification(node);
                assertThat(report.path("ok").asBoolean()).as("verification on node %s: %s", node.name, report)
                        .isTrue();
                assertThat(report.path("treeSize").asLong()).isEqualTo(stored.count);
                assertThat(report.path("checked").asLong()).isEqualTo(stored.count);
            }
            assertThat(StoredEvents.read().count).as("nothing stored while checking").isEqualTo(stored.count);
            System.out.printf("kill test: %d events, %d incidents (%d notices missed, %d acknowledged in time),"
                            + " %.1f s in all%n", stored.count, record.incidents.size(), stored.missed.size(),
                    record.incidents.values().stream().filter(i -> i.acknowledged == Acknowledged.IN_TIME).count(),
                    (System.nanoTime() - started) / 1e9);
            a.process.stop();
            b.process.stop();
        }
        FileSystemUtils.deleteRecursively(workDir);
        passed = true;
    }

    // ---- what the store must hold ----

    private static void assertStoredOnce(StoredEvents stored, Record record, Touched probeAgreement) {
        List<Touched> agreements = new ArrayList<>(record.agreements.values());
        Map<String, Touched> byId = new HashMap<>(record.agreements);
        byId.put(probeAgreement.id, probeAgreement);
        assertThat(stored.ids("AgreementDraftedEvent")).as("agreements drafted, each once")
                .containsExactlyInAnyOrderElementsOf(byId.keySet());
        for (Touched agreement : byId.values()) {
            assertThat(stored.count("AgreementOpenedForSignatureEvent", agreement.id)).as("opened %s", agreement.id)
                    .isEqualTo(agreement.opened ? 1 : 0);
            assertThat(stored.count("AgreementSignedEvent", agreement.id)).as("signatures of %s", agreement.id)
                    .isEqualTo(agreement.signedBy.size());
        }
        assertThat(stored.payloadValues("MonitoringReportSubmittedEvent", "reportId"))
                .as("monitoring reports, each once").containsExactlyInAnyOrderElementsOf(record.reports.keySet());
        List<String> partyTransfers = new ArrayList<>();
        List<String> penalties = new ArrayList<>();
        for (JsonNode created : stored.payloads("TransferCreatedEvent")) {
            (created.path("source").asText().equals("PENALTY") ? penalties : partyTransfers)
                    .add(created.path("transferId").asText());
        }
        assertThat(partyTransfers).as("transfers created by the parties, each once")
                .containsExactlyInAnyOrderElementsOf(record.transfers.keySet());
        assertThat(stored.ids("TransferAcknowledgedEvent")).as("transfers acknowledged, each once")
                .containsExactlyInAnyOrderElementsOf(record.transfers.entrySet().stream()
                        .filter(Map.Entry::getValue).map(Map.Entry::getKey).toList());
        assertThat(stored.ids("IncidentRaisedEvent")).as("incidents raised, each once")
                .containsExactlyInAnyOrderElementsOf(record.incidents.keySet());

        // deadlines: one miss per notice not acknowledged in time, never two; one penalty per miss
        List<String> missedNotices = stored.missed.stream().map(m -> m.path("incidentId").asText() + "#"
                + m.path("noticeNumber").asInt()).toList();
        assertThat(missedNotices).as("notices missed (a deadline that ran twice would show twice)")
                .doesNotHaveDuplicates();
        for (Incident incident : record.incidents.values()) {
            String notice = incident.id + "#1";
            if (incident.acknowledged == Acknowledged.IN_TIME) {
                assertThat(missedNotices).as("incident %s was acknowledged in time", incident.id).doesNotContain(notice);
            } else if (incident.acknowledged != Acknowledged.APPLIED_UNANSWERED) {
                assertThat(missedNotices).as("incident %s (raised through %s) was not acknowledged in time",
                        incident.id, incident.raisedThrough).contains(notice);
            }
        }
        assertThat(penalties).as("one penalty per missed notice").containsExactlyInAnyOrderElementsOf(
                stored.missed.stream().map(m -> m.path("penaltyTransferId").asText()).toList());
        assertThat(stored.ids("IncidentAcknowledgedEvent")).as("acknowledgements, each once")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(record.incidents.values().stream()
                        .filter(i -> i.acknowledged != Acknowledged.NOT).map(i -> i.id).toList());
        assertThat(agreements).isNotEmpty();
    }

    private static void assertReadModels(Cluster cluster, Record record, StoredEvents stored, long position) {
        Node[] nodes = cluster.nodes.toArray(Node[]::new);
        int i = 0;
        for (Touched agreement : record.agreements.values()) {
            for (Node node : nodes) {
                JsonNode view = cluster.read(node, "/api/v1/agreements/" + agreement.id, agreement.drafter, position);
                String expected = agreement.signedBy.size() == 2 ? "IN_FORCE"
                        : agreement.opened ? "OPEN_FOR_SIGNATURE" : "DRAFT";
                assertThat(view.path("status").asText()).as("agreement %s on node %s", agreement.id, node.name)
                        .isEqualTo(expected);
            }
        }
        for (Map.Entry<String, Government> report : record.reports.entrySet()) {
            Node node = nodes[i++ % 2];
            JsonNode view = cluster.read(node, "/api/v1/monitoring-reports/" + report.getKey(), report.getValue(),
                    position);
            assertThat(view.path("id").asText()).isEqualTo(report.getKey());
        }
        for (Map.Entry<String, Boolean> transfer : record.transfers.entrySet()) {
            Node node = nodes[i++ % 2];
            JsonNode view = cluster.read(node, "/api/v1/transfers/" + transfer.getKey(), null, position);
            assertThat(view.path("status").asText()).as("transfer %s", transfer.getKey())
                    .isEqualTo(transfer.getValue() ? "ACKNOWLEDGED" : "DUE");
        }
        Set<String> missedIncidents = ConcurrentHashMap.newKeySet();
        stored.missed.forEach(m -> missedIncidents.add(m.path("incidentId").asText()));
        for (Incident incident : record.incidents.values()) {
            Node node = nodes[i++ % 2];
            JsonNode notice = cluster.read(node, "/api/v1/incidents/" + incident.id, null, position)
                    .path("notices").path(0);
            boolean missed = missedIncidents.contains(incident.id);
            assertThat(notice.path("missed").asBoolean()).as("incident %s on node %s: %s", incident.id, node.name,
                    notice).isEqualTo(missed);
            if (missed) {
                JsonNode penalty = cluster.read(nodes[i++ % 2], "/api/v1/transfers/"
                        + notice.path("penaltyTransferId").asText(), null, position);
                assertThat(penalty.path("source").asText()).isEqualTo("PENALTY");
                assertThat(penalty.path("amount").path("amount").asText()).isEqualTo(PENALTY);
            }
        }
    }

    // ---- the writers ----

    /** What the writers had acknowledged. */
    static final class Record {
        final Map<String, Touched> agreements = new ConcurrentHashMap<>();
        /** Report id → who submitted it. */
        final Map<String, Government> reports = new ConcurrentHashMap<>();
        /** Transfer id → acknowledged by its payer. */
        final Map<String, Boolean> transfers = new ConcurrentHashMap<>();
        final Map<String, Incident> incidents = new ConcurrentHashMap<>();
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicInteger replays = new AtomicInteger();
        final AtomicInteger retriedAfterNoAnswer = new AtomicInteger();
        final AtomicInteger appliedAnswers = new AtomicInteger();
        final ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> badReplays = new ConcurrentLinkedQueue<>();
    }

    /** An agreement a writer drafted, and how far it got. */
    static final class Touched {
        final String id;
        final Government drafter;
        volatile boolean opened;
        final Set<String> signedBy = ConcurrentHashMap.newKeySet();

        Touched(String id, Government drafter) {
            this.id = id;
            this.drafter = drafter;
        }
    }

    /** How the one notice of an incident was acknowledged. */
    enum Acknowledged { NOT, IN_TIME, LATE, APPLIED_UNANSWERED }

    /** An incident raised, and whether its one notice was acknowledged. */
    static final class Incident {
        final String id;
        final String agreementId;
        final String raisedThrough;
        volatile Acknowledged acknowledged = Acknowledged.NOT;

        Incident(String id, String agreementId, String raisedThrough) {
            this.id = id;
            this.agreementId = agreementId;
            this.raisedThrough = raisedThrough;
        }
    }

    /**
     * One client: governments {@code a} (drafts, raises incidents, pays) and {@code b} (the other party, notified of
     * incidents); each round an agreement drafted, opened and signed by both, then under it a monitoring report, a
     * transfer (acknowledged every other round) and an incident (acknowledged at once every other round).
     */
    static final class Writer {
        private final Cluster cluster;
        private final Record record;
        private final Government a;
        private final Government b;
        private final int number;
        private final String redWithin;
        private long position;
        private int writes;

        Writer(Cluster cluster, Record record, Government a, Government b, int number, String redWithin) {
            this.cluster = cluster;
            this.redWithin = redWithin;
            this.record = record;
            this.a = a;
            this.b = b;
            this.number = number;
        }

        void run() {
            int round = 0;
            while (!cluster.stopped) {
                round++;
                Touched agreement = agreementInForce(round);
                if (agreement == null) {
                    continue;
                }
                Reply report = write("/api/v1/agreements/" + agreement.id + "/monitoring-reports",
                        Scenarios.monthlyReport("JIEKOU", Scenarios.LAST_YEAR, 1 + round % 12,
                                Map.of("CODMN", "1.80", "NH3N", "0.12"), null), round % 2 == 0 ? a : b, null);
                if (report.ok()) {
                    record.reports.put(report.resourceId(), round % 2 == 0 ? a : b);
                }
                Map<String, Object> transfer = new LinkedHashMap<>();
                transfer.put("agreementId", agreement.id);
                transfer.put("payee", b.id());
                transfer.put("amount", Scenarios.cny(round + ".00"));
                transfer.put("reason", "Kill test transfer " + number + "/" + round);
                Reply created = write("/api/v1/transfers", transfer, a, null);
                if (created.ok()) {
                    String id = created.resourceId();
                    record.transfers.put(id, false);
                    if (round % 2 == 0 && write("/api/v1/transfers/" + id + "/acknowledgement", null, a, null).ok()) {
                        record.transfers.put(id, true);
                    }
                }
                Reply raised = write("/api/v1/agreements/" + agreement.id + "/incidents",
                        IncidentContract.raiseBody("RED"), a, null);
                if (raised.ok()) {
                    Incident incident = new Incident(raised.resourceId(), agreement.id, raised.node.name);
                    record.incidents.put(incident.id, incident);
                    if (round % 2 == 1) {
                        Reply acknowledged = write("/api/v1/incidents/" + incident.id + "/acknowledgement",
                                Map.of("note", "Intake closed"), b, null);
                        if (acknowledged.ok()) {
                            incident.acknowledged = acknowledged.answer.status() != 200
                                    ? Acknowledged.APPLIED_UNANSWERED
                                    : acknowledged.answer.json().path("notices").path(0).path("late").asBoolean()
                                    ? Acknowledged.LATE : Acknowledged.IN_TIME;
                        }
                    }
                }
            }
        }

        /** Drafts, opens and has both parties sign an agreement with this writer's RED deadline. */
        Touched agreementInForce(int round) {
            Map<String, Object> body = LedgerDriver.draftBody(LocalDate.of(Scenarios.LAST_YEAR - 1, 1, 1),
                    LocalDate.now().plusYears(3), a, b);
            body.put("title", "Kill test agreement " + number + "/" + round);
            Scenarios.terms(body).put("emergency", IncidentContract.emergency(redWithin, true));
            Reply drafted = write("/api/v1/agreements", body, a, null);
            if (!drafted.ok()) {
                return null;
            }
            Touched agreement = new Touched(drafted.resourceId(), a);
            record.agreements.put(agreement.id, agreement);
            if (!write("/api/v1/agreements/" + agreement.id + "/open-for-signature", null, a, null).ok()) {
                return null;
            }
            agreement.opened = true;
            for (Government party : List.of(a, b)) {
                byte[] terms = cluster.readBytes(cluster.next(), "/api/v1/agreements/" + agreement.id + "/terms",
                        party, position);
                Reply signed = write("/api/v1/agreements/" + agreement.id + "/signatures",
                        Map.of("signature", party.keys().sign(terms), "keyId", party.keyId()), party, null);
                if (!signed.ok()) {
                    return null;
                }
                agreement.signedBy.add(party.id());
            }
            return agreement;
        }

        /**
         * Sends a write with a new key until a node answers it (to {@code pinned} only, when given); every third
         * acknowledged write is sent again with its key through the next node, which must give the first answer.
         */
        Reply write(String path, Object body, Government who, Node pinned) {
            String key = UUID.randomUUID().toString();
            Reply reply = cluster.write(path, body, who, key, pinned, record);
            if (reply.ok()) {
                record.acknowledged.incrementAndGet();
                position = Math.max(position, reply.position());
                if (reply.answer.status() == 202) {
                    // "applied", answered before the read models had it: as the API says, read it at Location
                    // before acting on it (the checks of a write on it read the read models, which may lag)
                    record.appliedAnswers.incrementAndGet();
                    cluster.awaitReadable(reply.answer.header("Location"), who, position);
                }
                if (++writes % 3 == 0 && pinned == null) {
                    Reply again = cluster.write(path, body, who, key, null, record);
                    record.replays.incrementAndGet();
                    if (again.answer.status() != reply.answer.status()
                            || !"true".equals(again.answer.header("Idempotent-Replayed"))
                            || !String.valueOf(again.answer.header("Location"))
                            .equals(String.valueOf(reply.answer.header("Location")))) {
                        record.badReplays.add(path + ": first " + reply.answer + " then " + again.answer);
                    }
                }
            }
            return reply;
        }
    }

    // ---- the nodes ----

    /** One packaged ledger: its process, its current port, whether clients send to it. */
    static final class Node {
        final String name;
        final LedgerProcess process;
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger noAnswer = new AtomicInteger();
        final AtomicInteger inProgress = new AtomicInteger();
        final AtomicInteger conflicts = new AtomicInteger();
        final AtomicInteger behind = new AtomicInteger();
        volatile int port;

        Node(String name, Path workDir, Path signingKey) throws IOException {
            this.name = name;
            Path dataDir = Files.createDirectories(workDir.resolve("node-" + name));
            this.process = new LedgerProcess(List.of(
                    "--spring.profiles.active=postgres",
                    "--spring.datasource.url=" + PostgresCondition.urlFor(SCHEMA),
                    "--spring.datasource.username=" + PostgresCondition.USER,
                    "--spring.datasource.password=" + PostgresCondition.PASSWORD,
                    // a pool that grows with the load and shrinks after it: the server (100 clients) is shared
                    "--spring.datasource.hikari.minimum-idle=1",
                    "--spring.datasource.hikari.idle-timeout=10000",
                    "--spring.flyway.default-schema=" + SCHEMA,
                    "--spring.flyway.create-schemas=true",
                    "--ledger.data-dir=" + dataDir,
                    "--ledger.registrar-token=" + LedgerDriver.REGISTRAR_TOKEN,
                    "--ledger.signing-key-path=" + signingKey,
                    "--ledger.several-nodes=true",
                    "--ledger.node-id=kill-test-" + name,
                    // a key whose node was killed between its commit and its answer is answered "applied" after
                    // this (30 s by default): the clients' retries then end sooner
                    "--ledger.idempotency.recovery-after=8s"), dataDir);
        }

        void start() throws Exception {
            process.start();
            port = process.port();
        }
    }

    /** A node's answer to a write. */
    record Reply(Http.Answer answer, Node node) {

        boolean ok() {
            return answer.status() >= 200 && answer.status() < 300;
        }

        String resourceId() {
            String location = answer.header("Location");
            assertThat(location).as("Location of %s", answer).isNotNull();
            return location.substring(location.lastIndexOf('/') + 1);
        }

        long position() {
            String position = answer.header("X-Ledger-Position");
            return position == null ? 0 : Long.parseLong(position);
        }
    }

    /** The two nodes as a client behind a load balancer sees them: it sends to those that are up, in turn. */
    static final class Cluster {
        final List<Node> nodes;
        private final Set<Node> up = ConcurrentHashMap.newKeySet();
        private final AtomicLong turn = new AtomicLong();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        volatile boolean stopped;

        Cluster(List<Node> nodes) {
            this.nodes = nodes;
            up.addAll(nodes);
        }

        void down(Node node) {
            up.remove(node);
        }

        void up(Node node) {
            up.add(node);
        }

        void stop() {
            stopped = true;
        }

        Node next() {
            List<Node> live = nodes.stream().filter(up::contains).toList();
            return live.get((int) (turn.getAndIncrement() % live.size()));
        }

        String stats() {
            StringBuilder stats = new StringBuilder();
            for (Node node : nodes) {
                stats.append(String.format("%s: %d answered, %d not answered (killed), %d idempotency-in-progress,"
                                + " %d concurrent-modification, %d read-models-behind; ", node.name,
                        node.answered.get(), node.noAnswer.get(), node.inProgress.get(), node.conflicts.get(),
                        node.behind.get()));
            }
            return stats.toString();
        }

        /**
         * Sends until a node gives an answer that is not "try again": a connection failure (the node was killed)
         * or {@code 409 idempotency-in-progress} / {@code concurrent-modification} is sent again with the same key;
         * a 5xx is recorded (and sent again, as nothing was applied). Gives up after {@link #BOUND}.
         */
        Reply write(String path, Object body, Government who, String key, Node pinned, Record record) {
            long deadline = System.nanoTime() + BOUND.toNanos();
            boolean failedOnce = false;
            while (System.nanoTime() < deadline) {
                Node node = pinned != null ? pinned : next();
                Http.Answer answer;
                try {
                    HttpRequest.Builder request = HttpRequest.newBuilder(url(node, path))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + who.token())
                            .header("Idempotency-Key", key);
                    if (body == null) {
                        request.POST(HttpRequest.BodyPublishers.noBody());
                    } else {
                        request.header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
                    }
                    answer = send(request);
                } catch (IOException noAnswer) {
                    node.noAnswer.incrementAndGet();
                    failedOnce = true;
                    pause(200);
                    continue;
                }
                String type = problemType(answer);
                if (answer.status() >= 500) {
                    record.serverErrors.add("node " + node.name + ": POST " + path + " -> " + answer);
                    pause(500);
                    continue;
                }
                if (answer.status() == 409 && type.endsWith("idempotency-in-progress")) {
                    node.inProgress.incrementAndGet();
                    pause(1000);
                    continue;
                }
                if (answer.status() == 409 && type.endsWith("concurrent-modification")) {
                    node.conflicts.incrementAndGet();
                    pause(100);
                    continue;
                }
                node.answered.incrementAndGet();
                if (failedOnce) {
                    record.retriedAfterNoAnswer.incrementAndGet();
                }
                if (answer.status() >= 300) {
                    record.refusals.add("node " + node.name + ": POST " + path + " -> " + answer);
                }
                return new Reply(answer, node);
            }
            throw new AssertionError("POST " + path + " got no answer within " + BOUND);
        }

        /** A read on one node, waiting for {@code position}; {@code 503 read-models-behind} is asked again. */
        JsonNode read(Node node, String path, Government who, long position) {
            try {
                return JSON.readTree(readBytes(node, path, who, position));
            } catch (IOException e) {
                throw new AssertionError(path, e);
            }
        }

        byte[] readBytes(Node node, String path, Government who, long position) {
            long deadline = System.nanoTime() + BOUND.toNanos();
            Node target = node;
            while (System.nanoTime() < deadline) {
                HttpRequest.Builder request = HttpRequest.newBuilder(url(target, path)).timeout(Duration.ofSeconds(60))
                        .header("X-Ledger-Position", Long.toString(position)).GET();
                if (who != null) {
                    request.header("Authorization", "Bearer " + who.token());
                }
                Http.Answer answer;
                try {
                    answer = send(request);
                } catch (IOException noAnswer) {
                    target.noAnswer.incrementAndGet();
                    target = next();
                    pause(200);
                    continue;
                }
                if (answer.status() == 503 && problemType(answer).endsWith("read-models-behind")) {
                    target.behind.incrementAndGet();
                    pause(1000);
                    continue;
                }
                assertThat(answer.status()).as("GET %s on node %s: %s", path, target.name, answer).isEqualTo(200);
                return answer.raw().body();
            }
            throw new AssertionError("GET " + path + " not answered within " + BOUND);
        }

        /** Reads {@code location} on any node until it is there (a 404 or {@code 503 read-models-behind} waits). */
        void awaitReadable(String location, Government who, long position) {
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (System.nanoTime() < deadline) {
                Node node = next();
                HttpRequest.Builder request = HttpRequest.newBuilder(url(node, location)).timeout(Duration.ofSeconds(60))
                        .header("X-Ledger-Position", Long.toString(position))
                        .header("Authorization", "Bearer " + who.token()).GET();
                try {
                    Http.Answer answer = send(request);
                    if (answer.status() == 200) {
                        return;
                    }
                    assertThat(answer.status()).as("GET %s on node %s: %s", location, node.name, answer)
                            .isIn(404, 503);
                } catch (IOException noAnswer) {
                    node.noAnswer.incrementAndGet();
                }
                pause(500);
            }
            throw new AssertionError(location + " not readable within " + BOUND);
        }

        long head(Node node) {
            return read(node, "/api/v1/ledger/head", null, 0).path("treeSize").asLong();
        }

        JsonNode verification(Node node) throws IOException {
            Http.Answer answer = send(HttpRequest.newBuilder(url(node, "/api/v1/ledger/verification"))
                    .timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + LedgerDriver.REGISTRAR_TOKEN).GET());
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            return answer.json();
        }

        private static URI url(Node node, String path) {
            return URI.create("http://127.0.0.1:" + node.port + path);
        }

        private Http.Answer send(HttpRequest.Builder request) throws IOException {
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Http.Answer(response.statusCode(), response);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        private static String problemType(Http.Answer answer) {
            String contentType = answer.contentType();
            if (contentType == null || !contentType.contains("json") || answer.status() < 400) {
                return "";
            }
            return answer.json().path("type").asText();
        }
    }

    // ---- the database, read directly ----

    /** Every stored event, with the aggregates whose sequence numbers are not 0..n-1. */
    static final class StoredEvents {
        long count;
        long maxGlobalIndex;
        final Map<String, List<JsonNode>> byType = new HashMap<>();
        final Map<String, List<String>> aggregatesByType = new HashMap<>();
        final List<String> gaps = new ArrayList<>();
        final List<JsonNode> missed = new ArrayList<>();

        static StoredEvents read() throws Exception {
            StoredEvents stored = new StoredEvents();
            try (Connection connection = connect()) {
                try (ResultSet rows = connection.createStatement().executeQuery(
                        "select payload_type, aggregate_identifier, convert_from(payload, 'UTF8'), global_index"
                                + " from domain_event_entry")) {
                    while (rows.next()) {
                        String type = rows.getString(1).substring(rows.getString(1).lastIndexOf('.') + 1);
                        stored.count++;
                        stored.maxGlobalIndex = Math.max(stored.maxGlobalIndex, rows.getLong(4));
                        stored.byType.computeIfAbsent(type, t -> new ArrayList<>()).add(JSON.readTree(rows.getString(3)));
                        stored.aggregatesByType.computeIfAbsent(type, t -> new ArrayList<>()).add(rows.getString(2));
                    }
                }
                try (ResultSet rows = connection.createStatement().executeQuery(
                        "select aggregate_identifier, count(*), min(sequence_number), max(sequence_number)"
                                + " from domain_event_entry group by aggregate_identifier"
                                + " having min(sequence_number) <> 0 or max(sequence_number) <> count(*) - 1")) {
                    while (rows.next()) {
                        stored.gaps.add(rows.getString(1) + ": " + rows.getLong(2) + " events numbered "
                                + rows.getLong(3) + ".." + rows.getLong(4));
                    }
                }
            }
            stored.missed.addAll(stored.payloads("IncidentAcknowledgementMissedEvent"));
            return stored;
        }

        List<JsonNode> payloads(String type) {
            return byType.getOrDefault(type, List.of());
        }

        /** The aggregate ids of the events of this type, once per event. */
        List<String> ids(String type) {
            return aggregatesByType.getOrDefault(type, List.of());
        }

        long count(String type, String aggregateId) {
            return ids(type).stream().filter(aggregateId::equals).count();
        }

        List<String> payloadValues(String type, String field) {
            return payloads(type).stream().map(p -> p.path(field).asText()).toList();
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(PostgresCondition.urlFor(SCHEMA), PostgresCondition.USER,
                PostgresCondition.PASSWORD);
    }

    private static JsonNode raisedEvent(String incidentId) {
        try (Connection connection = connect(); var statement = connection.prepareStatement(
                "select convert_from(payload, 'UTF8') from domain_event_entry where aggregate_identifier = ?"
                        + " and payload_type like '%IncidentRaisedEvent'")) {
            statement.setString(1, incidentId);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("incident %s is stored", incidentId).isTrue();
                return JSON.readTree(rows.getString(1));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long missedEvents(String incidentId) {
        return countRows("select count(*) from domain_event_entry where aggregate_identifier = '" + incidentId
                + "' and payload_type like '%IncidentAcknowledgementMissedEvent'");
    }

    /**
     * Scheduled tasks due within the hour: incident deadlines not run yet, or run and failed (db-scheduler retries a
     * failed one-time task later); the agreements' own deadlines are years away, the recurring purge of idempotency
     * keys is left aside.
     */
    private static List<String> pendingDeadlines() {
        List<String> pending = new ArrayList<>();
        try (Connection connection = connect(); ResultSet rows = connection.createStatement().executeQuery(
                "select task_name, task_instance, execution_time, picked, picked_by, consecutive_failures,"
                        + " last_failure from scheduled_tasks"
                        + " where execution_time < now() + interval '1 hour' and task_name <> '"
                        + IdempotencyKeyPurge.TASK + "'")) {
            while (rows.next()) {
                pending.add(rows.getString(1) + "/" + rows.getString(2) + " at " + rows.getString(3) + " picked "
                        + rows.getBoolean(4) + " by " + rows.getString(5) + ", failures " + rows.getInt(6) + " (last "
                        + rows.getString(7) + ")");
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return pending;
    }

    private static long countRows(String sql) {
        try (Connection connection = connect(); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (Exception e) {
            throw new AssertionError(sql, e);
        }
    }

    private static void awaitTrue(java.util.function.Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as(() -> what.get() + ", within " + BOUND).isTrue();
            pause(250);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One Ed25519 key for both nodes (PKCS#8 PEM, owner-only): a head signed by one verifies on the other. */
    private static Path sharedSigningKey(Path workDir) throws Exception {
        byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        Path key = workDir.resolve("ledger-signing-key.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return key;
    }
}
