package org.basinledger.importer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code import}: reads the samples file, groups the samples into monthly reports per section
 * ({@link MonthlyReports}), and sends them, a batch of reports of one agreement at a time, to the ledger's batch
 * endpoint. Each report carries the key {@code <sectionId>/<period>}, so the ledger never records it twice; the
 * state file ({@link ImportState}) lets a run started again skip what the ledger confirmed before. Batches of one
 * agreement go one after the other (they would only contend for the same records); different agreements' batches
 * go in parallel. A refused batch (nothing of it recorded) is listed and the import goes on with the others.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports the samples of a CSV file (docs/importer.md) as monthly reports per section.",
                "Run it again after a stop or a failure: what the ledger has is skipped, nothing is recorded twice."})
final class ImportCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SAMPLES.csv", description = "the samples file")
    Path csv;

    @Option(names = "--ledger", required = true, paramLabel = "URL", description = "the ledger, e.g. http://localhost:8080")
    String ledger;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "the reporting jurisdiction's bearer token (or --token-file, or the environment LEDGER_TOKEN)")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "a file holding the token")
    Path tokenFile;

    @Option(names = "--state", paramLabel = "FILE",
            description = "the state file, to resume from (default: SAMPLES.csv.import-state)")
    Path state;

    @Option(names = "--batch", defaultValue = "50", description = "reports per request, at most (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--batch-bytes", defaultValue = "6000000",
            description = "request body size, at most, about (default: ${DEFAULT-VALUE})")
    long batchBytes;

    @Option(names = "--parallel", defaultValue = "2",
            description = "requests at once, each for another agreement (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--throttle-ms", defaultValue = "0",
            description = "pause after each request, to go easy on a busy ledger (default: ${DEFAULT-VALUE})")
    long throttleMillis;

    @Option(names = "--attempts", defaultValue = "8",
            description = "tries per batch when the ledger does not answer or answers 'again later' (default: ${DEFAULT-VALUE})")
    int attempts;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    private final AtomicLong samplesSent = new AtomicLong();
    private final AtomicLong reportsCreated = new AtomicLong();
    private final AtomicLong reportsUnchanged = new AtomicLong();
    private final AtomicLong reportsRefused = new AtomicLong();
    private final AtomicReference<Importer.ImportFailure> fatal = new AtomicReference<>();

    private record Batch(String agreementId, List<MonthlyReports.Report> reports) {
    }

    private static final Batch END = new Batch(null, List.of());

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (batch < 1 || parallel < 1 || attempts < 1) {
            throw new Importer.ImportFailure(Importer.BAD_INPUT, "--batch, --parallel and --attempts must be at least 1");
        }
        if (!Files.isRegularFile(csv)) {
            throw new Importer.ImportFailure(Importer.BAD_INPUT, "no file " + csv);
        }
        String bearer = token();
        Path statePath = state != null ? state : Path.of(csv + ".import-state");
        Path refusedPath = Path.of(statePath + ".refused.jsonl");
        long fileSize = Math.max(1, Files.size(csv));
        LedgerClient client = new LedgerClient(ledger, bearer, attempts, Duration.ofMillis(500));
        ProgressBar progress = new ProgressBar(err, System.console() != null);
        long started = System.nanoTime();
        long skippedReports = 0;
        long skippedSamples = 0;

        try (ImportState journal = new ImportState(statePath); SampleCsv samples = new SampleCsv(csv)) {
            int before = journal.size();
            if (before > 0) {
                err.println("resuming: " + before + " reports confirmed before (" + statePath + ") are skipped");
            }
            List<BlockingQueue<Batch>> queues = new ArrayList<>();
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(2);
                queues.add(queue);
                Thread sender = new Thread(() -> sendAll(queue, client, journal, refusedPath, err),
                        "importer-sender-" + i);
                sender.setDaemon(true);
                sender.start();
                senders.add(sender);
            }

            MonthlyReports grouper = new MonthlyReports();
            Map<String, List<MonthlyReports.Report>> pending = new LinkedHashMap<>();
            Map<String, Long> pendingBytes = new HashMap<>();
            int pendingCount = 0;
            int maxPending = Math.max(batch * 20, 1000);
            SampleCsv.Row row;
            boolean more = true;
            while (more && fatal.get() == null) {
                row = samples.next();
                List<MonthlyReports.Report> completed;
                if (row == null) {
                    completed = grouper.finish();
                    more = false;
                } else {
                    MonthlyReports.Report report = grouper.accept(row);
                    completed = report == null ? List.of() : List.of(report);
                }
                for (MonthlyReports.Report report : completed) {
                    if (journal.isDone(report.agreementId(), report.reportKey())) {
                        skippedReports++;
                        skippedSamples += report.samples().size();
                        continue;
                    }
                    List<MonthlyReports.Report> list = pending.computeIfAbsent(report.agreementId(),
                            a -> new ArrayList<>());
                    list.add(report);
                    pendingCount++;
                    long bytes = pendingBytes.merge(report.agreementId(), estimate(report), Long::sum);
                    if (list.size() >= batch || bytes >= batchBytes) {
                        pendingCount -= list.size();
                        submit(queues, pending.remove(report.agreementId()), pendingBytes);
                    } else if (pendingCount > maxPending) {
                        String largest = pending.entrySet().stream()
                                .max(Map.Entry.comparingByValue((a, b) -> Integer.compare(a.size(), b.size())))
                                .orElseThrow().getKey();
                        pendingCount -= pending.get(largest).size();
                        submit(queues, pending.remove(largest), pendingBytes);
                    }
                }
                if (!quiet) {
                    progress.update((double) samples.bytesRead() / fileSize, samplesSent.get() + skippedSamples,
                            reportsCreated.get() + reportsUnchanged.get() + skippedReports, false);
                }
            }
            for (List<MonthlyReports.Report> rest : new ArrayList<>(pending.values())) {
                if (fatal.get() != null) {
                    break;
                }
                submit(queues, rest, pendingBytes);
            }
            for (BlockingQueue<Batch> queue : queues) {
                putUnlessFatal(queue, END);
            }
            for (Thread sender : senders) {
                while (sender.isAlive()) {
                    sender.join(200);
                    if (!quiet) {
                        progress.update(1.0, samplesSent.get() + skippedSamples,
                                reportsCreated.get() + reportsUnchanged.get() + skippedReports, false);
                    }
                    if (fatal.get() != null) {
                        break;
                    }
                }
            }
            if (!quiet) {
                progress.update(fatal.get() == null ? 1.0 : (double) samples.bytesRead() / fileSize,
                        samplesSent.get() + skippedSamples,
                        reportsCreated.get() + reportsUnchanged.get() + skippedReports, true);
                progress.finish();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.println(String.format(Locale.ROOT, "%,d reports recorded now, %,d were in the ledger already, %,d skipped"
                        + " (in the state file), %,d refused; %,d samples sent in %.1f s (%,.0f samples/s)",
                reportsCreated.get(), reportsUnchanged.get(), skippedReports, reportsRefused.get(), samplesSent.get(),
                seconds, samplesSent.get() / Math.max(seconds, 0.001)));
        if (fatal.get() != null) {
            throw fatal.get();
        }
        if (reportsRefused.get() > 0) {
            err.println(reportsRefused.get() + " reports were refused (nothing of their batches was recorded): see "
                    + refusedPath + "; fix the file and run the import again");
            return Importer.REFUSED;
        }
        return Importer.OK;
    }

    private String token() throws IOException {
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        if (tokenFile != null) {
            return Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
        }
        String env = System.getenv("LEDGER_TOKEN");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        throw new Importer.ImportFailure(Importer.BAD_INPUT, "no token: give --token, --token-file or LEDGER_TOKEN");
    }

    private void submit(List<BlockingQueue<Batch>> queues, List<MonthlyReports.Report> reports,
                        Map<String, Long> pendingBytes) throws InterruptedException {
        String agreementId = reports.get(0).agreementId();
        pendingBytes.remove(agreementId);
        // one agreement's batches always go through the same sender, one after the other
        BlockingQueue<Batch> queue = queues.get(Math.floorMod(agreementId.hashCode(), queues.size()));
        putUnlessFatal(queue, new Batch(agreementId, reports));
    }

    private void putUnlessFatal(BlockingQueue<Batch> queue, Batch batch) throws InterruptedException {
        while (fatal.get() == null) {
            if (queue.offer(batch, 200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    private void sendAll(BlockingQueue<Batch> queue, LedgerClient client, ImportState journal, Path refusedPath,
                         PrintWriter err) {
        try {
            while (true) {
                Batch next = queue.take();
                if (next == END) {
                    return;
                }
                send(next, client, journal, refusedPath, err);
                if (throttleMillis > 0) {
                    Thread.sleep(throttleMillis);
                }
            }
        } catch (Importer.ImportFailure failure) {
            fatal.compareAndSet(null, failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            fatal.compareAndSet(null, new Importer.ImportFailure(Importer.INTERNAL, "a batch could not be sent: " + e));
        }
    }

    private void send(Batch batch, LedgerClient client, ImportState journal, Path refusedPath, PrintWriter err)
            throws IOException, InterruptedException {
        byte[] body = body(batch.reports());
        String key = "import-" + sha256(batch.agreementId(), body).substring(0, 48);
        LedgerClient.Answer answer = client.send(batch.agreementId(), body, key);
        List<String> keys = batch.reports().stream().map(MonthlyReports.Report::reportKey).toList();
        int samples = batch.reports().stream().mapToInt(r -> r.samples().size()).sum();
        if (answer instanceof LedgerClient.Applied applied) {
            journal.confirm(batch.agreementId(), keys);
            samplesSent.addAndGet(samples);
            if (applied.created() < 0) {
                reportsCreated.addAndGet(keys.size());
            } else {
                reportsCreated.addAndGet(applied.created());
                reportsUnchanged.addAndGet(applied.unchanged());
            }
            return;
        }
        LedgerClient.Refused refused = (LedgerClient.Refused) answer;
        reportsRefused.addAndGet(keys.size());
        ObjectNode line = JSON.createObjectNode();
        line.put("agreementId", batch.agreementId());
        line.putPOJO("reportKeys", keys);
        line.put("firstLine", batch.reports().get(0).firstLine());
        line.put("status", refused.status());
        line.set("problem", refused.problem());
        synchronized (this) {
            Files.write(refusedPath, (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            err.println();
            err.println("refused (" + refused.status() + "): " + keys.size() + " reports of agreement "
                    + batch.agreementId() + " from line " + batch.reports().get(0).firstLine() + ": "
                    + refused.problem().path("detail").asText());
            refused.problem().path("errors").forEach(e -> err.println("  " + describe(batch.reports(),
                    e.path("field").asText()) + ": " + e.path("message").asText()));
        }
    }

    /** {@code reports[3].samples[2].value} as the report's key and the field within it. */
    private static String describe(List<MonthlyReports.Report> reports, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("reports\\[(\\d+)]\\.?(.*)").matcher(field);
        if (m.matches()) {
            int index = Integer.parseInt(m.group(1));
            if (index < reports.size()) {
                return reports.get(index).reportKey() + (m.group(2).isEmpty() ? "" : " " + m.group(2));
            }
        }
        return field;
    }

    static byte[] body(List<MonthlyReports.Report> reports) throws IOException {
        List<Map<String, Object>> items = new ArrayList<>(reports.size());
        for (MonthlyReports.Report report : reports) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("reportKey", report.reportKey());
            item.put("sectionId", report.sectionId());
            item.put("period", report.period());
            item.put("samples", report.samples());
            if (report.flow() != null) {
                item.put("flowCubicMetresPerSecond", report.flow());
            }
            items.add(item);
        }
        return JSON.writeValueAsBytes(Map.of("reports", items));
    }

    private static long estimate(MonthlyReports.Report report) {
        return 120L + report.samples().size() * 100L;
    }

    private static String sha256(String agreementId, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(agreementId.getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
