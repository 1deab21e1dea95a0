package org.basinledger.auditor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.basinledger.api.ledger.SignedTreeHead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Verifies an export off-line: every leaf from its data, the root, and the head's signature with the pinned key. */
@Command(name = "verify-export", mixinStandardHelpOptions = true,
        description = {"Verifies an export off-line (no network): recomputes every leaf hash from its canonical leaf"
                + " data, rebuilds the Merkle root, compares it with the signed head in the file and verifies that"
                + " head's signature with the pinned key. Reports the first mismatching leaf.",
                "With --state, the first leaves must also rebuild the roots of the heads you saved."})
final class VerifyExportCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    Options.Key key;

    @Mixin
    Options.Quiet quiet;

    @Parameters(index = "0", paramLabel = "<file>", description = "The export file.")
    Path file;

    @Option(names = "--state", paramLabel = "<file>",
            description = "Also check the export against the heads saved in this state file.")
    Path state;

    @Option(names = "--require-data",
            description = "Fail when leaves carry no data (an export made without the registrar's token).")
    boolean requireData;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PinnedKey pinned = key.pinned();
        if (state != null && !Files.isRegularFile(state)) {
            throw AuditFailure.badInput("no state file " + state);
        }
        List<SignedTreeHead> saved = state == null ? List.of()
                : StateFile.load(state, pinned, null).distinctBySize();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonNode header = json(reader.readLine(), 1);
            if (header == null || !ExportFile.FORMAT.equals(header.path("format").asText())) {
                throw AuditFailure.badInput(file + " is not a Basin Ledger export (its first line has no \"format\": \""
                        + ExportFile.FORMAT + "\")");
            }
            SignedTreeHead head;
            try {
                head = Heads.parse(header.get("head"));
            } catch (IllegalArgumentException e) {
                throw AuditFailure.badInput(file + ": the head cannot be read: " + e.getMessage());
            }
            if (!pinned.keyId().equals(header.path("keyId").asText())) {
                err.println("note: the export was made with the key " + header.path("keyId").asText()
                        + " pinned; verifying with yours, " + pinned.keyId());
            }
            pinned.requireSignature(head, "the export's head");
            out.println("export of " + header.path("ledger").asText("?") + " at " + header.path("exportedAt").asText("?")
                    + ": head of " + Heads.describe(head) + ", signature verified with key " + pinned.keyId());

            ExportVerifier verifier = new ExportVerifier(head, saved);
            Progress progress = new Progress(err, "leaves verified", head.treeSize(), quiet.quiet,
                    Progress.stderrIsTerminal());
            try {
                String line;
                long lineNumber = 1;
                while ((line = reader.readLine()) != null) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode leaf = json(line, lineNumber);
                    JsonNode index = leaf.get("leafIndex");
                    if (index == null || !index.isIntegralNumber() || !leaf.path("leafHash").isTextual()) {
                        throw AuditFailure.badInput(file + " line " + lineNumber + " is not a leaf"
                                + " ({leafIndex, eventId, leafHash, leafData})");
                    }
                    JsonNode data = leaf.get("leafData");
                    verifier.accept(index.asLong(), leaf.path("eventId").asText(null), leaf.get("leafHash").asText(),
                            data == null || data.isNull() ? null : data.asText());
                    progress.advance(1);
                }
            } finally {
                progress.interrupt();
            }
            progress.finish();
            ExportVerifier.Result result = verifier.finish();
            if (!result.ok()) {
                throw AuditFailure.export("the export does not verify (" + result.mismatchCount() + " mismatch(es));"
                        + " first: " + String.join("; then: ", result.mismatches()));
            }
            if (result.hashesOnly() && result.leaves() > 0) {
                if (requireData) {
                    throw AuditFailure.export("the export carries no leaf data (made without the registrar's token):"
                            + " the events' bytes cannot be checked, only the tree of leaf hashes");
                }
                err.println("note: the export carries no leaf data: its " + result.leaves() + " leaf hashes rebuild"
                        + " the signed root, but the events' bytes were not checked");
            }
            out.println("OK: " + result.leaves() + " leaves (" + result.withData() + " recomputed from their"
                    + " canonical data) rebuild the root " + result.root() + " of the head signed by " + pinned.keyId()
                    + (saved.isEmpty() ? "" : "; consistent with " + saved.size() + " saved head(s)"));
            return ExitCodes.OK;
        } catch (NoSuchFileException e) {
            throw AuditFailure.badInput("no export file " + file);
        } catch (IOException e) {
            throw AuditFailure.badInput("cannot read " + file + ": " + e.getMessage());
        }
    }

    private JsonNode json(String line, long lineNumber) {
        if (line == null) {
            throw AuditFailure.badInput(file + " is empty");
        }
        try {
            JsonNode json = JSON.readTree(line);
            if (json == null || !json.isObject()) {
                throw new IOException("not a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw AuditFailure.badInput(file + " line " + lineNumber + " is not JSON: " + e.getMessage());
        }
    }
}
