package org.basinledger.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.basinledger.app.BasinLedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Drives whole agreement lifecycles (draft, open for signature, sign by each party) against an in-process Basin
 * Ledger, through the command gateway or over HTTP, with T client threads, and reports throughput, latency
 * percentiles, peak heap and RSS. See docs/benchmarks.md.
 *
 * <p>Benchmark options: {@code --db=h2|postgres --mode=gateway|http --threads=T --agreements=K --warmup=W
 * --parties=P --jurisdictions=J --keep-data --h2-write-delay=MS};
 * {@code --workload=reports|assessment|integrity|proofs|streams} runs the monitoring-report, assessment,
 * integrity-log, proof and live-stream benchmarks instead (their options in
 * {@link Options.Extra}); {@code --workload=import} loads years of samples into the packaged ledger through the
 * importer ({@link ImportBenchmark}, its own options); {@code --workload=nodes} drives 1 or 2 packaged ledger
 * nodes on one PostgreSQL schema over HTTP ({@link NodesBenchmark}, its own options). Every other {@code --name=value} argument is handed to the application as a Spring
 * property (e.g. {@code --axon.eventhandling.processors.projections.batch-size=500}).
 */
public final class LifecycleBenchmark {

    static final String REGISTRAR_TOKEN = "bench-registrar-token-0123456789abcdef";
    static final String PG_BASE_URL = System.getenv().getOrDefault("BENCH_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getenv().getOrDefault("BENCH_POSTGRES_USER", "postgres");
    static final String PG_PASSWORD = System.getenv().getOrDefault("BENCH_POSTGRES_PASSWORD", "");

    private LifecycleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int exit = 0;
        try {
            if (java.util.Arrays.asList(args).contains("--workload=import")) {
                // the packaged ledger in a process of its own, not in this JVM
                ImportBenchmark.main(args);
            } else if (java.util.Arrays.asList(args).contains("--workload=nodes")) {
                // one or two packaged ledger nodes, each a process of its own, on one PostgreSQL schema
                NodesBenchmark.main(args);
            } else {
                run(Options.parse(args));
            }
        } catch (Throwable failure) {
            System.err.println("benchmark failed: " + failure);
            failure.printStackTrace();
            exit = 1;
        }
        // Axon, Hikari and db-scheduler threads must not keep the JVM alive.
        System.exit(exit);
    }

    static void run(Options options) throws Exception {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        Path dataDir = options.dataRoot().resolve(stamp).toAbsolutePath();
        Files.createDirectories(dataDir);

        List<String> appArgs = new ArrayList<>();
        appArgs.add("--server.port=0");
        appArgs.add("--ledger.data-dir=" + dataDir);
        appArgs.add("--ledger.registrar-token=" + REGISTRAR_TOKEN);
        appArgs.add("--spring.main.banner-mode=off");
        appArgs.add("--logging.level.root=ERROR");
        appArgs.add("--logging.level.org.basinledger=WARN");
        appArgs.add("--logging.level.org.hibernate.orm.connections.pooling=ERROR");
        appArgs.add("--logging.level.org.hibernate.engine.jdbc.env.internal=ERROR");
        String schema = null;
        if (options.db().equals("postgres")) {
            schema = "bench_" + stamp.replace('-', '_');
            appArgs.add("--spring.profiles.active=postgres");
            // proofs: the million-leaf tree is written as set-up; batched inserts rewritten into multi-row ones
            appArgs.add("--spring.datasource.url=" + PG_BASE_URL + (PG_BASE_URL.contains("?") ? "&" : "?")
                    + "currentSchema=" + schema
                    + (options.workload().equals("proofs") ? "&reWriteBatchedInserts=true" : ""));
            appArgs.add("--spring.datasource.username=" + PG_USER);
            appArgs.add("--spring.datasource.password=" + PG_PASSWORD);
            appArgs.add("--spring.flyway.default-schema=" + schema);
            appArgs.add("--spring.flyway.create-schemas=true");
        } else if (!options.db().equals("h2")) {
            throw new IllegalArgumentException("--db must be h2 or postgres, not " + options.db());
        }
        appArgs.addAll(options.springArgs());

        log("starting Basin Ledger in process: db=" + options.db() + (schema == null ? " data=" + dataDir
                : " schema=" + schema) + (options.springArgs().isEmpty() ? "" : " extra=" + options.springArgs()));
        long startNanos = System.nanoTime();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BasinLedgerApplication.class)
                .logStartupInfo(false)
                .run(appArgs.toArray(String[]::new));
        double startSeconds = (System.nanoTime() - startNanos) / 1e9;
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            log(String.format(Locale.ROOT, "started in %.1f s on port %d", startSeconds, port));
            String h2WriteDelay = options.db().equals("h2") ? h2WriteDelay(context, options.h2WriteDelayMillis()) : null;
            if (h2WriteDelay != null) {
                log("H2 WRITE_DELAY in effect: " + h2WriteDelay + " ms");
            }
            if (!options.workload().equals("lifecycle")) {
                Map<String, Object> summary = switch (options.workload()) {
                    case "reports" -> new ComplianceBenchmark(context, port, options).reports();
                    case "assessment" -> new ComplianceBenchmark(context, port, options).assessment();
                    case "integrity" -> new IntegrityBenchmark(context, port, options).run();
                    case "proofs" -> new ProofBenchmark(context, port, options).run();
                    case "streams" -> new StreamsBenchmark(context, port, options).run();
                    case "rebuild" -> new RebuildBenchmark(context, port, options).run();
                    case "incident-stream" -> new IncidentStreamBenchmark(context, port, options).run();
                    default -> throw new IllegalStateException(options.workload());
                };
                summary.put("startSeconds", round(startSeconds, 1));
                System.out.println("BENCH-RESULT " + new ObjectMapper().writeValueAsString(summary));
                Object errors = summary.get("errors");
                if (errors instanceof Number n && n.longValue() > 0) {
                    throw new IllegalStateException(n + " operations failed; first: " + summary.get("firstError"));
                }
                return;
            }
            Workload workload = new Workload(context, port, options);
            workload.setUp();

            log("warm-up: " + options.warmup() + " lifecycles");
            workload.runPhase(options.warmup(), true);
            workload.awaitProjections();
            System.gc();
            Thread.sleep(200);
            resetPeaks();

            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            log("measuring: " + options.agreements() + " lifecycles, " + options.threads() + " thread(s), mode "
                    + options.mode());
            GcSnapshot gcBefore = GcSnapshot.now();
            long cpuBefore = processCpuNanos();
            Workload.PhaseResult result = workload.runPhase(options.agreements(), false);
            long cpuAfter = processCpuNanos();
            GcSnapshot gcAfter = GcSnapshot.now();
            long catchUpMillis = options.mode().equals("gateway") ? workload.awaitProjections() : 0;
            long cpuCaughtUp = processCpuNanos();
            long peakHeap = peakHeapBytes();
            long peakRss = peakRssBytes();
            long events = workload.eventCount();

            Histogram latency = result.latency();
            double seconds = result.nanos() / 1e9;
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("db", options.db());
            if (h2WriteDelay != null) {
                summary.put("h2WriteDelayMs", h2WriteDelay);
            }
            summary.put("mode", options.mode());
            summary.put("threads", options.threads());
            summary.put("agreements", options.agreements());
            summary.put("parties", options.parties());
            summary.put("jurisdictions", options.jurisdictions());
            summary.put("unit", options.mode().equals("gateway") ? "commands" : "requests");
            summary.put("operations", result.operations());
            summary.put("errors", result.errors());
            summary.put("seconds", round(seconds, 3));
            summary.put("opsPerSec", round(result.operations() / seconds, 1));
            summary.put("lifecyclesPerSec", round(options.agreements() / seconds, 1));
            summary.put("p50Ms", ms(latency.getValueAtPercentile(50)));
            summary.put("p90Ms", ms(latency.getValueAtPercentile(90)));
            summary.put("p99Ms", ms(latency.getValueAtPercentile(99)));
            summary.put("maxMs", ms(latency.getMaxValue()));
            summary.put("peakHeapMB", round(peakHeap / 1048576.0, 1));
            summary.put("peakRssMB", round(peakRss / 1048576.0, 1));
            summary.put("maxHeapMB", round(Runtime.getRuntime().maxMemory() / 1048576.0, 0));
            summary.put("catchUpMs", catchUpMillis);
            summary.put("eventsStored", events);
            summary.put("cpuUtil", round((cpuAfter - cpuBefore) / (double) result.nanos()
                    / Runtime.getRuntime().availableProcessors(), 3));
            // throughput per CPU-second of this process: robust against other processes taking cores away
            summary.put("opsPerCpuSec", round(result.operations() / Math.max(1e-9, (cpuAfter - cpuBefore) / 1e9), 1));
            if (options.cpuThroughCatchUp() && options.mode().equals("gateway")) {
                summary.put("opsPerCpuSecThroughCatchUp",
                        round(result.operations() / Math.max(1e-9, (cpuCaughtUp - cpuBefore) / 1e9), 1));
            }
            summary.put("gcCount", gcAfter.count() - gcBefore.count());
            summary.put("gcMs", gcAfter.millis() - gcBefore.millis());
            summary.put("startSeconds", round(startSeconds, 1));
            // the machine's 1-minute load average when measuring began: well above the benchmark's own threads means
            // something else was competing for the cores
            summary.put("loadAvgBefore", round(loadBefore, 2));

            System.out.println();
            System.out.printf(Locale.ROOT, "%s %s, %d thread(s), %d lifecycles x %d %s = %d %s in %.2f s%n",
                    options.db(), options.mode(), options.threads(), options.agreements(),
                    result.operations() / Math.max(1, options.agreements()), summary.get("unit"),
                    result.operations(), summary.get("unit"), seconds);
            System.out.printf(Locale.ROOT, "  throughput   %,.0f %s/s (%,.0f lifecycles/s), errors %d%n",
                    result.operations() / seconds, summary.get("unit"), options.agreements() / seconds, result.errors());
            System.out.printf(Locale.ROOT, "  latency ms   p50 %s  p90 %s  p99 %s  max %s%n", summary.get("p50Ms"),
                    summary.get("p90Ms"), summary.get("p99Ms"), summary.get("maxMs"));
            System.out.printf(Locale.ROOT, "  memory       peak heap %s MB (max %s MB), peak RSS %s MB%n",
                    summary.get("peakHeapMB"), summary.get("maxHeapMB"), summary.get("peakRssMB"));
            System.out.printf(Locale.ROOT, "  cpu          %.0f%% of %d cores; GC %d collections, %d ms%n",
                    100 * (Double) summary.get("cpuUtil"), Runtime.getRuntime().availableProcessors(),
                    summary.get("gcCount"), summary.get("gcMs"));
            if (options.mode().equals("gateway")) {
                System.out.printf(Locale.ROOT, "  projections  caught up %d ms after the last command%n", catchUpMillis);
                if (summary.containsKey("opsPerCpuSecThroughCatchUp")) {
                    System.out.printf(Locale.ROOT, "  cpu          %s commands per CPU-second until caught up%n",
                            summary.get("opsPerCpuSecThroughCatchUp"));
                }
            }
            System.out.println("BENCH-RESULT " + new ObjectMapper().writeValueAsString(summary));
            if (result.errors() > 0) {
                throw new IllegalStateException(result.errors() + " operations failed; first: " + result.firstError());
            }
        } finally {
            context.close();
            if (schema != null && !options.keepData()) {
                dropSchema(schema);
            }
            if (!options.keepData()) {
                deleteQuietly(dataDir);
            }
        }
    }

    /**
     * Sets H2's write delay on the running ledger's database when asked ({@code SET WRITE_DELAY}: for the whole
     * database, every connection), and answers the delay in effect as H2 reports it.
     */
    static String h2WriteDelay(ConfigurableApplicationContext context, Integer millis) throws Exception {
        try (Connection connection = context.getBean(javax.sql.DataSource.class).getConnection();
             Statement statement = connection.createStatement()) {
            if (millis != null) {
                statement.execute("SET WRITE_DELAY " + millis);
            }
            try (var rows = statement.executeQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                return rows.next() ? rows.getString(1) : (millis == null ? "?" : String.valueOf(millis));
            }
        }
    }

    // ---- measurements ----

    static double ms(long micros) {
        return round(micros / 1000.0, 2);
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        // Linux: "5" resets the resident-set high-water mark (VmHWM) of this process.
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (Exception ignored) {
            // not Linux, or not permitted: the peak then includes start-up and warm-up
        }
    }

    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return -1;
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    record GcSnapshot(long count, long millis) {
        static GcSnapshot now() {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            return new GcSnapshot(count, millis);
        }
    }

    // ---- housekeeping ----

    static void dropSchema(String schema) {
        try (Connection connection = DriverManager.getConnection(PG_BASE_URL, PG_USER, PG_PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (Exception e) {
            log("could not drop schema " + schema + ": " + e.getMessage());
        }
    }

    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // best effort
        }
    }

    static void log(String message) {
        System.out.println("[bench] " + message);
    }

}
