package org.basinledger.benchmark;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.basinledger.app.BasinLedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 14: how long an incident takes from its command to the event on the live stream, with {@code --listeners}
 * (default 100) listening to {@code GET /api/v1/incidents/stream}. Two jurisdictions sign an agreement with
 * emergency duties; the listeners open their streams (all from 127.0.0.1: run with
 * {@code --ledger.streams.per-client} at least the listeners, see benchmark/run-incident-stream.sh) and wait for
 * their {@code open-incidents} event; then {@code --rounds} (default 200) incidents are raised over HTTP one after
 * the other. Each round's clock starts just before its POST is sent; each listener records when the
 * {@code raised} event of that round (its description names the round) reaches it. The next round starts once every
 * listener has it (or after 30 s: counted as missing). Reported: the latency from command to event over every
 * listener and round (p50, p90, p99, max), the POST's own latency (it answers after the read models include the
 * incident), and the events that never came. Client and ledger share this JVM and its cores.
 *
 * <p>With {@code --bench.second-node=true} (PostgreSQL and {@code --ledger.several-nodes=true} only, see
 * benchmark/run-incident-stream.sh with {@code NODES=2}) a second ledger node starts in this JVM on the same schema
 * once the first holds the projections' segment: the listeners stream from the second node and the incidents are
 * raised through the first, so every event crosses nodes (PostgreSQL {@code NOTIFY}, the second node re-reading the
 * incident). Also reported then: from the {@code POST}'s answer to the event on the second node's streams.
 */
final class IncidentStreamBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROUND = Pattern.compile("bench round (\\d+)\"");

    private final Options options;
    private final ConfigurableApplicationContext context;
    private final String base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    IncidentStreamBenchmark(ConfigurableApplicationContext context, int port, Options options) {
        this.options = options;
        this.context = context;
        this.base = "http://127.0.0.1:" + port;
    }

    /** The second node, on the first one's schema, started once the first holds the projections' segment. */
    private ConfigurableApplicationContext secondNode() {
        Environment env = context.getEnvironment();
        String firstNode = env.getProperty("ledger.node-id", "");
        if (!"postgres".equals(options.db()) || !env.getProperty("ledger.several-nodes", Boolean.class, false)
                || firstNode.isBlank()) {
            throw new IllegalArgumentException("--bench.second-node needs --db=postgres, --ledger.several-nodes=true"
                    + " and --ledger.node-id");
        }
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!jdbc.queryForList("select owner from token_entry where processor_name = 'projections'", String.class)
                .contains(firstNode)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the first node did not claim the projections within 60 s");
            }
            sleep(100);
        }
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.profiles.active=postgres",
                "--spring.main.banner-mode=off", "--logging.level.root=ERROR", "--logging.level.org.basinledger=WARN",
                "--logging.level.org.hibernate.orm.connections.pooling=ERROR",
                "--logging.level.org.hibernate.engine.jdbc.env.internal=ERROR",
                "--ledger.several-nodes=true", "--ledger.node-id=" + firstNode + "-second"));
        for (String name : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.flyway.default-schema", "ledger.registrar-token", "ledger.streams.per-client")) {
            String value = env.getProperty(name);
            if (value != null) {
                args.add("--" + name + "=" + value);
            }
        }
        args.add("--ledger.data-dir=" + env.getProperty("ledger.data-dir") + "-second");
        // one ledger, one signing key: a node with a key of its own fails the integrity check and holds all writes
        args.add("--ledger.signing-key-path=" + env.getProperty("ledger.signing-key-path",
                java.nio.file.Path.of(env.getProperty("ledger.data-dir"), "ledger-signing-key.pem").toString()));
        LifecycleBenchmark.log("starting a second node on the same schema; the listeners stream from it");
        return new SpringApplicationBuilder(BasinLedgerApplication.class).logStartupInfo(false)
                .run(args.toArray(String[]::new));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> run() throws Exception {
        boolean twoNodes = context.getEnvironment().getProperty("bench.second-node", Boolean.class, false);
        ConfigurableApplicationContext second = twoNodes ? secondNode() : null;
        try {
            return run(second == null ? base
                    : "http://127.0.0.1:" + ((WebServerApplicationContext) second).getWebServer().getPort());
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    private Map<String, Object> run(String streamBase) throws Exception {
        int listeners = options.extra().listeners();
        int rounds = options.extra().rounds();
        List<Workload.Government> parties = parties();
        String agreementId = agreementInForce(parties);
        LifecycleBenchmark.log("agreement " + agreementId + " is in force with emergency duties");

        AtomicLongArray sentAt = new AtomicLongArray(rounds);
        AtomicLongArray answeredAt = new AtomicLongArray(rounds);
        Histogram afterAnswer = new Histogram(3_600_000_000L, 3);
        List<long[]> arrivals = new ArrayList<>();
        AtomicReferenceArray<CountDownLatch> arrived = new AtomicReferenceArray<>(rounds);
        for (int r = 0; r < rounds; r++) {
            arrived.set(r, new CountDownLatch(listeners));
        }
        Histogram delivery = new Histogram(3_600_000_000L, 3);
        AtomicLong duplicates = new AtomicLong();
        CountDownLatch opened = new CountDownLatch(listeners);
        List<InputStream> bodies = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (int l = 0; l < listeners; l++) {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                            URI.create(streamBase + "/api/v1/incidents/stream?agreementId=" + agreementId))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("listener " + l + " was answered " + response.statusCode()
                        + ": run with --ledger.streams.per-client >= --listeners");
            }
            InputStream body = response.body();
            bodies.add(body);
            boolean[] seen = new boolean[rounds];
            long[] arrivedAt = new long[rounds];
            arrivals.add(arrivedAt);
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    String line;
                    String event = "message";
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("event:")) {
                            event = line.substring(6).strip();
                            if (event.equals("open-incidents")) {
                                opened.countDown();
                            }
                        } else if (line.startsWith("data:") && event.equals("raised")) {
                            long now = System.nanoTime();
                            Matcher round = ROUND.matcher(line);
                            if (round.find()) {
                                int r = Integer.parseInt(round.group(1));
                                if (r < rounds && !seen[r]) {
                                    seen[r] = true;
                                    arrivedAt[r] = now;
                                    synchronized (delivery) {
                                        delivery.recordValue(Math.max(1, (now - sentAt.get(r)) / 1000));
                                    }
                                    arrived.get(r).countDown();
                                } else {
                                    duplicates.incrementAndGet();
                                }
                            }
                        } else if (line.isEmpty()) {
                            event = "message";
                        }
                    }
                } catch (Exception closed) {
                    // the benchmark closed the stream
                }
            }, "incident-listener-" + l);
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
        if (!opened.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every listener got its open-incidents event within 60 s");
        }
        LifecycleBenchmark.log(listeners + " listeners open; raising " + rounds + " incidents one after the other");

        Histogram command = Measure.histogram();
        long missing = 0;
        System.gc();
        Measure measure = Measure.start();
        for (int r = 0; r < rounds; r++) {
            Map<String, Object> incident = new LinkedHashMap<>();
            incident.put("sectionId", "JIEKOU");
            incident.put("level", "BLUE");
            incident.put("description", "bench round " + r);
            incident.put("detectedAt", Instant.now().minusSeconds(60).toString());
            incident.put("evidence", List.of(Map.of("sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    "uri", "https://example.org/bench.pdf")));
            sentAt.set(r, System.nanoTime());
            HttpResponse<byte[]> raised = post("/api/v1/agreements/" + agreementId + "/incidents", incident,
                    parties.get(0).token());
            answeredAt.set(r, System.nanoTime());
            command.recordValue(Math.max(1, (answeredAt.get(r) - sentAt.get(r)) / 1000));
            Workload.expect(raised, 201, "raise round " + r);
            if (!arrived.get(r).await(30, TimeUnit.SECONDS)) {
                missing += arrived.get(r).getCount();
            }
        }
        measure.stop();
        bodies.forEach(IncidentStreamBenchmark::closeQuietly);
        long beforeAnswer = 0;
        for (long[] arrivedAt : arrivals) {
            for (int r = 0; r < rounds; r++) {
                if (arrivedAt[r] != 0) {
                    long micros = (arrivedAt[r] - answeredAt.get(r)) / 1000;
                    if (micros < 0) {
                        beforeAnswer++;
                    }
                    afterAnswer.recordValue(Math.max(1, micros));
                }
            }
        }

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("workload", "incident-stream");
        summary.put("db", options.db());
        summary.put("nodes", streamBase.equals(base) ? 1 : 2);
        summary.put("listeners", listeners);
        summary.put("rounds", rounds);
        summary.put("events", delivery.getTotalCount());
        summary.put("missingEvents", missing);
        summary.put("duplicateEvents", duplicates.get());
        Measure.putLatency(summary, "delivery", delivery);
        Measure.putLatency(summary, "command", command);
        // from the POST's answer to the event (events that came before the answer count as 0)
        Measure.putLatency(summary, "afterAnswer", afterAnswer);
        summary.put("eventsBeforeAnswer", beforeAnswer);
        measure.put(summary, rounds);
        summary.put("cores", Runtime.getRuntime().availableProcessors());
        return summary;
    }

    private List<Workload.Government> parties() throws Exception {
        String run = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xfffffL).toUpperCase();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        List<Workload.Government> parties = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String id = "INCIDENTS-" + run + "-" + i;
            KeyPair keys = generator.generateKeyPair();
            HttpResponse<byte[]> registered = post("/api/v1/jurisdictions", Map.of("id", id, "name",
                    "Incident jurisdiction " + i, "level", "CITY", "publicKey",
                    Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())), LifecycleBenchmark.REGISTRAR_TOKEN);
            Workload.expect(registered, 201, "register " + id);
            HttpResponse<byte[]> issued = post("/api/v1/tokens", Map.of("principalType", "JURISDICTION",
                    "principalId", id), LifecycleBenchmark.REGISTRAR_TOKEN);
            Workload.expect(issued, 201, "token for " + id);
            parties.add(new Workload.Government(id, keys,
                    JSON.readTree(registered.body()).path("keys").path(0).path("keyId").asText(),
                    JSON.readTree(issued.body()).path("token").asText()));
        }
        return parties;
    }

    @SuppressWarnings("unchecked")
    private String agreementInForce(List<Workload.Government> parties) throws Exception {
        Map<String, Object> body = Workload.draftBody(parties);
        Map<String, Object> terms = (Map<String, Object>) body.get("terms");
        terms.put("emergency", Map.of("acknowledgeWithin",
                Map.of("BLUE", "P1D", "YELLOW", "PT12H", "ORANGE", "PT6H", "RED", "PT1H")));
        HttpResponse<byte[]> drafted = post("/api/v1/agreements", body, parties.get(0).token());
        Workload.expect(drafted, 201, "draft");
        String id = JSON.readTree(drafted.body()).path("id").asText();
        Workload.expect(post("/api/v1/agreements/" + id + "/open-for-signature", null, parties.get(0).token()), 200,
                "open for signature");
        for (Workload.Government party : parties) {
            HttpResponse<byte[]> document = client.send(HttpRequest.newBuilder(
                            URI.create(base + "/api/v1/agreements/" + id + "/terms"))
                    .header("Authorization", "Bearer " + party.token()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            Workload.expect(document, 200, "terms");
            Workload.expect(post("/api/v1/agreements/" + id + "/signatures", Map.of("signature",
                    party.sign(document.body()), "keyId", party.keyId()), party.token()), 200, "sign");
        }
        return id;
    }

    private HttpResponse<byte[]> post(String path, Object body, String token) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            builder.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (Exception e) {
            // closing: nothing left to do
        }
    }
}
