package org.basinledger.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged ledger ({@code app/target/basin-ledger.jar}, built by {@code package} before failsafe runs) as a
 * child JVM of its own: {@code java -jar} started directly (no shell in between, so {@link #kill()} is a SIGKILL of
 * the ledger's own JVM), on a random port ({@code --server.port=0}, read back from its log), its output in a log
 * file per start. Every wait is bounded; {@link #close()} kills whatever is still running.
 */
public final class LedgerProcess implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);

    private final List<String> appArgs;
    private final Path logDir;
    private Process process;
    private Path log;
    private int port;
    private int starts;

    /**
     * @param appArgs the application's arguments ({@code --name=value}); {@code --server.port=0} is added
     * @param logDir  where each start's output goes ({@code ledger-1.log}, {@code ledger-2.log}, ...)
     */
    public LedgerProcess(List<String> appArgs, Path logDir) {
        this.appArgs = List.copyOf(appArgs);
        this.logDir = logDir;
    }

    /** The packaged jar: under the module's target directory (failsafe runs in the module directory). */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("basin-ledger.jar")
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: it is built by `mvn package` (failsafe runs after it)");
        }
        return jar;
    }

    /** Starts the jar and waits until it answers ready; fails with the tail of its log if it does not. */
    public void start() throws Exception {
        launch();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        port = 0;
        while (port == 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the ledger exited with " + process.exitValue() + " while starting:\n"
                        + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ledger did not start within " + START_TIMEOUT + ":\n" + logTail());
            }
            Matcher matcher = PORT.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (matcher.find()) {
                port = Integer.parseInt(matcher.group(1));
            } else {
                Thread.sleep(200);
            }
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        while (true) {
            try {
                HttpResponse<Void> ready = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the ledger did not become ready:\n" + logTail());
            }
            Thread.sleep(200);
        }
    }

    /**
     * Starts the jar for a start that must fail, and waits until it exits (at most as long as a start may take);
     * returns its exit code. {@link #log()} then has everything it printed.
     */
    public int runUntilExit() throws Exception {
        launch();
        if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            kill();
            throw new IllegalStateException("the ledger was expected to exit but ran for " + START_TIMEOUT + ":\n"
                    + logTail());
        }
        return process.exitValue();
    }

    private void launch() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        starts++;
        log = logDir.resolve("ledger-" + starts + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        // C1 only and the serial collector: less CPU at start on a shared machine, and the test measures no speed
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-jar");
        command.add(jar().toString());
        command.add("--server.port=0");
        command.addAll(appArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    public int port() {
        return port;
    }

    /** The JVM's process id. */
    public long pid() {
        return process.pid();
    }

    /** The command line the operating system reports for the running process (its executable first). */
    public String commandLine() {
        return process.info().commandLine().orElse(process.info().command().orElse("?"));
    }

    /** SIGKILL (on Linux {@link Process#destroyForcibly()} is {@code kill -9}) and waits until the JVM is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the ledger (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM (an orderly shutdown); SIGKILL if it has not ended within 60 s. */
    public void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** Everything the current start printed. */
    public String log() throws IOException {
        return log == null ? "" : Files.readString(log, StandardCharsets.UTF_8);
    }

    /** The last lines of the current start's log, for failure messages. */
    public String logTail() {
        if (log == null) {
            return "(no log)";
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
