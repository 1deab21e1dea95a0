package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerProcess;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Two packaged ledgers on one data directory (H2 file mode allows one process per database file): the second
 * exits non-zero with {@code LockedDataDirectoryFailureAnalyzer}'s one sentence and what to do, and no stack trace.
 */
class LockedDataDirectoryIT {

    @Test
    void aSecondLedgerOnALockedDataDirectoryExitsWithOneClearSentenceAndNoStackTrace() throws Exception {
        Path scratch = Files.createTempDirectory("basin-ledger-locked-");
        System.out.println("locked data directory test, data and logs: " + scratch + " (deleted if the test passes)");
        Path dataDir = scratch.resolve("data");
        List<String> args = List.of("--ledger.data-dir=" + dataDir,
                "--ledger.registrar-token=" + LedgerDriver.REGISTRAR_TOKEN);
        try (LedgerProcess first = new LedgerProcess(args, Files.createDirectories(scratch.resolve("first")));
             LedgerProcess second = new LedgerProcess(args, Files.createDirectories(scratch.resolve("second")))) {
            first.start();

            int exit = second.runUntilExit();
            String log = second.log();

            assertThat(exit).as(log).isNotZero();
            assertThat(log).contains("The data directory " + dataDir
                    + " is in use by another Basin Ledger process (its database file is locked).")
                    .contains("Stop the other ledger first, or start this one with another --ledger.data-dir.");
            assertThat(log.lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by")).toList())
                    .as("no stack trace in:\n" + log).isEmpty();
            // the first ledger still serves after the failed start
            assertThat(new Http(first.port()).get("/actuator/health/readiness").send().status()).isEqualTo(200);
            first.stop();
        }
        FileSystemUtils.deleteRecursively(scratch);
    }
}
