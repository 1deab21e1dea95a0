package org.basinledger.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.AgreementTerms;
import org.basinledger.api.agreement.DraftAgreementCommand;
import org.basinledger.api.agreement.FindAgreementStatusQuery;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.ObligationTerm;
import org.basinledger.api.agreement.OpenAgreementForSignatureCommand;
import org.basinledger.api.agreement.Party;
import org.basinledger.api.agreement.PartyRole;
import org.basinledger.api.agreement.SignAgreementCommand;
import org.basinledger.api.common.Actor;
import org.basinledger.command.agreement.CanonicalTerms;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The lifecycles the client threads run, through the command gateway or over HTTP. */
final class Workload {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    private static final LocalDate UNTIL = LocalDate.of(2035, 12, 31);
    private static final PartyRole[] ROLES = {PartyRole.UPSTREAM, PartyRole.DOWNSTREAM, PartyRole.FUNDER,
            PartyRole.MEMBER};
    private static final String TEXT = "新安江流域上下游横向生态补偿协议 — the parties keep the Jiekou section at "
            + "Class III or better, publish a joint monitoring plan every month and settle compensation yearly.";

    private final Options options;
    private final CommandGateway gateway;
    private final QueryGateway queries;
    private final JdbcTemplate jdbc;
    private final String base;
    private final List<Government> governments = new ArrayList<>();
    private final List<String> lastAgreements = new ArrayList<>();

    /** A registered jurisdiction with its key pair, key id and bearer token. */
    record Government(String id, KeyPair keys, String keyId, String token) {

        String sign(byte[] message) {
            try {
                Signature signer = Signature.getInstance("Ed25519");
                signer.initSign(keys.getPrivate());
                signer.update(message);
                return Base64.getEncoder().encodeToString(signer.sign());
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One measured (or warm-up) phase. */
    record PhaseResult(long nanos, long operations, long errors, String firstError, Histogram latency) {
    }

    Workload(ConfigurableApplicationContext context, int port, Options options) {
        this.options = options;
        this.gateway = context.getBean(CommandGateway.class);
        this.queries = context.getBean(QueryGateway.class);
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.base = "http://127.0.0.1:" + port;
    }

    /** Registers the jurisdictions (over HTTP, as the registrar) and issues each a token. */
    void setUp() throws Exception {
        HttpClient client = newClient();
        String run = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xfffffL).toUpperCase();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        for (int i = 0; i < options.totalJurisdictions(); i++) {
            String id = "BENCH-" + run + "-" + i;
            KeyPair keys = generator.generateKeyPair();
            Map<String, Object> body = Map.of("id", id, "name", "Bench jurisdiction " + i, "level", "CITY",
                    "publicKey", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
            HttpResponse<byte[]> registered = send(client, post("/api/v1/jurisdictions", body, LifecycleBenchmark.REGISTRAR_TOKEN));
            expect(registered, 201, "register " + id);
            String keyId = JSON.readTree(registered.body()).path("keys").path(0).path("keyId").asText();
            HttpResponse<byte[]> issued = send(client, post("/api/v1/tokens",
                    Map.of("principalType", "JURISDICTION", "principalId", id), LifecycleBenchmark.REGISTRAR_TOKEN));
            expect(issued, 201, "token for " + id);
            governments.add(new Government(id, keys, keyId, JSON.readTree(issued.body()).path("token").asText()));
        }
        LifecycleBenchmark.log("registered " + governments.size() + " jurisdictions");
    }

    /** Runs {@code count} lifecycles split over the client threads; each thread runs whole lifecycles in turn. */
    PhaseResult runPhase(int count, boolean warmUp) throws InterruptedException {
        int threads = options.threads();
        Histogram[] histograms = new Histogram[threads];
        AtomicLong operations = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        String[] last = new String[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            int share = count / threads + (t < count % threads ? 1 : 0);
            Histogram histogram = new Histogram(1, 600_000_000L, 3);
            histograms[t] = histogram;
            List<Government> parties = partiesFor(thread);
            Thread worker = new Thread(() -> {
                Client client = options.mode().equals("gateway") ? new GatewayClient(histogram)
                        : new HttpLifecycleClient(histogram);
                ready.countDown();
                try {
                    go.await();
                    for (int i = 0; i < share; i++) {
                        try {
                            last[thread] = client.lifecycle(parties);
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    operations.addAndGet(client.operations());
                    done.countDown();
                }
            }, (warmUp ? "bench-warmup-" : "bench-client-") + t);
            worker.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        done.await();
        long nanos = System.nanoTime() - start;
        Histogram all = new Histogram(1, 600_000_000L, 3);
        for (Histogram h : histograms) {
            all.add(h);
        }
        lastAgreements.clear();
        for (String id : last) {
            if (id != null) {
                lastAgreements.add(id);
            }
        }
        return new PhaseResult(nanos, operations.get(), errors.get(), firstError.get(), all);
    }

    /**
     * Waits until the status projection shows the last agreement of every thread in force; answers how long
     * that took (how far the asynchronous projections trailed the commands).
     */
    long awaitProjections() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        for (String id : lastAgreements) {
            while (true) {
                AgreementStatusView view = queries.query(new FindAgreementStatusQuery(id, null),
                        AgreementStatusView.class).join();
                if (view != null && view.status() == AgreementStatus.IN_FORCE) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("projections did not show " + id + " in force within 5 minutes");
                }
                Thread.sleep(1);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    long eventCount() {
        Long count = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        return count == null ? -1 : count;
    }

    /** The parties client thread {@code thread} acts for (its own unless --jurisdictions makes threads share). */
    List<Government> partiesFor(int thread) {
        int parties = options.parties();
        List<Government> chosen = new ArrayList<>(parties);
        int size = governments.size();
        for (int i = 0; i < parties; i++) {
            chosen.add(governments.get(options.jurisdictions() == 0 ? thread * parties + i
                    : (thread * parties + i) % size));
        }
        return chosen;
    }

    static AgreementDraft draft(List<Government> parties) {
        List<Party> list = new ArrayList<>();
        for (int i = 0; i < parties.size(); i++) {
            list.add(new Party(parties.get(i).id(), ROLES[i]));
        }
        AgreementTerms terms = new AgreementTerms(TEXT,
                List.of(new MonitoringSection("JIEKOU", "Jiekou", "Xin'an River", null, parties.get(0).id(),
                        parties.get(1).id())),
                List.of(new ObligationTerm("OB-1", parties.get(0).id(), "Publish the monthly joint monitoring plan",
                        UNTIL.minusDays(1))),
                List.of());
        return new AgreementDraft("Xin'an River ecological compensation", "Xin'an River", list, FROM, UNTIL, terms);
    }

    static Map<String, Object> draftBody(List<Government> parties) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < parties.size(); i++) {
            list.add(Map.of("jurisdictionId", parties.get(i).id(), "role", ROLES[i].name()));
        }
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("text", TEXT);
        terms.put("sections", List.of(Map.of("id", "JIEKOU", "name", "Jiekou", "waterBody", "Xin'an River",
                "upstream", parties.get(0).id(), "downstream", parties.get(1).id())));
        terms.put("obligations", List.of(Map.of("id", "OB-1", "party", parties.get(0).id(),
                "description", "Publish the monthly joint monitoring plan", "dueDate", UNTIL.minusDays(1).toString())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Xin'an River ecological compensation");
        body.put("basin", "Xin'an River");
        body.put("parties", list);
        body.put("effectiveFrom", FROM.toString());
        body.put("effectiveUntil", UNTIL.toString());
        body.put("terms", terms);
        return body;
    }

    /** One client thread's way of running a lifecycle; answers the agreement id. */
    interface Client {
        String lifecycle(List<Government> parties) throws Exception;

        long operations();
    }

    /** Commands through Axon's CommandGateway, each timed from send until applied and committed. */
    final class GatewayClient implements Client {
        private final Histogram histogram;
        private long operations;

        GatewayClient(Histogram histogram) {
            this.histogram = histogram;
        }

        @Override
        public String lifecycle(List<Government> parties) {
            String id = UUID.randomUUID().toString();
            Government drafter = parties.get(0);
            AgreementDraft draft = draft(parties);
            send(new DraftAgreementCommand(id, drafter.id(), draft), drafter);
            send(new OpenAgreementForSignatureCommand(id, drafter.id()), drafter);
            byte[] document = CanonicalTerms.of(id, draft).bytes();
            for (Government party : parties) {
                send(new SignAgreementCommand(id, party.id(), party.sign(document), party.keyId()), party);
            }
            return id;
        }

        private void send(Object command, Government actor) {
            Map<String, String> metaData = Map.of(Actor.ACTOR, "jurisdiction:" + actor.id(),
                    Actor.ACTOR_JURISDICTION, actor.id(), Actor.REQUEST_ID, "bench-" + UUID.randomUUID());
            long start = System.nanoTime();
            gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
            histogram.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            operations++;
        }

        @Override
        public long operations() {
            return operations;
        }
    }

    /** Requests over HTTP (java.net.http, HTTP/1.1 keep-alive), each timed from send until the body is read. */
    final class HttpLifecycleClient implements Client {
        private final Histogram histogram;
        private final HttpClient client = newClient();
        private long operations;

        HttpLifecycleClient(Histogram histogram) {
            this.histogram = histogram;
        }

        @Override
        public String lifecycle(List<Government> parties) throws Exception {
            Government drafter = parties.get(0);
            HttpResponse<byte[]> drafted = timed(post("/api/v1/agreements", draftBody(parties), drafter.token()));
            expect(drafted, 201, "draft");
            String id = JSON.readTree(drafted.body()).path("id").asText();
            expect(timed(post("/api/v1/agreements/" + id + "/open-for-signature", null, drafter.token())), 200, "open");
            for (Government party : parties) {
                HttpResponse<byte[]> terms = timed(get("/api/v1/agreements/" + id + "/terms", party.token()));
                expect(terms, 200, "terms");
                Map<String, Object> body = Map.of("signature", party.sign(terms.body()), "keyId", party.keyId());
                HttpResponse<byte[]> signed = timed(post("/api/v1/agreements/" + id + "/signatures", body, party.token()));
                expect(signed, 200, "sign");
                if (party == parties.get(parties.size() - 1)) {
                    JsonNode view = JSON.readTree(signed.body());
                    if (!"IN_FORCE".equals(view.path("status").asText())) {
                        throw new IllegalStateException("after the last signature " + id + " is "
                                + view.path("status").asText());
                    }
                }
            }
            return id;
        }

        private HttpResponse<byte[]> timed(HttpRequest request) throws Exception {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            histogram.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            operations++;
            return response;
        }

        @Override
        public long operations() {
            return operations;
        }
    }

    // ---- HTTP plumbing ----

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    HttpRequest post(String path, Object body, String token) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token);
            if (body == null) {
                builder.POST(HttpRequest.BodyPublishers.noBody());
            } else {
                builder.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            return builder.build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET().build();
    }

    static HttpResponse<byte[]> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static void expect(HttpResponse<byte[]> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + response.statusCode() + " "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
    }
}
