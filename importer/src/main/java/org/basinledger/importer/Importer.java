package org.basinledger.importer;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The Basin Ledger importer: backfills years of monitoring samples from CSV through the ledger's batch endpoint
 * ({@code POST /api/v1/agreements/{id}/monitoring-reports/batch}), so every report passes the same rules as one sent
 * by hand; and generates the benchmark's data set. See docs/importer.md.
 */
@Command(name = "basin-ledger-importer", mixinStandardHelpOptions = true,
        version = "basin-ledger-importer 0.1.0",
        description = {"Backfills monitoring samples from CSV into a Basin Ledger, as monthly reports per section,"
                + " through its batch endpoint: resumable (run it again after a stop: nothing is recorded twice),"
                + " with a progress bar. See docs/importer.md."},
        subcommands = {ImportCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  every report is in the ledger (now or before)",
                "  1  internal error (a bug in the tool)",
                "  2  bad input: options, CSV file or state file",
                "  3  the ledger could not be reached, or kept failing, or refused the token",
                "  4  the ledger refused some reports (listed on stderr and in <state>.refused.jsonl); the rest is in"})
public final class Importer implements Callable<Integer> {

    static final int OK = 0;
    static final int INTERNAL = 1;
    static final int BAD_INPUT = 2;
    static final int UNREACHABLE = 3;
    static final int REFUSED = 4;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Choose a command: import or generate.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_INPUT;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /** Runs the tool with these streams; answers the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Importer());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            if (e instanceof ImportFailure failure) {
                err.println("FAILED (exit " + failure.exitCode() + "): " + failure.getMessage());
                err.flush();
                return failure.exitCode();
            }
            err.println("FAILED (internal error, exit " + INTERNAL + "): " + e);
            e.printStackTrace(err);
            err.flush();
            return INTERNAL;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** A failure the tool explains in one sentence, with its exit code. */
    static final class ImportFailure extends RuntimeException {
        private final int exitCode;

        ImportFailure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }
}
