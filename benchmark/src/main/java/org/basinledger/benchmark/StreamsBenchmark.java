package org.basinledger.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.basinledger.app.web.StreamLimits;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 10 (B): the ledger keeps answering while {@code --streams} (default 5,000) live streams
 * ({@code GET /api/v1/agreements/{id}/stream}) are attempted at one public agreement, from {@code --sources}
 * loopback addresses (127.0.0.1 to 127.0.0.N, default 80), {@code --stream-threads} at a time (default 64).
 *
 * <p>Each attempt is a raw HTTP/1.1 request on a socket of its own, bound to its source address; the status line
 * is read (at most 10 s) and counted (200, 429, 503, other, failed to connect or read). A 200 stream is held
 * open, unread beyond its status line, until the attempts are over; a refusal is closed at once. Beside the
 * attempts one prober asks, one request at a time with 50 ms between rounds, for the agreement's status view and
 * for {@code /actuator/health}: their latency and errors before ({@code --baseline-seconds}, default 3), during
 * and after the attempts are the measurement. The run stops by itself: the attempts end after {@code --streams}
 * or {@code --stream-seconds} (default 120), whichever comes first, then every held stream is closed, and the heap
 * is read after a GC. Client and ledger share this JVM: the heap figures include the client's sockets.
 */
final class StreamsBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int READ_TIMEOUT_MS = 10_000;

    private final ConfigurableApplicationContext context;
    private final Options options;
    private final int port;
    private final String base;
    private final HttpClient client = Workload.newClient();

    StreamsBenchmark(ConfigurableApplicationContext context, int port, Options options) {
        this.context = context;
        this.options = options;
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
    }

    /** What one probe series saw. */
    private static final class Probes {
        final Histogram status = Measure.histogram();
        final Histogram health = Measure.histogram();
        final AtomicLong errors = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>();

        void put(Map<String, Object> into, String prefix) {
            Measure.putLatency(into, prefix + "Status", status);
            Measure.putLatency(into, prefix + "Health", health);
            into.put(prefix + "Probes", status.getTotalCount() + health.getTotalCount());
            into.put(prefix + "ProbeErrors", errors.get());
            if (firstError.get() != null) {
                into.put(prefix + "FirstProbeError", firstError.get());
            }
        }
    }

    Map<String, Object> run() throws Exception {
        Options.Extra extra = options.extra();
        String agreementId = publicAgreement();
        LifecycleBenchmark.log("agreement " + agreementId + " is open for signature: its stream is public");

        Probes baseline = probe(agreementId, extra.baselineSeconds() * 1000L, null);

        AtomicInteger ok = new AtomicInteger();
        AtomicInteger tooMany = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicInteger missingRetryAfter = new AtomicInteger();
        Histogram attemptLatency = Measure.histogram();
        Queue<Socket> held = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(extra.streamSeconds());

        System.gc();
        LifecycleBenchmark.resetPeaks();
        Measure measure = Measure.start();
        ExecutorService attempts = Executors.newFixedThreadPool(extra.streamThreads());
        for (int t = 0; t < extra.streamThreads(); t++) {
            attempts.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < extra.streams() && System.nanoTime() < deadline) {
                    InetAddress source = source(i % extra.sources());
                    long start = System.nanoTime();
                    Socket socket = new Socket();
                    try {
                        socket.bind(new InetSocketAddress(source, 0));
                        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MS);
                        socket.setSoTimeout(READ_TIMEOUT_MS);
                        OutputStream out = socket.getOutputStream();
                        out.write(("GET /api/v1/agreements/" + agreementId + "/stream HTTP/1.1\r\nHost: 127.0.0.1:"
                                + port + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        String head = head(socket.getInputStream());
                        attemptLatency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                        int status = head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : -1;
                        switch (status) {
                            case 200 -> ok.incrementAndGet();
                            case 429 -> tooMany.incrementAndGet();
                            case 503 -> unavailable.incrementAndGet();
                            default -> {
                                other.incrementAndGet();
                                firstFailure.compareAndSet(null, "status line: " + head.lines().findFirst().orElse(""));
                            }
                        }
                        if ((status == 429 || status == 503) && !head.toLowerCase().contains("\r\nretry-after:")) {
                            missingRetryAfter.incrementAndGet();
                        }
                        if (status == 200) {
                            held.add(socket);
                        } else {
                            socket.close();
                        }
                    } catch (IOException | RuntimeException e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                        closeQuietly(socket);
                    }
                }
            });
        }
        attempts.shutdown();
        Probes during = probe(agreementId, Long.MAX_VALUE, attempts);
        if (!attempts.awaitTermination(extra.streamSeconds() + 30L, TimeUnit.SECONDS)) {
            attempts.shutdownNow();
        }
        measure.stop();
        long peakHeap = LifecycleBenchmark.peakHeapBytes();
        StreamLimits limits = context.getBean(StreamLimits.class);
        int openOnServer = limits.open();
        int heldOpen = held.size();
        held.forEach(StreamsBenchmark::closeQuietly);

        // the server notices closed streams on its next write (a heartbeat) at the latest
        long released = System.nanoTime();
        while (limits.open() > 0 && System.nanoTime() - released < TimeUnit.SECONDS.toNanos(30)) {
            Thread.sleep(100);
        }
        double releasedSeconds = (System.nanoTime() - released) / 1e9;
        Probes after = probe(agreementId, extra.baselineSeconds() * 1000L, null);
        System.gc();
        Thread.sleep(500);
        System.gc();
        long heapAfter = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

        int attempted = Math.min(next.get(), extra.streams());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("workload", "streams");
        summary.put("db", options.db());
        summary.put("attempted", attempted);
        summary.put("sources", extra.sources());
        summary.put("streamThreads", extra.streamThreads());
        summary.put("answered200", ok.get());
        summary.put("answered429", tooMany.get());
        summary.put("answered503", unavailable.get());
        summary.put("answeredOther", other.get());
        summary.put("failed", failed.get());
        summary.put("refusalsWithoutRetryAfter", missingRetryAfter.get());
        if (firstFailure.get() != null) {
            summary.put("firstFailure", firstFailure.get());
        }
        summary.put("heldOpenAtEnd", heldOpen);
        summary.put("openOnServerAtEnd", openOnServer);
        summary.put("openOnServerAfterClose", limits.open());
        summary.put("releasedAfterSeconds", LifecycleBenchmark.round(releasedSeconds, 1));
        Measure.putLatency(summary, "attempt", attemptLatency);
        baseline.put(summary, "before");
        during.put(summary, "during");
        after.put(summary, "after");
        summary.put("peakHeapMB", LifecycleBenchmark.round(peakHeap / 1048576.0, 1));
        summary.put("heapAfterGcMB", LifecycleBenchmark.round(heapAfter / 1048576.0, 1));
        summary.put("maxHeapMB", LifecycleBenchmark.round(Runtime.getRuntime().maxMemory() / 1048576.0, 1));
        measure.put(summary, attempted);
        summary.put("errors", during.errors.get() + after.errors.get() + other.get()
                + missingRetryAfter.get());
        if (summary.get("errors") instanceof Long n && n > 0) {
            summary.put("firstError", during.firstError.get() != null ? during.firstError.get()
                    : after.firstError.get() != null ? after.firstError.get() : firstFailure.get());
        }
        LifecycleBenchmark.log("streams: " + summary);
        return summary;
    }

    /**
     * Status view and health, one request at a time with 50 ms between rounds, for {@code millis} or (with
     * {@code until}) until that executor has terminated.
     */
    private Probes probe(String agreementId, long millis, ExecutorService until) throws InterruptedException {
        Probes probes = new Probes();
        long end = millis == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + millis * 1_000_000L;
        while (until != null ? !until.isTerminated() : System.nanoTime() < end) {
            once(probes.status, probes, "/api/v1/agreements/" + agreementId);
            once(probes.health, probes, "/actuator/health");
            Thread.sleep(50);
        }
        return probes;
    }

    private void once(Histogram latency, Probes probes, String path) {
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            if (answer.statusCode() != 200) {
                probes.errors.incrementAndGet();
                probes.firstError.compareAndSet(null, path + ": " + answer.statusCode());
            }
        } catch (Exception e) {
            latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            probes.errors.incrementAndGet();
            probes.firstError.compareAndSet(null, path + ": " + e);
        }
    }

    /** Two jurisdictions, a draft of theirs, opened for signature: public, and so is its stream. */
    private String publicAgreement() throws Exception {
        String run = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xfffffL).toUpperCase();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        List<Workload.Government> parties = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String id = "STREAMS-" + run + "-" + i;
            KeyPair keys = generator.generateKeyPair();
            HttpResponse<byte[]> registered = post("/api/v1/jurisdictions", Map.of("id", id, "name",
                    "Streams jurisdiction " + i, "level", "CITY", "publicKey",
                    Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())), LifecycleBenchmark.REGISTRAR_TOKEN);
            Workload.expect(registered, 201, "register " + id);
            HttpResponse<byte[]> issued = post("/api/v1/tokens", Map.of("principalType", "JURISDICTION",
                    "principalId", id), LifecycleBenchmark.REGISTRAR_TOKEN);
            Workload.expect(issued, 201, "token for " + id);
            parties.add(new Workload.Government(id, keys,
                    JSON.readTree(registered.body()).path("keys").path(0).path("keyId").asText(),
                    JSON.readTree(issued.body()).path("token").asText()));
        }
        HttpResponse<byte[]> drafted = post("/api/v1/agreements", Workload.draftBody(parties), parties.get(0).token());
        Workload.expect(drafted, 201, "draft");
        String id = JSON.readTree(drafted.body()).path("id").asText();
        Workload.expect(post("/api/v1/agreements/" + id + "/open-for-signature", null, parties.get(0).token()), 200,
                "open for signature");
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

    /** 127.0.0.(n + 1). */
    private static InetAddress source(int n) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) ((n + 1) >> 8), (byte) ((n + 1) & 0xff)});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The status line and headers, up to the empty line (or what came before the stream ended). */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
            if (head.length() > 16_384) {
                break;
            }
        }
        return head.toString();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
    }
}
