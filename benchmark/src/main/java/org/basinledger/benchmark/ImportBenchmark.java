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
import java.security.Signature;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

/**
 * {@code --workload=import} (issue 11, part 2, "Ten years in one H2 file"): the packaged ledger in a process of its
 * own ({@code -Xmx512m} by default) on a fresh H2 file; {@code agreements} agreements of {@code sections-per-agreement}
 * sections between two jurisdictions, signed into force from {@code from}; the importer's generator writes daily
 * samples of {@code pollutants} indicators for {@code years} years at every section; the importer (its own JVM) loads
 * them through the batch endpoint, timed. Then, on the loaded ledger: status reads and history pages (p50/p99 of
 * {@code reads} each, one client, after a warm-up), and restart to ready (stopped with SIGTERM, started again, until
 * {@code /actuator/health} answers UP). Prints a table and one {@code BENCH-RESULT} JSON line; the ledger's CPU
 * seconds (from {@code /proc}) give per-CPU-second figures on a busy machine.
 *
 * <p>Options ({@code --name=value}): {@code ledger-jar}, {@code importer-jar}, {@code work} (a scratch directory),
 * {@code agreements} (100), {@code sections-per-agreement} (3), {@code years} (10), {@code pollutants} (6),
 * {@code from} (2016-01-01), {@code batch} (50), {@code parallel} (4), {@code reads} (2000), {@code ledger-opts}
 * ("-Xmx512m"), {@code importer-opts} ("-Xmx256m"), {@code port} (18080).
 *
 * <p>{@code --reuse=true} measures an earlier run's loaded ledger again (its {@code work} directory: {@code data/}
 * and {@code sections.csv}) without importing anything: restart to ready (from a stopped ledger), then the same
 * reads; for taking the read and restart rows on a quiet machine after a long import on a busy one.
 */
final class ImportBenchmark {

    private static final String REGISTRAR = "bench-import-registrar-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final Path work;
    private final Path dataDir;
    private Process ledger;

    private ImportBenchmark(Map<String, String> options) {
        this.options = options;
        this.base = "http://127.0.0.1:" + option("port", "18080");
        this.work = Path.of(option("work", "benchmark/target/import-bench/" + LocalDateTime.now()
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath();
        this.dataDir = work.resolve("data");
    }

    static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        ImportBenchmark bench = new ImportBenchmark(options);
        try {
            bench.run();
        } finally {
            bench.stopLedger();
        }
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private int intOption(String name, int fallback) {
        return Integer.parseInt(option(name, Integer.toString(fallback)));
    }

    private void run() throws Exception {
        if (Boolean.parseBoolean(option("reuse", "false"))) {
            reuse();
            return;
        }
        Files.createDirectories(work);
        int agreements = intOption("agreements", 100);
        int sectionsPer = intOption("sections-per-agreement", 3);
        String from = option("from", "2016-01-01");
        int years = intOption("years", 10);
        log("work directory " + work + "; load before: " + loadAverage());

        long startNanos = System.nanoTime();
        startLedger("first");
        double firstStart = (System.nanoTime() - startNanos) / 1e9;
        log(String.format(Locale.ROOT, "ledger ready in %.1f s (empty)", firstStart));

        // the agreements, through the API as governments make them
        Party reporter = register("CN-BENCH-MON");
        Party other = register("CN-BENCH-UP");
        List<String> ids = new ArrayList<>();
        StringBuilder sections = new StringBuilder();
        long setupStart = System.nanoTime();
        for (int a = 0; a < agreements; a++) {
            List<String> names = new ArrayList<>();
            for (int s = 1; s <= sectionsPer; s++) {
                names.add(String.format(Locale.ROOT, "S%03d", a * sectionsPer + s));
            }
            String id = agreementInForce(reporter, other, names, from, years, a);
            ids.add(id);
            names.forEach(n -> sections.append(id).append(',').append(n).append('\n'));
        }
        Path sectionsFile = work.resolve("sections.csv");
        Files.writeString(sectionsFile, sections);
        log(String.format(Locale.ROOT, "%d agreements in force in %.1f s", agreements,
                (System.nanoTime() - setupStart) / 1e9));

        Path samples = work.resolve("samples.csv");
        long generateStart = System.nanoTime();
        runTool("generate", List.of("generate", "--sections", sectionsFile.toString(), "--out", samples.toString(),
                "--from", from, "--years", Integer.toString(years), "--pollutants", option("pollutants", "6")));
        double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
        long sampleCount = countLines(samples) - 1;
        log(String.format(Locale.ROOT, "%,d samples generated in %.1f s (%,d bytes)", sampleCount, generateSeconds,
                Files.size(samples)));

        String loadBefore = loadAverage();
        double cpuBefore = cpuSeconds(ledger);
        long importStart = System.nanoTime();
        String importOut = runTool("import", List.of("import", samples.toString(), "--ledger", base, "--token",
                reporter.token(), "--batch", option("batch", "50"), "--parallel", option("parallel", "4")));
        double importSeconds = (System.nanoTime() - importStart) / 1e9;
        double importCpu = cpuSeconds(ledger) - cpuBefore;
        String loadAfter = loadAverage();
        log(String.format(Locale.ROOT, "imported in %.1f s, ledger CPU %.1f s; load %s -> %s: %s", importSeconds,
                importCpu, loadBefore, loadAfter, importOut.strip()));

        // reads on the loaded ledger
        int reportsPerAgreement = sectionsPer * years * 12;
        Reads reads = measureReads(ids, reportsPerAgreement, reporter.token());
        String loadReads = loadAverage();

        // restart to ready
        long databaseBytes = directorySize(dataDir);
        stopLedger();
        long restartStart = System.nanoTime();
        startLedger("restart");
        double restartSeconds = (System.nanoTime() - restartStart) / 1e9;
        get("/api/v1/agreements/" + ids.get(0), null);
        String loadEnd = loadAverage();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("workload", "import");
        result.put("agreements", agreements);
        result.put("sections", agreements * sectionsPer);
        result.put("samples", sampleCount);
        result.put("reports", (long) agreements * reportsPerAgreement);
        result.put("importSeconds", round(importSeconds));
        result.put("samplesPerSec", round(sampleCount / importSeconds));
        result.put("ledgerCpuSeconds", round(importCpu));
        result.put("samplesPerLedgerCpuSec", round(sampleCount / importCpu));
        reads.putInto(result);
        result.put("restartToReadySeconds", round(restartSeconds));
        result.put("dataDirBytes", databaseBytes);
        result.put("ledgerOpts", option("ledger-opts", "-Xmx512m"));
        result.put("loadBeforeImport", loadBefore);
        result.put("loadAfterImport", loadAfter);
        result.put("loadAfterReads", loadReads);
        result.put("loadEnd", loadEnd);
        result.put("cpus", Runtime.getRuntime().availableProcessors());

        System.out.println();
        System.out.println("| measure (H2 file, " + option("ledger-opts", "-Xmx512m") + ") | value | target |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| import of %,d samples (%,d reports, %d agreements) | %.0f s, %,.0f samples/s"
                        + " (ledger CPU %.0f s: %,.0f samples per CPU-second) | ≤ 600 s |%n", sampleCount,
                (long) agreements * reportsPerAgreement, agreements, importSeconds, sampleCount / importSeconds,
                importCpu, sampleCount / importCpu);
        reads.printRows();
        System.out.printf(Locale.ROOT, "| restart to ready (%,d MB data directory) | %.1f s | ≤ 30 s |%n",
                databaseBytes / 1_000_000, restartSeconds);
        System.out.println("| load average (1, 5, 15 min) before import / after / after reads / end | " + loadBefore
                + " / " + loadAfter + " / " + loadReads + " / " + loadEnd + " | |");
        System.out.println("BENCH-RESULT " + JSON.writeValueAsString(result));
    }

    /** Restart to ready and the reads, on the data directory and sections of an earlier run in {@code work}. */
    private void reuse() throws Exception {
        List<String> ids = Files.readAllLines(work.resolve("sections.csv")).stream().filter(l -> !l.isBlank())
                .map(l -> l.substring(0, l.indexOf(','))).distinct().toList();
        int sectionsPer = intOption("sections-per-agreement", 3);
        int years = intOption("years", 10);
        long databaseBytes = directorySize(dataDir);
        String loadBefore = loadAverage();
        long restartStart = System.nanoTime();
        startLedger("reuse");
        double restartSeconds = (System.nanoTime() - restartStart) / 1e9;
        String token = call("POST", "/api/v1/tokens", REGISTRAR,
                Map.of("principalType", "JURISDICTION", "principalId", "CN-BENCH-MON"), 201).path("token").asText();
        Reads reads = measureReads(ids, sectionsPer * years * 12, token);
        String loadAfter = loadAverage();
        System.out.println();
        System.out.println("| measure (H2 file, " + option("ledger-opts", "-Xmx512m") + ", " + ids.size()
                + " agreements loaded before) | value | target |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| restart to ready (%,d MB data directory) | %.1f s | ≤ 30 s |%n",
                databaseBytes / 1_000_000, restartSeconds);
        reads.printRows();
        System.out.println("| load average (1, 5, 15 min) before / after | " + loadBefore + " / " + loadAfter
                + " | |");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("workload", "import-reuse");
        result.put("agreements", ids.size());
        result.put("restartToReadySeconds", round(restartSeconds));
        reads.putInto(result);
        result.put("dataDirBytes", databaseBytes);
        result.put("loadBefore", loadBefore);
        result.put("loadAfter", loadAfter);
        System.out.println("BENCH-RESULT " + JSON.writeValueAsString(result));
    }

    /** Status reads, history pages and monitoring-report pages of random agreements: p50 and p99 of each. */
    private record Reads(Histogram status, Histogram history, Histogram reportPages) {

        void putInto(Map<String, Object> result) {
            result.put("statusP50Ms", ms(status, 50));
            result.put("statusP99Ms", ms(status, 99));
            result.put("historyP50Ms", ms(history, 50));
            result.put("historyP99Ms", ms(history, 99));
            result.put("reportPageP50Ms", ms(reportPages, 50));
            result.put("reportPageP99Ms", ms(reportPages, 99));
        }

        void printRows() {
            System.out.printf(Locale.ROOT, "| status read p50 / p99 | %.2f / %.2f ms | p99 ≤ 10 ms |%n",
                    ms(status, 50), ms(status, 99));
            System.out.printf(Locale.ROOT, "| history page (50 events) p50 / p99 | %.2f / %.2f ms | p99 ≤ 20 ms |%n",
                    ms(history, 50), ms(history, 99));
            System.out.printf(Locale.ROOT, "| monitoring-report page (20) p50 / p99 | %.2f / %.2f ms | |%n",
                    ms(reportPages, 50), ms(reportPages, 99));
        }
    }

    /** {@code reads} (2000) of each kind, one client, after a warm-up; pages need a party's or the registrar's token. */
    private Reads measureReads(List<String> ids, int reportsPerAgreement, String token) throws Exception {
        int reads = intOption("reads", 2000);
        SplittableRandom random = new SplittableRandom(42);
        Histogram status = measure(reads, () -> get("/api/v1/agreements/" + ids.get(random.nextInt(ids.size())),
                null));
        Histogram history = measure(reads, () -> get("/api/v1/agreements/" + ids.get(random.nextInt(ids.size()))
                + "/history?limit=50&after=" + random.nextInt(reportsPerAgreement), token));
        Histogram reportPages = measure(reads, () -> get("/api/v1/agreements/" + ids.get(random.nextInt(ids.size()))
                + "/monitoring-reports?size=20&page=" + random.nextInt(reportsPerAgreement / 20), token));
        return new Reads(status, history, reportPages);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static Histogram measure(int count, Call call) throws Exception {
        for (int i = 0; i < Math.min(200, count); i++) {
            call.run();
        }
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            call.run();
            histogram.recordValue(System.nanoTime() - start);
        }
        return histogram;
    }

    private static double ms(Histogram histogram, double percentile) {
        return round(histogram.getValueAtPercentile(percentile) / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private void startLedger(String name) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // "{start}" in the options becomes this start's name (first, restart, reuse): one JFR file per start
        command.addAll(List.of(option("ledger-opts", "-Xmx512m").replace("{start}", name).trim().split("\\s+")));
        command.addAll(List.of("-jar", option("ledger-jar", "app/target/basin-ledger.jar"),
                "--server.port=" + option("port", "18080"), "--ledger.data-dir=" + dataDir,
                "--ledger.registrar-token=" + REGISTRAR));
        ledger = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("ledger-" + name + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!ledger.isAlive()) {
                throw new IllegalStateException("the ledger exited with " + ledger.exitValue() + ": see "
                        + work.resolve("ledger-" + name + ".log"));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the ledger was not ready within 5 minutes");
    }

    private void stopLedger() throws InterruptedException {
        if (ledger != null && ledger.isAlive()) {
            ledger.destroy();
            if (!ledger.waitFor(60, TimeUnit.SECONDS)) {
                ledger.destroyForcibly().waitFor();
            }
        }
    }

    private String runTool(String name, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(option("importer-opts", "-Xmx256m").trim().split("\\s+")));
        command.addAll(List.of("-jar", option("importer-jar", "importer/target/basin-ledger-importer.jar")));
        command.addAll(args);
        Path out = work.resolve("importer-" + name + ".out");
        // the progress bar goes to this terminal's stderr, the summary to a file
        Process tool = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int code = tool.waitFor();
        String text = Files.readString(out);
        if (code != 0) {
            throw new IllegalStateException("importer " + name + " exited with " + code + ": " + text);
        }
        return text;
    }

    private record Party(String id, KeyPair keys, String keyId, String token) {
    }

    private Party register(String id) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        JsonNode registered = call("POST", "/api/v1/jurisdictions", REGISTRAR, Map.of("id", id, "name",
                "Government " + id, "level", "CITY", "publicKey",
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())), 201);
        JsonNode token = call("POST", "/api/v1/tokens", REGISTRAR,
                Map.of("principalType", "JURISDICTION", "principalId", id), 201);
        return new Party(id, keys, registered.path("keys").path(0).path("keyId").asText(),
                token.path("token").asText());
    }

    private String agreementInForce(Party reporter, Party other, List<String> sections, String from, int years,
                                    int number) throws Exception {
        List<Map<String, Object>> sectionList = new ArrayList<>();
        for (String section : sections) {
            sectionList.add(Map.of("id", section, "name", "Section " + section, "waterBody", "Bench River " + number,
                    "upstream", other.id(), "downstream", reporter.id()));
        }
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("text", "The parties monitor their border sections daily.");
        terms.put("sections", sectionList);
        terms.put("obligations", List.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Bench agreement " + number);
        body.put("basin", "Bench River " + number);
        body.put("parties", List.of(Map.of("jurisdictionId", other.id(), "role", "UPSTREAM"),
                Map.of("jurisdictionId", reporter.id(), "role", "DOWNSTREAM")));
        body.put("effectiveFrom", from);
        body.put("effectiveUntil", java.time.LocalDate.now().plusYears(5).toString());
        body.put("terms", terms);
        String id = call("POST", "/api/v1/agreements", reporter.token(), body, 201).path("id").asText();
        call("POST", "/api/v1/agreements/" + id + "/open-for-signature", reporter.token(), null, 200);
        for (Party party : List.of(reporter, other)) {
            byte[] document = send("GET", "/api/v1/agreements/" + id + "/terms", party.token(), null, 200);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(party.keys().getPrivate());
            signer.update(document);
            call("POST", "/api/v1/agreements/" + id + "/signatures", party.token(),
                    Map.of("signature", Base64.getEncoder().encodeToString(signer.sign()), "keyId", party.keyId()),
                    200);
        }
        return id;
    }

    private void get(String path, String token) throws Exception {
        send("GET", path, token, null, 200);
    }

    private JsonNode call(String method, String path, String token, Object body, int expected) throws Exception {
        return JSON.readTree(send(method, path, token, body, expected));
    }

    private byte[] send(String method, String path, String token, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /** User and system CPU seconds of a process, from /proc (Linux); 0 elsewhere. */
    private static double cpuSeconds(Process process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static long countLines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    private static long directorySize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void log(String message) {
        System.err.println("[import-bench " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_TIME) + "] "
                + message);
    }
}
