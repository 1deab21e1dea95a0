package org.basinledger.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.ledger.ConsistencyProof;
import org.basinledger.api.ledger.FindConsistencyProofQuery;
import org.basinledger.api.ledger.FindInclusionProofQuery;
import org.basinledger.api.ledger.InclusionProof;
import org.basinledger.api.ledger.Rfc6962;
import org.basinledger.api.ledger.SignedTreeHead;
import org.basinledger.query.integrity.LedgerSigner;
import org.basinledger.query.integrity.MerkleStore;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 5 (b): proof generation latency over a stored tree of a million leaves.
 *
 * <p>Set-up (not measured, and not event logging): on the fresh database of this run, {@code --leaves} synthetic
 * leaves (leaf hash = RFC 6962 leaf hash of {@code "synthetic leaf <i>"}, a random event identifier, global index i)
 * are appended through the query module's own {@link MerkleStore#append} in batches of 1 to 100 leaves (as the
 * {@code integrity-log} processor's batches), each batch with the subtrees it completes and a head signed by the
 * ledger's key ({@link MerkleStore#insertHead}), 10,000 leaves per transaction. The root is checked against one
 * computed independently in memory. No event is stored: the event store stays empty, so a verification of this
 * database would (rightly) report every leaf as missing.
 *
 * <p>Measured: {@code --requests} inclusion proofs (random leaf, the latest signed size) and as many consistency
 * proofs (a random earlier signed size to the latest), one request at a time, through the query handler
 * ({@link QueryGateway}) and over HTTP ({@code GET /api/v1/ledger/proofs/...}), after 200 unmeasured ones of each
 * kind. Every proof is then verified with {@link Rfc6962} against the roots of the signed heads.
 */
final class ProofBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final int LEAVES_PER_TRANSACTION = 10_000;
    private static final int WARMUP_REQUESTS = 200;

    private final ConfigurableApplicationContext context;
    private final Options options;
    private final MerkleStore store;
    private final LedgerSigner signer;
    private final QueryGateway queries;
    private final JdbcTemplate jdbc;
    private final String base;
    private final List<Long> headSizes = new ArrayList<>();
    private final Map<Long, String> roots = new HashMap<>();

    ProofBenchmark(ConfigurableApplicationContext context, int port, Options options) {
        this.context = context;
        this.options = options;
        this.store = context.getBean(MerkleStore.class);
        this.signer = context.getBean(LedgerSigner.class);
        this.queries = context.getBean(QueryGateway.class);
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.base = "http://127.0.0.1:" + port;
    }

    Map<String, Object> run() throws Exception {
        long leaves = options.extra().leaves();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("db", options.db());
        summary.put("workload", "proofs");
        summary.put("leaves", leaves);
        fill(leaves, summary);

        System.gc();
        Thread.sleep(200);
        LifecycleBenchmark.resetPeaks();
        int n = options.extra().requests();
        Random random = new Random(20261129L);
        log("warm-up: " + WARMUP_REQUESTS + " proofs of each kind, handler and HTTP");
        HttpClient client = Workload.newClient();
        for (int i = 0; i < WARMUP_REQUESTS; i++) {
            inclusionByHandler(random.nextLong(leaves), leaves);
            consistencyByHandler(earlierHead(random), leaves);
            inclusionOverHttp(client, random.nextLong(leaves), leaves);
            consistencyOverHttp(client, earlierHead(random), leaves);
        }

        log("measuring: " + n + " proofs of each kind through the query handler and over HTTP, one at a time");
        List<InclusionProof> inclusions = new ArrayList<>();
        List<ConsistencyProof> consistencies = new ArrayList<>();
        Measure window = Measure.start();
        Histogram h = Measure.histogram();
        for (int i = 0; i < n; i++) {
            long leaf = random.nextLong(leaves);
            long start = System.nanoTime();
            InclusionProof proof = inclusionByHandler(leaf, leaves);
            h.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            inclusions.add(proof);
        }
        Measure.putLatency(summary, "inclusionHandler", h);
        h = Measure.histogram();
        for (int i = 0; i < n; i++) {
            long first = earlierHead(random);
            long start = System.nanoTime();
            ConsistencyProof proof = consistencyByHandler(first, leaves);
            h.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            consistencies.add(proof);
        }
        Measure.putLatency(summary, "consistencyHandler", h);
        h = Measure.histogram();
        for (int i = 0; i < n; i++) {
            long leaf = random.nextLong(leaves);
            long start = System.nanoTime();
            InclusionProof proof = inclusionOverHttp(client, leaf, leaves);
            h.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            inclusions.add(proof);
        }
        Measure.putLatency(summary, "inclusionHttp", h);
        h = Measure.histogram();
        for (int i = 0; i < n; i++) {
            long first = earlierHead(random);
            long start = System.nanoTime();
            ConsistencyProof proof = consistencyOverHttp(client, first, leaves);
            h.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            consistencies.add(proof);
        }
        Measure.putLatency(summary, "consistencyHttp", h);
        window.put(summary, 4L * n);

        // every proof against the roots of the signed heads
        SignedTreeHead latest = store.head(leaves).orElseThrow();
        boolean signed = latest.isSignedBy(signer.publicKey());
        long verified = 0;
        long failed = 0;
        long pathLengths = 0;
        long consistencyLengths = 0;
        for (InclusionProof proof : inclusions) {
            pathLengths += proof.auditPath().size();
            if (proof.verifies(latest.rootHash())) {
                verified++;
            } else {
                failed++;
            }
        }
        for (ConsistencyProof proof : consistencies) {
            consistencyLengths += proof.proof().size();
            if (proof.verifies(root(proof.first()), latest.rootHash())) {
                verified++;
            } else {
                failed++;
            }
        }
        summary.put("requestsPerSeries", n);
        summary.put("proofsVerified", verified);
        summary.put("proofsFailed", failed);
        summary.put("latestHeadSignatureOk", signed);
        summary.put("meanAuditPath", LifecycleBenchmark.round(pathLengths / (double) inclusions.size(), 2));
        summary.put("meanConsistencyProof", LifecycleBenchmark.round(consistencyLengths / (double) consistencies.size(), 2));
        summary.put("errors", failed + (signed ? 0 : 1));
        if (failed > 0 || !signed) {
            summary.put("firstError", failed + " proofs did not verify; latest head signature ok: " + signed);
        }
        ComplianceBenchmark.putMemory(summary);

        System.out.println();
        System.out.printf(Locale.ROOT, "%s proofs over a stored tree of %,d leaves (%,d signed heads): %d per series%n",
                options.db(), leaves, headSizes.size(), n);
        for (String series : List.of("inclusionHandler", "consistencyHandler", "inclusionHttp", "consistencyHttp")) {
            System.out.printf(Locale.ROOT, "  %-20s p50 %s ms  p90 %s  p99 %s  max %s%n", series,
                    summary.get(series + "P50Ms"), summary.get(series + "P90Ms"), summary.get(series + "P99Ms"),
                    summary.get(series + "MaxMs"));
        }
        System.out.printf(Locale.ROOT, "  verified %d proofs with Rfc6962 (%d failed), mean audit path %s, mean consistency"
                        + " proof %s hashes; latest head signature ok: %s; load average %s -> %s%n", verified, failed,
                summary.get("meanAuditPath"), summary.get("meanConsistencyProof"), signed, summary.get("loadAvgBefore"),
                summary.get("loadAvgAfter"));
        return summary;
    }

    // ---- the stored tree ----

    private void fill(long leaves, Map<String, Object> summary) {
        if (store.size() != 0) {
            throw new IllegalStateException("the proofs workload needs a fresh database; this one has a log of "
                    + store.size() + " leaves");
        }
        log(String.format(Locale.ROOT, "set-up: appending %,d synthetic leaves through MerkleStore, a signed head per"
                + " batch of 1-100 leaves (not measured as event logging)", leaves));
        TransactionTemplate transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        Random random = new Random(42);
        List<byte[]> edge = new ArrayList<>(); // independent in-memory right edge, largest subtree first
        long[] size = {0};
        Measure window = Measure.start();
        long reported = 0;
        while (size[0] < leaves) {
            transactions.executeWithoutResult(status -> {
                long stop = Math.min(leaves, size[0] + LEAVES_PER_TRANSACTION);
                while (size[0] < stop) {
                    int batch = (int) Math.min(1 + random.nextInt(100), stop - size[0]);
                    List<MerkleStore.NewLeaf> newLeaves = new ArrayList<>(batch);
                    for (int i = 0; i < batch; i++) {
                        long index = size[0] + i;
                        byte[] hash = Rfc6962.leafHash(("synthetic leaf " + index).getBytes(StandardCharsets.UTF_8));
                        newLeaves.add(new MerkleStore.NewLeaf(new UUID(random.nextLong(), random.nextLong()).toString(),
                                index, hash));
                        push(edge, index, hash);
                    }
                    MerkleStore.Appended appended = store.append(size[0], newLeaves);
                    String root = HEX.formatHex(appended.root());
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                    store.insertHead(new SignedTreeHead(appended.treeSize(), root, now, signer.keyId(),
                            Base64.getEncoder().encodeToString(signer.sign(
                                    SignedTreeHead.signedBytes(appended.treeSize(), root, now)))));
                    size[0] = appended.treeSize();
                    headSizes.add(size[0]);
                    roots.put(size[0], root);
                }
            });
            if (size[0] - reported >= 100_000 || size[0] == leaves) {
                reported = size[0];
                log(String.format(Locale.ROOT, "  %,d leaves, %.0f s", size[0], window.secondsSoFar()));
            }
        }
        window.stop();
        String expected = HEX.formatHex(Rfc6962.foldSubtrees(edge));
        String stored = HEX.formatHex(store.root(leaves));
        if (!expected.equals(roots.get(leaves)) || !expected.equals(stored)) {
            throw new IllegalStateException("the stored tree's root " + stored + " (signed " + roots.get(leaves)
                    + ") differs from the root computed in memory " + expected);
        }
        Long nodes = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_node", Long.class);
        summary.put("signedHeads", headSizes.size());
        summary.put("storedNodes", nodes);
        summary.put("fillSeconds", LifecycleBenchmark.round(window.seconds(), 1));
        summary.put("fillLeavesPerSec", LifecycleBenchmark.round(leaves / window.seconds(), 0));
        summary.put("fillLoadAvg", LifecycleBenchmark.round(Measure.loadAverage(), 2));
        summary.put("storeMB", LifecycleBenchmark.round(storeBytes() / 1048576.0, 1));
        log(String.format(Locale.ROOT, "set-up done: %,d leaves, %,d stored subtrees, %,d signed heads in %.1f s;"
                + " root %s matches the in-memory tree", leaves, nodes, headSizes.size(), window.seconds(), expected));
    }

    /** Adds a leaf to the right edge (largest complete subtree first) of the in-memory tree of {@code size} leaves. */
    private static void push(List<byte[]> edge, long size, byte[] leafHash) {
        byte[] hash = leafHash;
        for (long s = size; (s & 1) == 1; s >>= 1) {
            hash = Rfc6962.nodeHash(edge.remove(edge.size() - 1), hash);
        }
        edge.add(hash);
    }

    private long storeBytes() {
        try {
            if (options.db().equals("postgres")) {
                Long bytes = jdbc.queryForObject("SELECT pg_total_relation_size('ledger_leaf')"
                        + " + pg_total_relation_size('ledger_node') + pg_total_relation_size('ledger_head')", Long.class);
                return bytes == null ? -1 : bytes;
            }
            Path dir = Path.of(context.getEnvironment().getProperty("ledger.data-dir", "."));
            try (var files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".mv.db"))
                        .mapToLong(p -> p.toFile().length()).sum();
            }
        } catch (Exception e) {
            return -1;
        }
    }

    private long earlierHead(Random random) {
        return headSizes.get(random.nextInt(headSizes.size() - 1));
    }

    private String root(long size) {
        String root = roots.get(size);
        if (root == null) {
            root = store.head(size).orElseThrow().rootHash();
        }
        return root;
    }

    // ---- the two paths ----

    private InclusionProof inclusionByHandler(long leaf, long size) {
        return queries.query(new FindInclusionProofQuery(leaf, size), InclusionProof.class).join();
    }

    private ConsistencyProof consistencyByHandler(long first, long second) {
        return queries.query(new FindConsistencyProofQuery(first, second), ConsistencyProof.class).join();
    }

    private InclusionProof inclusionOverHttp(HttpClient client, long leaf, long size) throws Exception {
        JsonNode body = get(client, "/api/v1/ledger/proofs/inclusion?leafIndex=" + leaf + "&treeSize=" + size);
        return new InclusionProof(body.path("leafIndex").asLong(), body.path("treeSize").asLong(),
                body.path("leafHash").asText(), strings(body.path("auditPath")));
    }

    private ConsistencyProof consistencyOverHttp(HttpClient client, long first, long second) throws Exception {
        JsonNode body = get(client, "/api/v1/ledger/proofs/consistency?first=" + first + "&second=" + second);
        return new ConsistencyProof(body.path("first").asLong(), body.path("second").asLong(),
                strings(body.path("proof")));
    }

    private JsonNode get(HttpClient client, String path) throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Workload.expect(response, 200, path);
        return JSON.readTree(response.body());
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>(array.size());
        array.forEach(node -> list.add(node.asText()));
        return list;
    }

    private static void log(String message) {
        LifecycleBenchmark.log(message);
    }
}
