package org.basinledger.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's own options; every other {@code --name=value} is a Spring property for the application.
 *
 * @param jurisdictions how many jurisdictions the client threads share; 0 (default) gives each thread its own
 *                      {@code parties} jurisdictions, so no two threads act for the same jurisdiction
 * @param cpuThroughCatchUp {@code --cpu-through-catch-up}: in gateway mode also report operations per CPU-second
 *                          counted until the projections caught up ({@code opsPerCpuSecThroughCatchUp}), which
 *                          includes the projection work the measured phase left behind
 * @param h2WriteDelayMillis {@code --h2-write-delay=MS} (H2 only): after the start, {@code SET WRITE_DELAY MS} on the
 *                          ledger's database, e.g. 500 (H2's own default, which the ledger no longer uses) to measure
 *                          what answering only after the commit is in the file costs; null keeps the ledger's
 *                          setting (its JDBC URL: {@code WRITE_DELAY=0})
 */
record Options(String db, String mode, int threads, int agreements, int warmup, int parties, int jurisdictions,
               Path dataRoot, boolean keepData, boolean cpuThroughCatchUp, Integer h2WriteDelayMillis,
               List<String> springArgs, Extra extra) {

    private static final Set<String> OWN = Set.of("db", "mode", "threads", "agreements", "warmup", "parties",
            "jurisdictions", "data-root", "keep-data", "workload", "reports", "reports-per-agreement", "assessments",
            "leaves", "requests", "verifications", "sample-ms", "burst", "cpu-through-catch-up", "h2-write-delay",
            "streams", "sources", "stream-threads", "stream-seconds", "baseline-seconds", "history-years", "cold",
            "listeners", "rounds", "rebuilds");

    /**
     * The workloads: lifecycle (the default), reports, assessment, integrity, proofs, streams, rebuild,
     * incident-stream.
     */
    static final Set<String> WORKLOADS = Set.of("lifecycle", "reports", "assessment", "integrity", "proofs",
            "streams", "rebuild", "incident-stream");

    /**
     * Options of the workloads other than {@code lifecycle} (docs/benchmarks.md):
     *
     * @param workload            what to run ({@link #WORKLOADS})
     * @param reports             monitoring reports measured ({@code reports}) or sent beside the lifecycles
     *                            ({@code integrity}; 0 = none)
     * @param reportsPerAgreement at most this many reports go to one agreement in a phase: each client thread gets
     *                            ceil(its reports / this) agreements of its own and sends to them in turn
     * @param assessments         assessments timed per series ({@code assessment}: a warm and a cold series)
     * @param leaves              synthetic leaves of the stored tree ({@code proofs})
     * @param requests            proofs asked for per kind and path ({@code proofs})
     * @param verifications       full verifications timed after the load ({@code integrity})
     * @param sampleMillis        how often the integrity log's size is sampled ({@code integrity})
     * @param burst               lifecycles written while the integrity log is stopped, to time its catch-up
     *                            ({@code integrity}; 0 = skip)
     * @param streams             live streams attempted ({@code streams}, 1 to 20,000)
     * @param sources             loopback source addresses they come from, 127.0.0.1 on ({@code streams}, 1 to 250)
     * @param streamThreads       attempts under way at once ({@code streams})
     * @param streamSeconds       the attempts stop after this long even if not all were made ({@code streams})
     * @param baselineSeconds     probes before and after the attempts ({@code streams})
     * @param historyYears        years of daily reports each measured agreement gets before the measured reports,
     *                            which are then for the following year ({@code reports}; 0 = none, 0 to 9)
     * @param cold                every measured report first empties the agreement cache, so its agreement is
     *                            loaded from the event store (its latest snapshot and the events after it)
     *                            ({@code reports})
     * @param listeners           listeners of the incident stream ({@code incident-stream}, 1 to 400)
     * @param rebuilds            rebuilds run one after the other on the same events ({@code rebuild}; the first is
     *                            the measured row, the others are reported as {@code repeats})
     * @param rounds              incidents raised one after the other, each timed to every listener
     *                            ({@code incident-stream})
     */
    record Extra(String workload, int reports, int reportsPerAgreement, int assessments, long leaves, int requests,
                 int verifications, int sampleMillis, int burst, int streams, int sources, int streamThreads,
                 int streamSeconds, int baselineSeconds, int historyYears, boolean cold, int listeners,
                 int rounds, int rebuilds) {
    }

    static Options parse(String[] args) {
        String db = "h2";
        String mode = "gateway";
        int threads = 1;
        int agreements = 2000;
        int warmup = 300;
        int parties = 2;
        int jurisdictions = 0;
        Path dataRoot = null;
        boolean keepData = false;
        boolean cpuThroughCatchUp = false;
        Integer h2WriteDelay = null;
        String workload = "lifecycle";
        Integer reports = null;
        int reportsPerAgreement = 24;
        int assessments = 7;
        long leaves = 1_000_000;
        int requests = 1000;
        int verifications = 3;
        int sampleMillis = 200;
        int burst = 1000;
        int streams = 5000;
        int sources = 80;
        int streamThreads = 64;
        int streamSeconds = 120;
        int baselineSeconds = 3;
        int historyYears = 0;
        boolean cold = false;
        int listeners = 100;
        int rounds = 200;
        int rebuilds = 1;
        Integer agreementsGiven = null;
        Integer warmupGiven = null;
        List<String> spring = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String value = eq < 0 ? "true" : body.substring(eq + 1);
            if (!OWN.contains(name)) {
                spring.add(arg);
                continue;
            }
            switch (name) {
                case "db" -> db = value;
                case "mode" -> mode = value;
                case "threads" -> threads = Integer.parseInt(value);
                case "agreements" -> agreementsGiven = Integer.parseInt(value);
                case "warmup" -> warmupGiven = Integer.parseInt(value);
                case "parties" -> parties = Integer.parseInt(value);
                case "jurisdictions" -> jurisdictions = Integer.parseInt(value);
                case "data-root" -> dataRoot = Path.of(value);
                case "keep-data" -> keepData = Boolean.parseBoolean(value);
                case "cpu-through-catch-up" -> cpuThroughCatchUp = Boolean.parseBoolean(value);
                case "h2-write-delay" -> h2WriteDelay = Integer.parseInt(value);
                case "workload" -> workload = value;
                case "reports" -> reports = Integer.parseInt(value);
                case "reports-per-agreement" -> reportsPerAgreement = Integer.parseInt(value);
                case "assessments" -> assessments = Integer.parseInt(value);
                case "leaves" -> leaves = Long.parseLong(value);
                case "requests" -> requests = Integer.parseInt(value);
                case "verifications" -> verifications = Integer.parseInt(value);
                case "sample-ms" -> sampleMillis = Integer.parseInt(value);
                case "burst" -> burst = Integer.parseInt(value);
                case "streams" -> streams = Integer.parseInt(value);
                case "sources" -> sources = Integer.parseInt(value);
                case "stream-threads" -> streamThreads = Integer.parseInt(value);
                case "stream-seconds" -> streamSeconds = Integer.parseInt(value);
                case "listeners" -> listeners = Integer.parseInt(value);
                case "rounds" -> rounds = Integer.parseInt(value);
                case "rebuilds" -> rebuilds = Integer.parseInt(value);
                case "baseline-seconds" -> baselineSeconds = Integer.parseInt(value);
                case "history-years" -> historyYears = Integer.parseInt(value);
                case "cold" -> cold = Boolean.parseBoolean(value);
                default -> throw new IllegalStateException(name);
            }
        }
        if (!WORKLOADS.contains(workload)) {
            throw new IllegalArgumentException("--workload must be one of " + WORKLOADS + ", not " + workload);
        }
        // defaults that depend on the workload: lifecycles measured (integrity: the write load) and warm-up
        agreements = agreementsGiven != null ? agreementsGiven : workload.equals("integrity") ? 4000 : agreements;
        warmup = warmupGiven != null ? warmupGiven : switch (workload) {
            case "reports" -> 200;
            case "assessment" -> 3;
            case "integrity" -> 200;
            default -> warmup;
        };
        if (reports == null) {
            reports = workload.equals("integrity") ? 1000 : 2000;
        }
        if (!mode.equals("gateway") && !mode.equals("http")) {
            throw new IllegalArgumentException("--mode must be gateway or http, not " + mode);
        }
        if (burst < 0 || reportsPerAgreement < 1 || assessments < 1 || leaves < 2 || requests < 1
                || sampleMillis < 10 || historyYears < 0 || historyYears > 9) {
            throw new IllegalArgumentException("need --reports-per-agreement, --assessments, --requests >= 1,"
                    + " --leaves >= 2, --sample-ms >= 10, --burst >= 0, 0 <= --history-years <= 9");
        }
        if (streams < 1 || streams > 20_000 || sources < 1 || sources > 250 || streamThreads < 1
                || streamThreads > 512 || streamSeconds < 1 || streamSeconds > 600 || baselineSeconds < 1) {
            throw new IllegalArgumentException("need 1 <= --streams <= 20000, 1 <= --sources <= 250,"
                    + " 1 <= --stream-threads <= 512, 1 <= --stream-seconds <= 600, --baseline-seconds >= 1");
        }
        if (listeners < 1 || listeners > 400 || rounds < 1) {
            throw new IllegalArgumentException("need 1 <= --listeners <= 400 and --rounds >= 1");
        }
        if (threads < 1 || agreements < threads || parties < 2 || parties > 4) {
            throw new IllegalArgumentException("need threads >= 1, agreements >= threads, 2 <= parties <= 4");
        }
        if (jurisdictions != 0 && jurisdictions < parties) {
            throw new IllegalArgumentException("--jurisdictions must be 0 (one set per thread) or >= --parties");
        }
        if (h2WriteDelay != null && (h2WriteDelay < 0 || !db.equals("h2"))) {
            throw new IllegalArgumentException("--h2-write-delay needs --db=h2 and a delay >= 0 (milliseconds)");
        }
        if (dataRoot == null) {
            dataRoot = defaultDataRoot();
        }
        return new Options(db, mode, threads, agreements, warmup, parties, jurisdictions, dataRoot, keepData,
                cpuThroughCatchUp, h2WriteDelay,
                List.copyOf(spring), new Extra(workload, reports, reportsPerAgreement, assessments, leaves, requests,
                        verifications, sampleMillis, burst, streams, sources, streamThreads, streamSeconds,
                        baselineSeconds, historyYears, cold, listeners, rounds, rebuilds));
    }

    /** benchmark/target/bench-data next to the jar when run from it, else ./target/bench-data. */
    private static Path defaultDataRoot() {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            Path dir = Path.of(classPath).toAbsolutePath().getParent();
            if (dir != null && dir.getFileName() != null && dir.getFileName().toString().equals("target")) {
                return dir.resolve("bench-data");
            }
        }
        return Path.of("target", "bench-data");
    }

    String workload() {
        return extra.workload();
    }

    int totalJurisdictions() {
        return jurisdictions == 0 ? threads * parties : jurisdictions;
    }
}
