package org.basinledger.auditor;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.basinledger.api.ledger.SignedTreeHead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Fetches the ledger's current head, checks its signature with the pinned key and its consistency with every head
 * saved before, then saves it.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Fetches the ledger's current signed head, verifies its signature with the pinned key, and"
                + " proves it consistent with every head saved in the state file: the same signed head is still"
                + " served for each saved size, and a consistency proof from it to the current head verifies.",
                "Then the same for every head witnesses co-signed, each co-signature verified with the key its"
                + " jurisdiction registered (unless --no-witnesses).",
                "On success the current head is saved; on any failure nothing is saved and the exit code is non-zero.",
                "With no saved heads the current head is trusted on first use (its signature is still checked)."})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Options.Ledger ledger;

    @Mixin
    Options.Key key;

    @Mixin
    Options.State state;

    @Mixin
    Options.Quiet quiet;

    @Option(names = "--latest-only",
            description = "Check only the largest saved head instead of every one. Enough when every earlier check"
                    + " passed (consistency is transitive); checking all also covers heads merged in from elsewhere.")
    boolean latestOnly;

    @Option(names = "--no-save", description = "Do not save the current head.")
    boolean noSave;

    @Option(names = "--head", paramLabel = "<file>",
            description = "A head kept elsewhere, as a JSON file ({treeSize, rootHash, timestamp, keyId, signature}:"
                    + " the answer of /api/v1/ledger/head, or the portal's download); repeatable. Its signature must"
                    + " verify with the pinned key and the current head must extend it, like a saved head.")
    List<Path> keptHeads = new ArrayList<>();

    @Option(names = "--no-witnesses",
            description = "Do not check the heads witnesses co-signed (GET /api/v1/ledger/witnessed-heads): by default"
                    + " every co-signature must verify with its jurisdiction's registered key and the current head"
                    + " must extend every witnessed head.")
    boolean noWitnesses;

    @Option(names = "--witness-key", paramLabel = "<jurisdictionId>=<file|base64>",
            description = "A witness's Ed25519 public key as you got it from that jurisdiction, not from the ledger"
                    + " (a file holding it, PEM or base64 DER, or the base64 DER itself); repeatable. Its"
                    + " co-signatures must verify with this key and the ledger must show this key for it.")
    List<String> witnessKeys = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PinnedKey pinned = key.pinned();
        LedgerClient client = ledger.client();
        StateFile saved = StateFile.load(state.file, pinned, client.baseUrl());
        if (!saved.isEmpty() && saved.ledger() != null && !saved.ledger().equals(client.baseUrl())) {
            err.println("note: the heads in " + state.file + " were saved from " + saved.ledger() + "; checking "
                    + client.baseUrl() + " (the pinned key is the same)");
        }

        SignedTreeHead current = client.head();
        pinned.requireSignature(current, "the ledger's current head");
        out.println("current head: " + Heads.describe(current) + ", signature verified with key " + pinned.keyId());

        List<SignedTreeHead> heads = latestOnly ? saved.largest().map(List::of).orElse(List.of())
                : saved.distinctBySize();
        Progress progress = new Progress(err, "saved heads checked", heads.size(), quiet.quiet || heads.size() < 50,
                Progress.stderrIsTerminal());
        try {
            for (SignedTreeHead head : heads) {
                Consistency.requireExtends(client, pinned, head, current);
                progress.advance(1);
            }
        } finally {
            progress.interrupt();
        }
        if (heads.isEmpty()) {
            out.println("no saved heads in " + state.file + ": the current head is trusted on first use");
        } else {
            out.println("consistent with " + heads.size() + " saved head(s), sizes " + heads.get(0).treeSize()
                    + (heads.size() > 1 ? ".." + heads.get(heads.size() - 1).treeSize() : ""));
        }
        for (Path file : keptHeads) {
            SignedTreeHead kept = readHead(file);
            pinned.requireSignature(kept, "the head in " + file);
            Consistency.requireExtends(client, pinned, kept, current, "kept");
            out.println("consistent with the head in " + file + " (" + Heads.describe(kept) + ")");
        }
        if (!noWitnesses) {
            WitnessCheck.Result witnessed = WitnessCheck.check(client, pinned, current, givenWitnessKeys());
            out.println(witnessed.heads() == 0 ? "no witnessed heads"
                    : "consistent with " + witnessed.heads() + " witnessed head(s), " + witnessed.signatures()
                    + " co-signature(s) by " + witnessed.witnesses() + " jurisdiction(s) verified with their"
                    + " registered keys" + (witnessKeys.isEmpty() ? ""
                    : ", " + witnessed.outOfBand() + " of them with keys given out of band"));
        }
        if (!noSave) {
            boolean added = saved.add(current, Instant.now());
            saved.save();
            out.println(added ? "saved the current head to " + state.file
                    : "the current head was saved before (" + state.file + ")");
        }
        out.println("OK");
        return ExitCodes.OK;
    }

    private Map<String, PinnedKey> givenWitnessKeys() {
        Map<String, PinnedKey> given = new LinkedHashMap<>();
        for (String option : witnessKeys) {
            int equals = option.indexOf('=');
            if (equals <= 0 || equals == option.length() - 1) {
                throw AuditFailure.badInput("--witness-key " + option + ": give it as <jurisdictionId>=<file|base64>");
            }
            String id = option.substring(0, equals).strip();
            PinnedKey key;
            try {
                key = PinnedKey.parse(option.substring(equals + 1));
            } catch (AuditFailure notAKey) {
                throw AuditFailure.badInput("--witness-key " + id + ": " + notAKey.getMessage());
            }
            if (given.put(id, key) != null) {
                throw AuditFailure.badInput("--witness-key " + id + " is given twice");
            }
        }
        return given;
    }

    private static SignedTreeHead readHead(Path file) {
        try {
            return Heads.parse(new ObjectMapper().readTree(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw AuditFailure.badInput("--head " + file + ": cannot read it as JSON: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw AuditFailure.badInput("--head " + file + " is not a signed head: " + e.getMessage());
        }
    }
}
