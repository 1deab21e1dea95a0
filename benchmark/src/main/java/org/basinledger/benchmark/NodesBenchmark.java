package org.basinledger.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.basinledger.benchmark.Workload.Government;

/**
 * {@code --workload=nodes} (issue 17, the 2-node row): the agreement lifecycle over HTTP against {@code nodes}
 * ledger JVMs (the packaged {@code app/target/basin-ledger.jar}, 1 or 2) on one fresh PostgreSQL schema, the
 * client in this JVM. With 2 nodes both run {@code ledger.several-nodes: true}, role {@code both}, one signing key;
 * each client thread sends its requests to the nodes in turn ({@code spread=request}: every step of a lifecycle on
 * the other node than the step before, so each read follows a write answered by the other node) or each lifecycle
 * to one node in turn ({@code spread=lifecycle}). With 1 node it runs as configured by {@code several} (default
 * false: one node as deployed alone, aggregate caches on). {@code roles} gives each node its
 * {@code ledger.node.role} ({@code query,command}: node 1 serves the reads and runs the processors, node 2 takes the
 * writes), and the client then sends reads and writes to the nodes that take them, as a load balancer routing by
 * method would.
 *
 * <p>Measures requests/s, p50/p99, the nodes' CPU per request (user+system from /proc: robust against other
 * processes on the machine), their peak RSS, and after the load how long until the read models' token and the
 * integrity log include every stored event (catch-up). Checks correctness: no failed request, every lifecycle
 * answered is in force in the read models (none lost), every agreement has the same number of events (none applied
 * twice or partly), and the integrity log covers every event and verifies.
 *
 * <p>Options ({@code --name=value}): {@code nodes} (1), {@code several} (nodes &gt; 1), {@code agreements} (300),
 * {@code warmup} (60), {@code threads} (8), {@code parties} (3), {@code spread} (request), {@code ledger-jar}
 * (app/target/basin-ledger.jar), {@code ledger-opts} (-Xmx512m), {@code port} (18281: node i on port + i),
 * {@code work} (a scratch directory), {@code roles} (both for each), {@code ledger-args} (more arguments of every node, space-separated),
 * {@code keep-schema}. PostgreSQL as for the other benchmarks ({@code BENCH_POSTGRES_URL}, …).
 */
final class NodesBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGISTRAR = "bench-nodes-registrar-token-0123456789";

    private final Map<String, String> options;
    private final Path work;
    private final String schema;
    private final int nodeCount;
    private final List<Process> nodes = new ArrayList<>();
    private final List<String> bases = new ArrayList<>();
    /** Each node's {@code ledger.node.role}; with roles, reads go to the nodes that serve them, writes to the others. */
    private final List<String> roles;
    private final List<String> readers = new ArrayList<>();
    private final List<String> writers = new ArrayList<>();
    private final List<Government> governments = new ArrayList<>();
    private final HttpClient http = client();

    private NodesBenchmark(Map<String, String> options) {
        this.options = options;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + "_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        this.work = Path.of(option("work", "benchmark/target/nodes-bench/" + stamp)).toAbsolutePath();
        this.schema = "bench_nodes_" + stamp;
        this.nodeCount = intOption("nodes", 1);
        String roleList = option("roles", "").trim();
        this.roles = roleList.isEmpty() ? Collections.nCopies(nodeCount, "both") : List.of(roleList.split(","));
        if (roles.size() != nodeCount) {
            throw new IllegalArgumentException("--roles names " + roles.size() + " roles for " + nodeCount + " nodes");
        }
    }

    static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("--")) {
                options.put(arg.substring(2), "true");
            }
        }
        NodesBenchmark bench = new NodesBenchmark(options);
        try {
            bench.run();
        } finally {
            bench.stopNodes();
            if (!Boolean.parseBoolean(bench.option("keep-schema", "false"))) {
                LifecycleBenchmark.dropSchema(bench.schema);
            }
        }
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private int intOption(String name, int fallback) {
        return Integer.parseInt(option(name, Integer.toString(fallback)));
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        int threads = intOption("threads", 8);
        int parties = intOption("parties", 3);
        int warmup = intOption("warmup", 60);
        int agreements = intOption("agreements", 300);
        String spread = option("spread", "request");
        if (!spread.equals("request") && !spread.equals("lifecycle")) {
            throw new IllegalArgumentException("--spread must be request or lifecycle, not " + spread);
        }
        boolean several = Boolean.parseBoolean(option("several", Boolean.toString(nodeCount > 1)));
        if (nodeCount > 1 && !several) {
            throw new IllegalArgumentException("several nodes need --several=true");
        }
        log("work " + work + ", schema " + schema + ", " + nodeCount + " node(s), load " + loadAverage());
        for (int i = 0; i < nodeCount; i++) {
            startNode(i, several);
        }
        setUp(threads * parties);

        log("warm-up: " + warmup + " lifecycles");
        Phase warm = phase(warmup, threads, parties, spread);
        if (warm.errors.get() > 0) {
            throw new IllegalStateException("warm-up failed: " + warm.firstError.get());
        }
        // connected before the load: the catch-up is timed from the last answer, not from loading a JDBC driver
        Connection db = connect();
        single(db, "select count(*) from token_entry");
        String loadBefore = loadAverage();
        double[] cpuBefore = nodes.stream().mapToDouble(NodesBenchmark::cpuSeconds).toArray();
        log("measuring: " + agreements + " lifecycles, " + threads + " threads, spread " + spread);
        Phase measured = phase(agreements, threads, parties, spread);
        double[] cpuAfter = nodes.stream().mapToDouble(NodesBenchmark::cpuSeconds).toArray();
        long[] catchUp = awaitCatchUp(db);
        db.close();
        String loadAfter = loadAverage();

        List<String> answered = new ArrayList<>(warm.agreements);
        answered.addAll(measured.agreements);
        Map<String, Object> checks = checks(answered, parties);

        double seconds = measured.nanos / 1e9;
        double nodeCpu = 0;
        List<Double> cpuPerNode = new ArrayList<>();
        List<Double> rssPerNode = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            nodeCpu += cpuAfter[i] - cpuBefore[i];
            cpuPerNode.add(round(cpuAfter[i] - cpuBefore[i], 2));
            rssPerNode.add(round(peakRssMB(nodes.get(i)), 1));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("workload", "nodes");
        summary.put("nodes", nodeCount);
        summary.put("severalNodes", several);
        summary.put("spread", spread);
        summary.put("roles", String.join(",", roles));
        summary.put("threads", threads);
        summary.put("parties", parties);
        summary.put("agreements", agreements);
        summary.put("warmup", warmup);
        summary.put("unit", "requests");
        summary.put("operations", measured.operations.get());
        summary.put("errors", measured.errors.get());
        summary.put("firstError", measured.firstError.get());
        summary.put("seconds", round(seconds, 3));
        summary.put("opsPerSec", round(measured.operations.get() / seconds, 1));
        summary.put("p50Ms", round(measured.latency.getValueAtPercentile(50) / 1000.0, 2));
        summary.put("p90Ms", round(measured.latency.getValueAtPercentile(90) / 1000.0, 2));
        summary.put("p99Ms", round(measured.latency.getValueAtPercentile(99) / 1000.0, 2));
        summary.put("maxMs", round(measured.latency.getMaxValue() / 1000.0, 2));
        summary.put("nodeCpuSeconds", cpuPerNode);
        summary.put("cpuMsPerOp", round(nodeCpu * 1000 / Math.max(1, measured.operations.get()), 3));
        summary.put("peakRssMB", rssPerNode);
        summary.put("readModelsCatchUpMs", catchUp[0]);
        summary.put("integrityLogCatchUpMs", catchUp[1]);
        summary.putAll(checks);
        summary.put("loadAvgBefore", Double.parseDouble(loadBefore.split(" ")[0]));
        summary.put("loadAvgAfter", Double.parseDouble(loadAfter.split(" ")[0]));
        System.out.println("BENCH-RESULT " + JSON.writeValueAsString(summary));
        if (measured.errors.get() > 0 || !Boolean.TRUE.equals(checks.get("correct"))) {
            throw new IllegalStateException("incorrect run: " + JSON.writeValueAsString(checks) + " first error: "
                    + measured.firstError.get());
        }
    }

    // ---- the nodes ----

    private void startNode(int index, boolean several) throws Exception {
        int port = intOption("port", 18281) + index;
        Path dataDir = work.resolve("node-" + (index + 1));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(option("ledger-opts", "-Xmx512m").trim().split("\\s+")));
        command.addAll(List.of("-jar", option("ledger-jar", "app/target/basin-ledger.jar"),
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + LifecycleBenchmark.PG_BASE_URL
                        + (LifecycleBenchmark.PG_BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "--spring.datasource.username=" + LifecycleBenchmark.PG_USER,
                "--spring.datasource.password=" + LifecycleBenchmark.PG_PASSWORD,
                "--spring.flyway.default-schema=" + schema, "--spring.flyway.create-schemas=true",
                "--server.port=" + port, "--ledger.data-dir=" + dataDir,
                "--ledger.registrar-token=" + REGISTRAR, "--ledger.node-id=node-" + (index + 1),
                "--ledger.several-nodes=" + several, "--ledger.node.role=" + roles.get(index)));
        if (index > 0) {
            // one signing key for all: the node holding the integrity log signs, every node verifies
            command.add("--ledger.signing-key-path=" + work.resolve("node-1").resolve("ledger-signing-key.pem"));
        }
        String extra = option("ledger-args", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        Path logFile = work.resolve("node-" + (index + 1) + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        nodes.add(process);
        String base = "http://127.0.0.1:" + port;
        bases.add(base);
        if (!roles.get(index).equals("command")) {
            readers.add(base);
        }
        if (!roles.get(index).equals("query")) {
            writers.add(base);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        long started = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + (index + 1) + " exited with " + process.exitValue()
                        + ": see " + logFile);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    log(String.format(Locale.ROOT, "node %d ready on port %d in %.1f s", index + 1, port,
                            (System.nanoTime() - started) / 1e9));
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("node " + (index + 1) + " was not ready within 5 minutes: see " + logFile);
    }

    private void stopNodes() throws InterruptedException {
        for (Process node : nodes) {
            if (node.isAlive()) {
                node.destroy();
            }
        }
        for (Process node : nodes) {
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor();
            }
        }
    }

    // ---- the load ----

    private void setUp(int count) throws Exception {
        String run = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xfffffL).toUpperCase(Locale.ROOT);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        for (int i = 0; i < count; i++) {
            String id = "NODES-" + run + "-" + i;
            KeyPair keys = generator.generateKeyPair();
            String base = writers.get(i % writers.size());
            JsonNode registered = JSON.readTree(expect(http, post(base, "/api/v1/jurisdictions", Map.of("id", id,
                    "name", "Bench jurisdiction " + i, "level", "CITY",
                    "publicKey", Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())), REGISTRAR),
                    201, "register " + id));
            JsonNode token = JSON.readTree(expect(http, post(writers.get((i + 1) % writers.size()), "/api/v1/tokens",
                    Map.of("principalType", "JURISDICTION", "principalId", id), REGISTRAR), 201, "token " + id));
            governments.add(new Government(id, keys, registered.path("keys").path(0).path("keyId").asText(),
                    token.path("token").asText()));
        }
        log("registered " + count + " jurisdictions");
    }

    /** One phase: its duration, requests, failures and latency, and the agreements it brought into force. */
    private record Phase(long nanos, AtomicLong operations, AtomicLong errors, AtomicReference<String> firstError,
                         Histogram latency, List<String> agreements) {
    }

    private Phase phase(int count, int threads, int parties, String spread) throws InterruptedException {
        AtomicLong operations = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<String> agreements = Collections.synchronizedList(new ArrayList<>());
        Histogram[] histograms = new Histogram[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            int share = count / threads + (t < count % threads ? 1 : 0);
            Histogram histogram = new Histogram(1, 600_000_000L, 3);
            histograms[t] = histogram;
            List<Government> mine = governments.subList(thread * parties, thread * parties + parties);
            Thread worker = new Thread(() -> {
                Lifecycles client = new Lifecycles(histogram, thread, spread);
                ready.countDown();
                try {
                    go.await();
                    for (int i = 0; i < share; i++) {
                        try {
                            agreements.add(client.lifecycle(mine));
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    operations.addAndGet(client.operations);
                    done.countDown();
                }
            }, "nodes-client-" + t);
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
        return new Phase(nanos, operations, errors, firstError, all, agreements);
    }

    /** A client thread's lifecycles: draft, open, then per party the terms read and the signature. */
    private final class Lifecycles {
        private final Histogram histogram;
        private final HttpClient client = client();
        private final String spread;
        private long step;
        private long operations;

        Lifecycles(Histogram histogram, int thread, String spread) {
            this.histogram = histogram;
            this.spread = spread;
            this.step = thread;
        }

        /**
         * The node of the next request: the next one in turn per request, or per lifecycle; among the nodes that
         * serve reads for a read, those that take writes for a write.
         */
        private String node(boolean newLifecycle, boolean read) {
            if (spread.equals("request") || newLifecycle) {
                step++;
            }
            List<String> candidates = read ? readers : writers;
            return candidates.get((int) (step % candidates.size()));
        }

        String lifecycle(List<Government> parties) throws Exception {
            Government drafter = parties.get(0);
            JsonNode drafted = JSON.readTree(timed(post(node(true, false), "/api/v1/agreements",
                    Workload.draftBody(parties), drafter.token()), 201, "draft"));
            String id = drafted.path("id").asText();
            timed(post(node(false, false), "/api/v1/agreements/" + id + "/open-for-signature", null, drafter.token()), 200,
                    "open");
            for (Government party : parties) {
                byte[] terms = timed(HttpRequest.newBuilder(URI.create(node(false, true) + "/api/v1/agreements/" + id
                        + "/terms")).header("Authorization", "Bearer " + party.token()).GET().build(), 200, "terms");
                byte[] signed = timed(post(node(false, false), "/api/v1/agreements/" + id + "/signatures",
                        Map.of("signature", party.sign(terms), "keyId", party.keyId()), party.token()), 200, "sign");
                if (party == parties.get(parties.size() - 1)
                        && !"IN_FORCE".equals(JSON.readTree(signed).path("status").asText())) {
                    throw new IllegalStateException("after the last signature " + id + " is not in force");
                }
            }
            return id;
        }

        private byte[] timed(HttpRequest request, int status, String what) throws Exception {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            histogram.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            operations++;
            if (response.statusCode() != status) {
                throw new IllegalStateException(what + " on " + request.uri().getPort() + ": expected " + status
                        + ", got " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        }
    }

    // ---- after the load ----

    /** Milliseconds until the read models' token, and until the integrity log, include every stored event. */
    private long[] awaitCatchUp(Connection db) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(5);
        long readModels = -1;
        long integrity = -1;
        long head = single(db, "select coalesce(max(global_index), -1) from domain_event_entry");
        long events = single(db, "select count(*) from domain_event_entry");
        while ((readModels < 0 || integrity < 0) && System.nanoTime() < deadline) {
            if (readModels < 0 && projectionsIndex(db) >= head) {
                readModels = (System.nanoTime() - start) / 1_000_000;
            }
            if (integrity < 0 && single(db, "select count(*) from ledger_leaf") >= events) {
                integrity = (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(5);
        }
        if (readModels < 0 || integrity < 0) {
            throw new IllegalStateException("the read models or the integrity log did not catch up within 5 minutes");
        }
        return new long[] {readModels, integrity};
    }

    /** The projections' token position (the highest index of its JSON token; -1 before its first event). */
    private static long projectionsIndex(Connection db) throws SQLException {
        long lowest = Long.MAX_VALUE;
        boolean any = false;
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("select token from token_entry where processor_name = 'projections'")) {
            while (rows.next()) {
                byte[] token = rows.getBytes(1);
                long index = -1;
                if (token != null) {
                    try {
                        index = JSON.readTree(token).path("index").asLong(-1);
                    } catch (IOException e) {
                        index = -1;
                    }
                }
                lowest = Math.min(lowest, index);
                any = true;
            }
        }
        return any ? lowest : -1;
    }

    private Map<String, Object> checks(List<String> answered, int parties) throws Exception {
        Map<String, Object> checks = new LinkedHashMap<>();
        try (Connection db = connect()) {
            long inForce;
            try (PreparedStatement statement = db.prepareStatement(
                    "select count(*) from agreement_status where status = 'IN_FORCE' and agreement_id = any(?)")) {
                Array ids = db.createArrayOf("varchar", answered.toArray());
                statement.setArray(1, ids);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    inForce = rows.getLong(1);
                }
            }
            long stored = single(db, "select count(distinct aggregate_identifier) from domain_event_entry"
                    + " where type = 'Agreement'");
            long minEvents = single(db, "select coalesce(min(c), 0) from (select count(*) c from domain_event_entry"
                    + " where type = 'Agreement' group by aggregate_identifier) per_agreement");
            long maxEvents = single(db, "select coalesce(max(c), 0) from (select count(*) c from domain_event_entry"
                    + " where type = 'Agreement' group by aggregate_identifier) per_agreement");
            long signatures = single(db, "select count(*) from domain_event_entry where type = 'Agreement'"
                    + " and payload_type like '%AgreementSignedEvent'");
            long events = single(db, "select count(*) from domain_event_entry");
            long leaves = single(db, "select count(*) from ledger_leaf");
            checks.put("lifecyclesAnswered", answered.size());
            checks.put("inForce", inForce);
            checks.put("lost", answered.size() - inForce);
            checks.put("agreementsStored", stored);
            checks.put("eventsPerAgreement", minEvents == maxEvents ? Long.toString(minEvents)
                    : minEvents + "-" + maxEvents);
            checks.put("signatures", signatures);
            checks.put("eventsStored", events);
            checks.put("integrityLeaves", leaves);
            JsonNode verification = JSON.readTree(expect(http, HttpRequest.newBuilder(URI.create(readers.get(0)
                    + "/api/v1/ledger/verification")).header("Authorization", "Bearer " + REGISTRAR).GET()
                    .timeout(Duration.ofMinutes(5)).build(), 200, "verification"));
            checks.put("verificationOk", verification.path("ok").asBoolean());
            checks.put("verifiedTreeSize", verification.path("treeSize").asLong());
            checks.put("correct", inForce == answered.size() && stored == answered.size() && minEvents == maxEvents
                    && signatures == (long) answered.size() * parties && leaves == events
                    && verification.path("ok").asBoolean() && verification.path("treeSize").asLong() == events);
        }
        return checks;
    }

    private Connection connect() throws SQLException {
        String url = LifecycleBenchmark.PG_BASE_URL + (LifecycleBenchmark.PG_BASE_URL.contains("?") ? "&" : "?")
                + "currentSchema=" + schema;
        return DriverManager.getConnection(url, LifecycleBenchmark.PG_USER, LifecycleBenchmark.PG_PASSWORD);
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    // ---- plumbing ----

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static HttpRequest post(String base, String path, Object body, String token) {
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

    private static byte[] expect(HttpClient client, HttpRequest request, int status, String what) throws Exception {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + response.statusCode() + " "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /** User and system CPU seconds of a process, from /proc (Linux); 0 elsewhere. */
    private static double cpuSeconds(Process process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** A process's peak resident set (VmHWM), from /proc (Linux); 0 elsewhere. */
    private static double peakRssMB(Process process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "0 0 0";
        }
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    private static void log(String message) {
        System.err.println("[nodes-bench " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME) + "] "
                + message);
    }
}
