package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.Scenarios;
import org.junit.jupiter.api.Test;

/**
 * The crash between a command's commit and its recorded answer, for real: the packaged application
 * ({@code target/basin-ledger.jar}, built by {@code mvn verify} before the integration tests) runs as a child process
 * with the test-only fault {@code HALT_AFTER_COMMIT} armed, so the JVM halts right after the transfer's command
 * committed and before any answer. Restarted on the same data, a retry with the same key gets the "applied" answer
 * with the transfer's location (the key is recovered once older than {@code ledger.idempotency.recovery-after}),
 * and there is exactly one transfer, one {@code TransferCreated} and one leaf for it; the ledger verifies.
 */
abstract class IdempotencyCrashContract {

    /** The settings that put the child on this database (and its data directory). */
    abstract List<String> database(Path dataDir);

    @Test
    void aRetryAfterACrashBetweenTheCommitAndTheAnswerIsAnsweredAppliedAndNothingAppliesTwice() throws Exception {
        Path jar = Path.of("target", "basin-ledger.jar");
        assertThat(jar).as("the packaged application (run through mvn verify)").exists();
        Path dataDir = Path.of("target", "it-data", "crash-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dataDir);
        int port = freePort();
        Http http = new Http(port);
        LedgerDriver ledger = new LedgerDriver(http);
        String key = "crash-" + UUID.randomUUID();

        Process first = start(jar, dataDir, port, "first", "--ledger.test.fault-injection=true",
                "--ledger.test.fault=HALT_AFTER_COMMIT");
        Government anhui;
        Government zhejiang;
        String agreementId;
        Map<String, Object> transfer;
        try {
            awaitReady(http, first, dataDir.resolve("first.log"));
            anhui = ledger.register("CN-AH");
            zhejiang = ledger.register("CN-ZJ");
            Government ministry = ledger.register("CN-MOF");
            agreementId = Scenarios.signedInForce(ledger, Scenarios.xinan(anhui, zhejiang, ministry), anhui,
                    zhejiang, ministry);
            transfer = Map.of("agreementId", agreementId, "payee", anhui.id(), "amount", Scenarios.cny("2500000.00"),
                    "reason", "Joint dredging of the Jiekou reach, Zhejiang's share");
            String token = zhejiang.token();
            assertThatThrownBy(() -> http.post("/api/v1/transfers", transfer).token(token)
                    .header("Idempotency-Key", key).send())
                    .as("the process dies before it answers").isInstanceOf(UncheckedIOException.class);
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("the process halted").isTrue();
            assertThat(first.exitValue()).as("halted by the fault").isEqualTo(86);
        } finally {
            first.destroyForcibly();
        }

        Process second = start(jar, dataDir, port, "second", "--ledger.read-after-write-timeout=1s",
                "--ledger.idempotency.recovery-after=2s");
        try {
            awaitReady(http, second, dataDir.resolve("second.log"));
            String token = zhejiang.token();
            Http.Answer[] retry = new Http.Answer[1];
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                retry[0] = http.post("/api/v1/transfers", transfer).token(token).header("Idempotency-Key", key).send();
                return retry[0].status() != 409;
            });
            assertThat(retry[0].status()).as(retry[0].toString()).isEqualTo(202);
            assertThat(retry[0].header("Idempotent-Replayed")).isEqualTo("true");
            String location = retry[0].header("Location");
            assertThat(location).startsWith("/api/v1/transfers/");
            String transferId = location.substring(location.lastIndexOf('/') + 1);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Http.Answer read = http.get(location).token(token).send();
                assertThat(read.status()).as(read.toString()).isEqualTo(200);
                assertThat(read.json().path("amount").path("amount").asText()).isEqualTo("2500000.00");
            });

            Http.Answer again = http.post("/api/v1/transfers", transfer).token(token).header("Idempotency-Key", key)
                    .send();
            assertThat(again.status()).isEqualTo(202);
            assertThat(again.header("Location")).isEqualTo(location);

            JsonNode transfers = http.get("/api/v1/transfers?agreementId=" + agreementId + "&party=" + zhejiang.id())
                    .token(token).send().json().path("items");
            assertThat(transfers).as("Zhejiang's transfers").extracting(t -> t.path("id").asText())
                    .containsExactly(transferId);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode history = http.get("/api/v1/agreements/" + agreementId + "/history?limit=500")
                        .token(LedgerDriver.REGISTRAR_TOKEN).send().json().path("items");
                List<JsonNode> created = new ArrayList<>();
                List<JsonNode> ofTransfer = new ArrayList<>();
                history.forEach(e -> {
                    if ("TransferCreated".equals(e.path("type").asText())
                            && e.path("payload").toString().contains(zhejiang.id())) {
                        created.add(e);
                    }
                    if (transferId.equals(e.path("aggregateId").asText())) {
                        ofTransfer.add(e);
                    }
                });
                assertThat(created).as("transfers Zhejiang created").extracting(e -> e.path("aggregateId").asText())
                        .containsExactly(transferId);
                assertThat(ofTransfer).extracting(e -> e.path("type").asText()).containsExactly("TransferCreated");
                assertThat(history).allSatisfy(e -> assertThat(e.path("leafIndex").isIntegralNumber())
                        .as("every event has its leaf: " + e).isTrue());
                JsonNode verification = http.get("/api/v1/ledger/verification").token(LedgerDriver.REGISTRAR_TOKEN)
                        .send().json();
                assertThat(verification.path("ok").asBoolean()).as(verification.toString()).isTrue();
                assertThat(http.get("/api/v1/ledger/head").send().json().path("treeSize").asLong())
                        .isEqualTo(verification.path("treeSize").asLong());
            });
        } finally {
            second.destroy();
            if (!second.waitFor(30, TimeUnit.SECONDS)) {
                second.destroyForcibly();
            }
        }
    }

    private Process start(Path jar, Path dataDir, int port, String name, String... extra) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java,
                "-Xmx384m", "-jar", jar.toAbsolutePath().toString(), "--server.port=" + port,
                "--ledger.data-dir=" + dataDir, "--ledger.registrar-token=" + LedgerDriver.REGISTRAR_TOKEN));
        command.addAll(database(dataDir));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve(name + ".log").toFile()).start();
    }

    private static void awaitReady(Http http, Process process, Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the application stopped while starting:\n" + tail(log));
            }
            try {
                if (http.get("/actuator/health").send().status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the application did not start within 300 s:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
