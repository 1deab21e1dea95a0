package org.basinledger.auditor;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.basinledger.api.ledger.SignedTreeHead;

/**
 * The heads the party saved: every head a {@code check} verified, in the order saved, in a small JSON file.
 *
 * <pre>
 * {"format": "basin-ledger-auditor-state:v1", "ledger": "http://…", "keyId": "…",
 *  "heads": [{"treeSize": 12, "rootHash": "…", "timestamp": "…", "keyId": "…", "signature": "…",
 *             "savedAt": "…"}, …]}
 * </pre>
 *
 * Saved heads are checked with the pinned key when read, so a state file that was edited (or made under another key)
 * is refused rather than trusted. Written to a temporary file and moved into place, so a crash never leaves half a file.
 */
public final class StateFile {

    public static final String FORMAT = "basin-ledger-auditor-state:v1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A saved head and when it was saved. */
    public record Saved(SignedTreeHead head, Instant savedAt) {
    }

    private final Path file;
    private final String keyId;
    private String ledger;
    private final List<Saved> heads;

    private StateFile(Path file, String ledger, String keyId, List<Saved> heads) {
        this.file = file;
        this.ledger = ledger;
        this.keyId = keyId;
        this.heads = heads;
    }

    /**
     * Reads the state file, or starts an empty one when there is none.
     *
     * @throws AuditFailure bad input when the file is not a state file or belongs to another key; signature when a
     *                      saved head does not verify with the pinned key
     */
    public static StateFile load(Path file, PinnedKey key, String ledger) {
        if (!Files.exists(file)) {
            return new StateFile(file, ledger, key.keyId(), new ArrayList<>());
        }
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw AuditFailure.badInput("the state file " + file + " is not readable JSON: " + e.getMessage()
                    + " (restore it from a backup; do not delete it, it is your evidence)");
        }
        if (json == null || !FORMAT.equals(json.path("format").asText())) {
            throw AuditFailure.badInput(file + " is not an auditor state file (no \"format\": \"" + FORMAT + "\")");
        }
        String savedKeyId = json.path("keyId").asText();
        if (!key.keyId().equals(savedKeyId)) {
            throw AuditFailure.badInput("the state file " + file + " holds heads of the ledger key " + savedKeyId
                    + ", but the pinned key is " + key.keyId() + ": use the key you pinned then, or another --state"
                    + " for another ledger");
        }
        JsonNode array = json.path("heads");
        if (!array.isArray()) {
            throw AuditFailure.badInput("the state file " + file + " has no list of heads");
        }
        List<Saved> heads = new ArrayList<>();
        for (JsonNode entry : array) {
            SignedTreeHead head;
            Instant savedAt;
            try {
                head = Heads.parse(entry);
                savedAt = entry.hasNonNull("savedAt") ? Instant.parse(entry.get("savedAt").asText()) : null;
            } catch (RuntimeException e) {
                throw AuditFailure.badInput("the state file " + file + " holds a head that cannot be read ("
                        + e.getMessage() + "): " + entry);
            }
            if (!key.verifies(head)) {
                throw AuditFailure.signature("the saved head of " + Heads.describe(head) + " in " + file
                        + " does not verify with the pinned key " + key.keyId()
                        + ": the state file was altered, or it was made for another ledger");
            }
            heads.add(new Saved(head, savedAt));
        }
        String savedLedger = json.path("ledger").asText(null);
        return new StateFile(file, savedLedger == null ? ledger : savedLedger, savedKeyId, heads);
    }

    public Path file() {
        return file;
    }

    /** The ledger URL the heads were first saved from. */
    public String ledger() {
        return ledger;
    }

    public List<Saved> heads() {
        return List.copyOf(heads);
    }

    public boolean isEmpty() {
        return heads.isEmpty();
    }

    /** The saved heads, one per tree size (the first saved of each), by size. */
    public List<SignedTreeHead> distinctBySize() {
        List<SignedTreeHead> distinct = new ArrayList<>();
        heads.stream().map(Saved::head).sorted(Comparator.comparingLong(SignedTreeHead::treeSize)).forEach(h -> {
            if (distinct.isEmpty() || distinct.get(distinct.size() - 1).treeSize() != h.treeSize()) {
                distinct.add(h);
            }
        });
        return distinct;
    }

    /** The saved head of the largest tree. */
    public Optional<SignedTreeHead> largest() {
        return heads.stream().map(Saved::head).max(Comparator.comparingLong(SignedTreeHead::treeSize));
    }

    /** Adds a verified head unless the same head (size and root) is saved already; answers whether it was added. */
    public boolean add(SignedTreeHead head, Instant now) {
        boolean known = heads.stream().anyMatch(s -> s.head().treeSize() == head.treeSize()
                && s.head().rootHash().equals(head.rootHash()));
        if (!known) {
            heads.add(new Saved(head, now));
        }
        return !known;
    }

    public void save() {
        ObjectNode json = JSON.createObjectNode();
        json.put("format", FORMAT);
        json.put("ledger", ledger);
        json.put("keyId", keyId);
        ArrayNode array = json.putArray("heads");
        for (Saved saved : heads) {
            ObjectNode entry = Heads.toJson(saved.head());
            if (saved.savedAt() != null) {
                entry.put("savedAt", saved.savedAt().toString());
            }
            array.add(entry);
        }
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            try {
                JSON.writeValue(temp.toFile(), json);
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw AuditFailure.badInput("cannot write the state file " + file + ": " + e.getMessage());
        }
    }
}
