package org.basinledger.auditor;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import org.basinledger.api.ledger.InclusionProof;
import org.basinledger.api.ledger.LeafData;
import org.basinledger.api.ledger.LedgerLeaf;
import org.basinledger.api.ledger.LedgerLeafPage;
import org.basinledger.api.ledger.Rfc6962;
import org.basinledger.api.ledger.SignedTreeHead;
import org.basinledger.api.ledger.StoredEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Proves chosen leaves or events to be in the ledger's current signed tree: the leaf as listed, and an inclusion
 * proof from it to the signed root.
 */
@Command(name = "inclusion", mixinStandardHelpOptions = true,
        description = {"Proves that chosen leaves or events are in the ledger's current signed tree: fetches the"
                + " current head (signature checked with the pinned key; consistency checked with the largest saved"
                + " head, if any), the leaf (GET /leaves) and an inclusion proof against that head, and verifies it.",
                "When the leaf's data is shown (registrar token), also recomputes the leaf hash from it.",
                "Every target is checked; exit 6 when any is not proven."})
final class InclusionCommand implements Callable<Integer> {

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

    @Option(names = "--leaf", paramLabel = "<index>", description = "A leaf index (repeatable).")
    List<Long> leaves = new ArrayList<>();

    @Option(names = "--event", paramLabel = "<eventId>",
            description = "An event identifier (repeatable): found by reading the listed leaves.")
    List<String> events = new ArrayList<>();

    @Option(names = "--agreement", paramLabel = "<agreementId>",
            description = "Every event of an agreement's history (repeatable; the history gives each event's leaf"
                    + " index; needs --token of a party, mediator or the registrar).")
    List<String> agreements = new ArrayList<>();

    /** A leaf to prove, with the event it must log when known, and why it is checked. */
    private record Target(long leafIndex, String eventId, String label) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (leaves.isEmpty() && events.isEmpty() && agreements.isEmpty()) {
            throw AuditFailure.badInput("name what to prove: --leaf <index>, --event <eventId> or --agreement <id>");
        }
        if (!agreements.isEmpty() && (token.token == null || token.token.isBlank())) {
            throw AuditFailure.badInput("--agreement reads the agreement's history: give --token (or"
                    + " BASIN_LEDGER_TOKEN) of a party, mediator or the registrar");
        }
        PinnedKey pinned = key.pinned();
        LedgerClient client = ledger.client(token.token);
        StateFile saved = StateFile.load(state.file, pinned, client.baseUrl());

        SignedTreeHead head = client.head();
        pinned.requireSignature(head, "the ledger's current head");
        saved.largest().ifPresent(s -> Consistency.requireExtends(client, pinned, s, head));
        out.println("proving against the head of " + Heads.describe(head) + " (signature verified"
                + (saved.isEmpty() ? "" : ", consistent with the largest saved head") + ")");

        List<Target> targets = new ArrayList<>();
        for (long leaf : leaves) {
            if (leaf < 0 || leaf >= head.treeSize()) {
                throw AuditFailure.badInput("leaf " + leaf + " is not in the signed tree of " + head.treeSize()
                        + " leaves (indexes 0.." + (head.treeSize() - 1) + ")");
            }
            targets.add(new Target(leaf, null, "leaf " + leaf));
        }
        targets.addAll(findEvents(client, head, err));
        for (String agreement : agreements) {
            targets.addAll(history(client, agreement));
        }

        int failed = 0;
        String first = null;
        for (Target target : targets) {
            try {
                String event = prove(client, head, target);
                out.println("OK      " + target.label() + ": leaf " + target.leafIndex() + " (event " + event
                        + ") is in the signed tree of " + head.treeSize() + " leaves");
            } catch (AuditFailure failure) {
                if (failure.exitCode() != ExitCodes.INCLUSION) {
                    throw failure;
                }
                failed++;
                first = first == null ? failure.getMessage() : first;
                out.println("FAILED  " + target.label() + ": " + failure.getMessage());
            }
        }
        if (failed > 0) {
            throw AuditFailure.inclusion(failed + " of " + targets.size() + " not proven to be in the signed tree of "
                    + Heads.describe(head) + "; first: " + first);
        }
        out.println("OK: " + targets.size() + " leaf/leaves proven");
        return ExitCodes.OK;
    }

    /** Checks one target; answers the event the leaf logs. */
    private static String prove(LedgerClient client, SignedTreeHead head, Target target) {
        long index = target.leafIndex();
        if (index < 0 || index >= head.treeSize()) {
            throw AuditFailure.inclusion("leaf " + index + " is not in the signed tree of " + head.treeSize()
                    + " leaves");
        }
        LedgerLeafPage page = client.leaves(index, 1);
        LedgerLeaf leaf = page.items().stream().filter(l -> l.leafIndex() == index).findFirst()
                .orElseThrow(() -> AuditFailure.inclusion("the ledger lists no leaf " + index));
        if (target.eventId() != null && !target.eventId().equals(leaf.eventId())) {
            throw AuditFailure.inclusion("leaf " + index + " logs the event " + leaf.eventId() + ", not "
                    + target.eventId());
        }
        if (leaf.leafData() != null) {
            byte[] data;
            try {
                data = Base64.getDecoder().decode(leaf.leafData());
            } catch (IllegalArgumentException e) {
                throw AuditFailure.inclusion("the data of leaf " + index + " is not base64");
            }
            String recomputed = HexFormat.of().formatHex(Rfc6962.leafHash(data));
            if (!recomputed.equals(leaf.leafHash())) {
                throw AuditFailure.inclusion("the stored bytes of event " + leaf.eventId() + " hash to " + recomputed
                        + ", but leaf " + index + " is " + leaf.leafHash()
                        + ": the event changed in the store after it was logged");
            }
            StoredEvent event;
            try {
                event = LeafData.decode(data);
            } catch (IllegalArgumentException e) {
                throw AuditFailure.inclusion("the data of leaf " + index + " is not a " + LeafData.FORMAT + " leaf: "
                        + e.getMessage());
            }
            if (!event.eventIdentifier().equals(leaf.eventId())) {
                throw AuditFailure.inclusion("the data of leaf " + index + " is the event " + event.eventIdentifier()
                        + ", but the leaf is listed as " + leaf.eventId());
            }
        }
        InclusionProof proof = client.inclusion(index, head.treeSize());
        if (proof.leafIndex() != index || proof.treeSize() != head.treeSize()) {
            throw AuditFailure.inclusion("asked for a proof of leaf " + index + " in the tree of " + head.treeSize()
                    + ", the ledger answered one of leaf " + proof.leafIndex() + " in the tree of " + proof.treeSize());
        }
        if (!proof.leafHash().equals(leaf.leafHash())) {
            throw AuditFailure.inclusion("the proof is for the leaf hash " + proof.leafHash() + ", but leaf " + index
                    + " is listed with " + leaf.leafHash());
        }
        if (!proof.verifies(head.rootHash())) {
            throw AuditFailure.inclusion("the inclusion proof of leaf " + index + " (event " + leaf.eventId() + ", "
                    + proof.auditPath().size() + " hashes) does not lead to the signed root " + head.rootHash()
                    + " (RFC 9162 §2.1.3.2)");
        }
        return leaf.eventId();
    }

    /** The leaves of the events asked for, found by reading the listed leaves from the first. */
    private List<Target> findEvents(LedgerClient client, SignedTreeHead head, PrintWriter err) {
        if (events.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new LinkedHashSet<>(events);
        Map<String, Long> found = new LinkedHashMap<>();
        Progress progress = new Progress(err, "leaves searched", head.treeSize(), quiet.quiet,
                Progress.stderrIsTerminal());
        long from = 0;
        try {
            while (from < head.treeSize() && found.size() < wanted.size()) {
                int limit = (int) Math.min(LedgerClient.LEAF_PAGE, head.treeSize() - from);
                List<LedgerLeaf> page = client.leaves(from, limit).items();
                if (page.isEmpty()) {
                    break;
                }
                for (LedgerLeaf leaf : page) {
                    if (leaf.leafIndex() < head.treeSize() && wanted.contains(leaf.eventId())) {
                        found.putIfAbsent(leaf.eventId(), leaf.leafIndex());
                    }
                }
                long next = page.get(page.size() - 1).leafIndex() + 1;
                if (next <= from) {
                    throw AuditFailure.network("the ledger listed leaves out of order from " + from);
                }
                progress.advance(next - from);
                from = next;
            }
        } finally {
            progress.interrupt();
        }
        List<Target> targets = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : wanted) {
            Long leaf = found.get(id);
            if (leaf == null) {
                missing.add(id);
            } else {
                targets.add(new Target(leaf, id, "event " + id));
            }
        }
        if (!missing.isEmpty()) {
            throw AuditFailure.inclusion("no leaf of the signed tree of " + head.treeSize() + " leaves logs the event(s) "
                    + String.join(", ", missing) + " (an event written just now may not be logged yet: retry)");
        }
        return targets;
    }

    /** Every event of an agreement's history, with the leaf index the history shows. */
    private static List<Target> history(LedgerClient client, String agreementId) {
        List<Target> targets = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = client.history(agreementId, after, 500);
            JsonNode items = page.path("items");
            if (!items.isArray()) {
                throw AuditFailure.network("the history of agreement " + agreementId + " has no items");
            }
            for (JsonNode item : items) {
                String eventId = item.path("eventId").asText(null);
                String label = "agreement " + agreementId + " #" + item.path("sequence").asText() + " "
                        + item.path("type").asText();
                if (!item.path("leafIndex").isIntegralNumber()) {
                    throw AuditFailure.inclusion(label + " (event " + eventId + ") has no leaf in the log yet"
                            + " (the log may be a moment behind: retry)");
                }
                targets.add(new Target(item.path("leafIndex").asLong(), eventId, label));
            }
            JsonNode next = page.path("nextAfter");
            if (!next.isIntegralNumber() || items.isEmpty() || next.asLong() <= after) {
                return targets;
            }
            after = next.asLong();
        }
    }
}
