package org.basinledger.auditor;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The Basin Ledger auditor: a party's own check of the ledger, with only its public API and the ledger's public key
 * pinned by the party. See docs/auditor.md.
 */
@Command(name = "basin-ledger-auditor", mixinStandardHelpOptions = true,
        versionProvider = Auditor.Version.class,
        description = {"Checks a Basin Ledger with only its public API and its public key, pinned by you: its"
                + " signed head, its consistency with the heads you saved before, the inclusion of events; exports"
                + " the whole log and verifies such an export off-line.",
                "Fails loudly: a non-zero exit and a message on stderr on any mismatch. See docs/auditor.md."},
        subcommands = {KeyCommand.class, CheckCommand.class, InclusionCommand.class, ExportCommand.class,
                VerifyExportCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  ok",
                "  1  internal error (a bug in the tool)",
                "  2  bad input: options, key, state or export file",
                "  3  network or HTTP error, or an answer that is not the ledger's API",
                "  4  signature failure: a head does not verify with the pinned key",
                "  5  inconsistent log: rewritten, rolled back or truncated since a saved head",
                "  6  inclusion failure: a leaf or event is not proven to be in the signed tree",
                "  7  export verification failure: leaf data, leaves or root differ from the head"})
public final class Auditor implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Choose a command.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /** Runs the tool with these streams; answers the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Auditor());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            if (e instanceof AuditFailure failure) {
                err.println("FAILED (" + ExitCodes.name(failure.exitCode()) + ", exit " + failure.exitCode() + "): "
                        + failure.getMessage());
                err.flush();
                return failure.exitCode();
            }
            err.println("FAILED (internal error, exit " + ExitCodes.INTERNAL + "): " + e);
            e.printStackTrace(err);
            err.flush();
            return ExitCodes.INTERNAL;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Auditor.class.getPackage().getImplementationVersion();
            if (version == null) {
                try (java.io.InputStream in = Auditor.class.getResourceAsStream(
                        "/META-INF/maven/org.basinledger/basin-ledger-auditor/pom.properties")) {
                    if (in != null) {
                        java.util.Properties properties = new java.util.Properties();
                        properties.load(in);
                        version = properties.getProperty("version");
                    }
                } catch (java.io.IOException ignored) {
                    // no version to show
                }
            }
            return new String[] {"basin-ledger-auditor " + (version == null ? "(development build)" : version)};
        }
    }
}
