package org.basinledger.auditor;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.basinledger.api.ledger.LedgerLeaf;
import org.basinledger.api.ledger.SignedTreeHead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Downloads the current signed head and every leaf it covers into one JSON-lines file, verifying as it goes. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Downloads the ledger's current signed head and all the leaves it covers (paged) into one"
                + " JSON-lines file, with a progress display on stderr.",
                "The head's signature is checked first (and its consistency with the largest saved head, when the"
                + " state file exists); the leaves are verified against it as they arrive.",
                "With the registrar's --token the leaves carry their canonical data, so the export proves the events'"
                + " bytes too; without, only the tree of leaf hashes.",
                "The file is written even when the leaves do not verify (it is the evidence): exit 7 then."})
final class ExportCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    Options.Ledger ledger;

    @Mixin
    Options.Key key;

    @Mixin
    Options.State state;

    @Mixin
    Options.Token token;

    @Mixin
    Options.Quiet quiet;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "<file>", description = "The export file to write.")
    Path out;

    @Option(names = "--page-size", paramLabel = "<n>", defaultValue = "1000",
            description = "Leaves per request, 1..1000 (default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (pageSize < 1 || pageSize > LedgerClient.LEAF_PAGE) {
            throw AuditFailure.badInput("--page-size must be from 1 to " + LedgerClient.LEAF_PAGE);
        }
        PinnedKey pinned = key.pinned();
        LedgerClient client = ledger.client(token.token);
        StateFile saved = Files.exists(state.file) ? StateFile.load(state.file, pinned, client.baseUrl()) : null;

        SignedTreeHead head = client.head();
        pinned.requireSignature(head, "the ledger's current head");
        if (saved != null) {
            saved.largest().ifPresent(s -> Consistency.requireExtends(client, pinned, s, head));
        }
        stdout.println("exporting the head of " + Heads.describe(head) + " (signature verified)");

        ExportVerifier verifier = new ExportVerifier(head, saved == null ? List.of() : saved.distinctBySize());
        Path target = out.toAbsolutePath();
        Path temp;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        } catch (IOException e) {
            throw AuditFailure.badInput("cannot write next to " + out + ": " + e.getMessage());
        }
        Progress progress = new Progress(err, "leaves exported", head.treeSize(), quiet.quiet,
                Progress.stderrIsTerminal());
        try {
            try (BufferedWriter writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                ObjectNode header = JSON.createObjectNode();
                header.put("format", ExportFile.FORMAT);
                header.put("ledger", client.baseUrl());
                header.put("exportedAt", Instant.now().toString());
                header.put("keyId", pinned.keyId());
                header.set("head", Heads.toJson(head));
                line(writer, header);
                long from = 0;
                while (from < head.treeSize()) {
                    int limit = (int) Math.min(pageSize, head.treeSize() - from);
                    List<LedgerLeaf> page = client.leaves(from, limit).items();
                    if (page.isEmpty()) {
                        throw AuditFailure.network("the ledger lists no leaves from " + from + ", though its signed"
                                + " head covers " + head.treeSize());
                    }
                    for (LedgerLeaf leaf : page) {
                        if (leaf.leafIndex() >= head.treeSize()) {
                            break;
                        }
                        if (leaf.leafIndex() != from) {
                            throw AuditFailure.network("asked for leaves from " + from + ", the ledger answered leaf "
                                    + leaf.leafIndex());
                        }
                        ObjectNode json = JSON.createObjectNode();
                        json.put("leafIndex", leaf.leafIndex());
                        json.put("eventId", leaf.eventId());
                        json.put("leafHash", leaf.leafHash());
                        json.put("leafData", leaf.leafData());
                        line(writer, json);
                        verifier.accept(leaf.leafIndex(), leaf.eventId(), leaf.leafHash(), leaf.leafData());
                        from++;
                        progress.advance(1);
                    }
                }
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw AuditFailure.badInput("cannot write " + out + ": " + e.getMessage());
        } finally {
            progress.interrupt();
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort
            }
        }
        progress.finish();
        ExportVerifier.Result result = verifier.finish();
        stdout.println("wrote " + result.leaves() + " leaves to " + out);
        if (!result.ok()) {
            throw AuditFailure.export("the leaves the ledger served do not verify against its signed head ("
                    + result.mismatchCount() + " mismatch(es)); first: " + result.mismatches().get(0)
                    + ". The export is kept in " + out + " as evidence.");
        }
        if (result.hashesOnly() && result.leaves() > 0) {
            err.println("note: the ledger showed no leaf data (it shows it to the registrar only): the export proves"
                    + " the tree of leaf hashes, not the events' bytes");
        }
        stdout.println("OK: the leaves rebuild the signed root " + head.rootHash());
        return ExitCodes.OK;
    }

    private static void line(BufferedWriter writer, ObjectNode json) throws IOException {
        writer.write(JSON.writeValueAsString(json));
        writer.write('\n');
    }
}
