package org.basinledger.auditor;

import java.nio.file.Path;
import java.time.Duration;

import picocli.CommandLine.Option;

/** Options the commands share (picocli mixins). */
final class Options {

    private Options() {
    }

    /** Where the ledger is. */
    static final class Ledger {

        @Option(names = "--ledger", paramLabel = "<url>", defaultValue = "${BASIN_LEDGER_URL:-http://localhost:8080}",
                description = "The ledger's base URL (default: ${DEFAULT-VALUE}; env BASIN_LEDGER_URL).")
        String url;

        @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "30",
                description = "Time limit of each HTTP request, in seconds (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        LedgerClient client(String token) {
            if (timeoutSeconds < 1) {
                throw AuditFailure.badInput("--timeout must be at least 1 second");
            }
            return new LedgerClient(url, token, Duration.ofSeconds(timeoutSeconds));
        }

        LedgerClient client() {
            return client(null);
        }
    }

    /** The ledger's public key as the party pinned it. */
    static final class Key {

        @Option(names = "--key", paramLabel = "<file|base64>", defaultValue = "${BASIN_LEDGER_KEY}",
                description = "The ledger's Ed25519 public key, pinned by you: a file holding it (PEM, base64 DER,"
                        + " or the JSON of /api/v1/ledger/key) or the base64 DER itself (env BASIN_LEDGER_KEY)."
                        + " Never taken from the ledger: compare it out of band once (see `key`).")
        String key;

        PinnedKey pinned() {
            return PinnedKey.parse(key);
        }
    }

    /** The saved heads. */
    static final class State {

        @Option(names = "--state", paramLabel = "<file>",
                defaultValue = "${BASIN_LEDGER_AUDITOR_STATE:-basin-ledger-auditor.json}",
                description = "The file of saved heads (default: ${DEFAULT-VALUE}; env BASIN_LEDGER_AUDITOR_STATE).")
        Path file;
    }

    /** A bearer token, for what is not public. */
    static final class Token {

        @Option(names = "--token", paramLabel = "<token>", defaultValue = "${BASIN_LEDGER_TOKEN}",
                description = "Bearer token (env BASIN_LEDGER_TOKEN, which keeps it out of the shell history).")
        String token;
    }

    /** The progress display. */
    static final class Quiet {

        @Option(names = {"-q", "--quiet"}, description = "No progress display on stderr.")
        boolean quiet;
    }
}
