package org.basinledger.benchmark;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.basinledger.query.integrity.IntegrityLog;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 5 (a) and (c): does the integrity log keep up with the write rate, and how fast is a full verification.
 *
 * <p>(a) While T client threads run agreement lifecycles (as the {@code lifecycle} workload) and, beside them, T
 * more threads send monitoring reports (as the {@code reports} workload, {@code --reports=0} for none), a sampler
 * reads every {@code --sample-ms} the number of stored events ({@code COUNT(*)} and {@code MAX(global_index)} of
 * {@code domain_event_entry}) and the size of the log ({@code MAX(tree_size)} of {@code ledger_head}: every batch
 * the {@code integrity-log} processor commits signs one head). Reported: events and leaves per second while the load
 * ran, the lag (events stored but not yet logged) at the end of the load and at its worst, and how long after the
 * load the log needed to catch up. Then the log's capacity: with the {@code integrity-log} processor stopped,
 * {@code --burst} lifecycles (gateway, same threads) are written; the processor is started again and the time it
 * takes to log the backlog, in full batches of 100 with nothing else running, gives its maximum leaves per second.
 * (c) Then, with the system quiet, {@code GET /api/v1/ledger/verification} as the
 * registrar, {@code --verifications} times: events checked per second.
 */
final class IntegrityBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigurableApplicationContext context;
    private final int port;
    private final Options options;
    private final JdbcTemplate jdbc;

    IntegrityBenchmark(ConfigurableApplicationContext context, int port, Options options) {
        this.context = context;
        this.port = port;
        this.options = options;
        this.jdbc = context.getBean(JdbcTemplate.class);
    }

    /** One reading of the store and the log. */
    record Sample(long nanos, long events, long maxGlobalIndex, long leaves) {
        long lag() {
            return events - leaves;
        }
    }

    Sample sample() {
        return jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM domain_event_entry),"
                        + " (SELECT MAX(global_index) FROM domain_event_entry), (SELECT MAX(tree_size) FROM ledger_head)",
                (rs, i) -> new Sample(System.nanoTime(), rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }

    Map<String, Object> run() throws Exception {
        Workload lifecycles = new Workload(context, port, options);
        lifecycles.setUp();
        ComplianceBenchmark reports = new ComplianceBenchmark(context, port, options);
        int reportCount = options.extra().reports();
        if (reportCount > 0) {
            reports.prepareAgreements(options.warmup());
        }
        log("warm-up: " + options.warmup() + " lifecycles" + (reportCount > 0 ? " and " + options.warmup() + " reports" : ""));
        runBoth(lifecycles, reports, options.warmup(), reportCount > 0 ? options.warmup() : 0, true);
        if (reportCount > 0) {
            reports.prepareAgreements(reportCount);
        }
        long settle = awaitLog(System.nanoTime());
        log("integrity log caught up with the warm-up " + settle + " ms after it");
        System.gc();
        Thread.sleep(200);
        LifecycleBenchmark.resetPeaks();

        List<Sample> samples = new CopyOnWriteArrayList<>();
        AtomicReference<Boolean> sampling = new AtomicReference<>(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                samples.add(sample());
                try {
                    Thread.sleep(options.extra().sampleMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-integrity-sampler");

        log("measuring: " + options.agreements() + " lifecycles (" + options.threads() + " threads, mode "
                + options.mode() + ")" + (reportCount > 0 ? " and " + reportCount + " reports (" + options.threads()
                + " threads)" : "") + ", sampling the log every " + options.extra().sampleMillis() + " ms");
        Sample first = sample();
        sampler.start();
        Measure load = Measure.start();
        Workload.PhaseResult[] results = runBoth(lifecycles, reports, options.agreements(), reportCount, false);
        load.stop();
        Sample atEnd = sample();
        samples.add(atEnd);
        long catchUpMillis = awaitLog(atEnd.nanos());
        Sample caughtUp = sample();
        samples.add(caughtUp);
        sampling.set(false);
        sampler.join();

        double loadSeconds = (atEnd.nanos() - first.nanos()) / 1e9;
        long eventsDuringLoad = atEnd.events() - first.events();
        long leavesDuringLoad = atEnd.leaves() - first.leaves();
        long maxLag = samples.stream().mapToLong(Sample::lag).max().orElse(0);
        double untilLoggedSeconds = (caughtUp.nanos() - first.nanos()) / 1e9;

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("db", options.db());
        summary.put("workload", "integrity");
        summary.put("mode", options.mode());
        summary.put("threads", options.threads());
        summary.put("lifecycles", options.agreements());
        summary.put("reports", reportCount);
        summary.put("operations", results[0].operations() + results[1].operations());
        summary.put("errors", results[0].errors() + results[1].errors());
        String firstError = results[0].firstError() != null ? results[0].firstError() : results[1].firstError();
        if (firstError != null) {
            summary.put("firstError", firstError);
        }
        load.put(summary, results[0].operations() + results[1].operations());
        Measure.putLatency(summary, "lifecycle", results[0].latency());
        if (reportCount > 0) {
            Measure.putLatency(summary, "report", results[1].latency());
        }
        summary.put("eventsDuringLoad", eventsDuringLoad);
        summary.put("eventsPerSec", LifecycleBenchmark.round(eventsDuringLoad / loadSeconds, 1));
        summary.put("leavesDuringLoad", leavesDuringLoad);
        summary.put("leavesPerSec", LifecycleBenchmark.round(leavesDuringLoad / loadSeconds, 1));
        summary.put("lagAtEndEvents", atEnd.lag());
        summary.put("maxLagEvents", maxLag);
        summary.put("catchUpMs", catchUpMillis);
        summary.put("leavesPerSecUntilLogged", LifecycleBenchmark.round((caughtUp.leaves() - first.leaves())
                / untilLoggedSeconds, 1));
        summary.put("maxGlobalIndexAtEnd", atEnd.maxGlobalIndex());
        summary.put("treeSizeAtEnd", caughtUp.leaves());
        summary.put("samples", samples.size());
        ComplianceBenchmark.putMemory(summary);

        System.out.println();
        System.out.println("timeline (seconds since the load began: events stored, max global index, leaves logged, lag):");
        long step = Math.max(1, 1000 / options.extra().sampleMillis());
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (i % step == 0 || i == samples.size() - 1 || s == atEnd) {
                System.out.printf(Locale.ROOT, "TIMELINE %.2f %d %d %d %d%n", (s.nanos() - first.nanos()) / 1e9,
                        s.events(), s.maxGlobalIndex(), s.leaves(), s.lag());
            }
        }
        System.out.printf(Locale.ROOT, "%s %s: %d lifecycles + %d reports in %.1f s: %s events/s stored, %s leaves/s logged;"
                        + " lag at the end %d events (max %d), caught up %d ms after the load%n", options.db(),
                options.mode(), options.agreements(), reportCount, loadSeconds, summary.get("eventsPerSec"),
                summary.get("leavesPerSec"), atEnd.lag(), maxLag, catchUpMillis);

        // the read models too, so that what follows runs on a quiet ledger
        lifecycles.awaitProjections();
        if (reportCount > 0) {
            reports.awaitReports();
        }
        if (options.extra().burst() > 0) {
            burst(lifecycles, summary);
        }
        verify(summary);
        return summary;
    }

    /**
     * The log's catch-up rate: stop its processor, write a backlog of lifecycles (and let the projections finish
     * them), start the processor and time it until every event is a leaf.
     */
    private void burst(Workload lifecycles, Map<String, Object> summary) throws InterruptedException {
        TrackingEventProcessor processor = context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(IntegrityLog.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        int count = options.extra().burst();
        log("capacity: integrity log stopped; writing " + count + " lifecycles as a backlog");
        lifecycles.runPhase(count, false);
        lifecycles.awaitProjections();
        Sample before = sample();
        Measure window = Measure.start();
        processor.start();
        awaitLog(before.nanos());
        window.stop();
        Sample after = sample();
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        summary.put("backlogEvents", before.lag());
        summary.put("backlogSeconds", LifecycleBenchmark.round(seconds, 2));
        summary.put("catchUpLeavesPerSec", LifecycleBenchmark.round(before.lag() / seconds, 0));
        summary.put("catchUpLeavesPerCpuSec", LifecycleBenchmark.round(before.lag() / Math.max(1e-9,
                window.cpuSeconds()), 0));
        summary.put("catchUpCpuUtil", LifecycleBenchmark.round(window.cpuSeconds() / seconds
                / Runtime.getRuntime().availableProcessors(), 3));
        summary.put("catchUpLoadAvg", LifecycleBenchmark.round(Measure.loadAverage(), 2));
        System.out.printf(Locale.ROOT, "%s integrity log capacity: a backlog of %d events logged in %.2f s: %s leaves/s,"
                        + " %s per JVM CPU-second (load average %.2f)%n", options.db(), before.lag(), seconds,
                summary.get("catchUpLeavesPerSec"), summary.get("catchUpLeavesPerCpuSec"), Measure.loadAverage());
    }

    /** Runs lifecycles and reports side by side; answers both results. */
    private Workload.PhaseResult[] runBoth(Workload lifecycles, ComplianceBenchmark reports, int lifecycleCount,
                                           int reportCount, boolean warmUp) throws InterruptedException {
        Workload.PhaseResult[] results = new Workload.PhaseResult[2];
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread reportThread = new Thread(() -> {
            try {
                results[1] = reportCount > 0 ? reports.runReports(reportCount, warmUp)
                        : new Workload.PhaseResult(0, 0, 0, null, Measure.histogram());
            } catch (Exception e) {
                failure.set(e);
            }
        }, "bench-report-load");
        reportThread.start();
        results[0] = lifecycles.runPhase(lifecycleCount, warmUp);
        reportThread.join();
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return results;
    }

    /** Waits until every stored event is a leaf; answers the ms since {@code sinceNanos}. */
    private long awaitLog(long sinceNanos) throws InterruptedException {
        long deadline = System.nanoTime() + 10L * 60 * 1_000_000_000L;
        while (true) {
            Sample s = sample();
            if (s.lag() <= 0) {
                return (s.nanos() - sinceNanos) / 1_000_000;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the integrity log still lags " + s.lag() + " events after 10 minutes");
            }
            Thread.sleep(5);
        }
    }

    /** (c): full verifications over HTTP, one after the other. */
    private void verify(Map<String, Object> summary) throws Exception {
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        Long bytes = null;
        try {
            bytes = jdbc.queryForObject("SELECT SUM(OCTET_LENGTH(payload)) + SUM(OCTET_LENGTH(meta_data))"
                    + " FROM domain_event_entry", Long.class);
        } catch (RuntimeException e) {
            log("could not sum the event sizes: " + e.getMessage());
        }
        var client = Workload.newClient();
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                        + "/api/v1/ledger/verification"))
                .header("Authorization", "Bearer " + LifecycleBenchmark.REGISTRAR_TOKEN).GET()
                .timeout(java.time.Duration.ofMinutes(30)).build();
        List<Double> seconds = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        List<Double> cpuRates = new ArrayList<>();
        long checked = 0;
        boolean ok = true;
        double loadBefore = Measure.loadAverage();
        for (int i = 0; i < options.extra().verifications(); i++) {
            Measure window = Measure.start();
            HttpResponse<byte[]> response = Workload.send(client, request);
            window.stop();
            Workload.expect(response, 200, "verification");
            JsonNode report = JSON.readTree(response.body());
            checked = report.path("checked").asLong();
            ok &= report.path("ok").asBoolean();
            seconds.add(window.seconds());
            rates.add(checked / window.seconds());
            cpuRates.add(checked / Math.max(1e-9, window.cpuSeconds()));
            log(String.format(Locale.ROOT, "verification %d: %d events checked in %.2f s (%.0f events/s, %.0f per JVM"
                            + " CPU-second), ok=%s, load average %.2f", i + 1, checked, window.seconds(),
                    checked / window.seconds(), checked / Math.max(1e-9, window.cpuSeconds()),
                    report.path("ok").asBoolean(), Measure.loadAverage()));
        }
        summary.put("verifiedEvents", checked);
        summary.put("eventsInStore", events);
        if (bytes != null) {
            summary.put("eventBytesMB", LifecycleBenchmark.round(bytes / 1048576.0, 1));
        }
        summary.put("verificationOk", ok);
        summary.put("verificationSeconds", seconds.stream().map(d -> LifecycleBenchmark.round(d, 2)).toList());
        summary.put("verificationMedianEventsPerSec", LifecycleBenchmark.round(Measure.median(rates), 0));
        summary.put("verificationMedianEventsPerCpuSec", LifecycleBenchmark.round(Measure.median(cpuRates), 0));
        summary.put("verificationLoadAvgBefore", LifecycleBenchmark.round(loadBefore, 2));
        if (!ok) {
            summary.put("errors", ((Number) summary.get("errors")).longValue() + 1);
            summary.put("firstError", "the verification found a mismatch");
        }
        System.out.printf(Locale.ROOT, "%s verification of %d events (%s MB of payload and metadata): median %s events/s,"
                        + " %s per JVM CPU-second, ok=%s%n", options.db(), checked, summary.get("eventBytesMB"),
                summary.get("verificationMedianEventsPerSec"), summary.get("verificationMedianEventsPerCpuSec"), ok);
    }

    private static void log(String message) {
        LifecycleBenchmark.log(message);
    }
}
