package org.basinledger.auditor;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

import org.basinledger.api.ledger.LeafData;
import org.basinledger.api.ledger.Rfc6962;
import org.basinledger.api.ledger.SignedTreeHead;
import org.basinledger.api.ledger.StoredEvent;

/**
 * Checks a log leaf by leaf as it streams by (from an export file, or from the ledger while exporting): each leaf's
 * canonical data ({@link LeafData}) must hash to its leaf hash and name its event; the leaves, in order, must rebuild
 * the root of the signed head, and the roots of any saved heads on the way. Memory: O(log n).
 */
final class ExportVerifier {

    private static final HexFormat HEX = HexFormat.of();

    private final SignedTreeHead head;
    private final TreeMap<Long, SignedTreeHead> checkpoints = new TreeMap<>();
    private final MerkleAccumulator tree = new MerkleAccumulator();
    private final List<String> mismatches = new ArrayList<>();
    private long mismatchCount;
    private long withData;
    private Long firstWithoutData;
    private Long firstWithData;

    /**
     * @param head  the signed head the leaves must rebuild (its signature checked by the caller)
     * @param saved heads saved before: the first leaves must rebuild their roots too
     */
    ExportVerifier(SignedTreeHead head, List<SignedTreeHead> saved) {
        this.head = head;
        for (SignedTreeHead s : saved) {
            if (s.treeSize() > 0 && s.treeSize() <= head.treeSize()) {
                checkpoints.putIfAbsent(s.treeSize(), s);
            }
        }
    }

    /**
     * The next leaf.
     *
     * @param leafData base64 canonical leaf data, or null when the export holds the hash only
     * @throws AuditFailure (export) when the leaf is out of order or beyond the head
     */
    void accept(long leafIndex, String eventId, String leafHash, String leafData) {
        long expected = tree.size();
        if (leafIndex != expected) {
            throw AuditFailure.export("leaf " + expected + " is missing: the next leaf is " + leafIndex
                    + (mismatches.isEmpty() ? "" : "; before that: " + mismatches.get(0)));
        }
        if (leafIndex >= head.treeSize()) {
            throw AuditFailure.export("leaf " + leafIndex + " is beyond the signed head of " + head.treeSize()
                    + " leaves");
        }
        byte[] hash;
        try {
            hash = HEX.parseHex(leafHash);
            if (hash.length != Rfc6962.HASH_SIZE || !leafHash.equals(HEX.formatHex(hash))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            mismatch("leaf " + leafIndex + " (event " + eventId + "): its leaf hash is not 64 lowercase hex digits: "
                    + leafHash);
            hash = new byte[Rfc6962.HASH_SIZE];
        }
        if (leafData == null) {
            if (firstWithoutData == null) {
                firstWithoutData = leafIndex;
            }
        } else {
            withData++;
            if (firstWithData == null) {
                firstWithData = leafIndex;
            }
            hash = checkData(leafIndex, eventId, leafHash, leafData, hash);
        }
        tree.add(hash);
        SignedTreeHead checkpoint = checkpoints.get(tree.size());
        if (checkpoint != null) {
            String root = HEX.formatHex(tree.root());
            if (!root.equals(checkpoint.rootHash())) {
                mismatch("the first " + tree.size() + " leaves rebuild the root " + root + ", but your saved head ("
                        + Heads.describe(checkpoint) + ") has " + checkpoint.rootHash()
                        + ": the log was rewritten within its first " + tree.size() + " leaves");
            }
        }
    }

    /** Answers the hash that goes into the tree: the one recomputed from the data. */
    private byte[] checkData(long leafIndex, String eventId, String leafHash, String leafData, byte[] listed) {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(leafData);
        } catch (IllegalArgumentException e) {
            mismatch("leaf " + leafIndex + " (event " + eventId + "): its data is not base64");
            return listed;
        }
        byte[] recomputed = Rfc6962.leafHash(data);
        if (!HEX.formatHex(recomputed).equals(leafHash)) {
            mismatch("leaf " + leafIndex + " (event " + eventId + "): its canonical data hashes to "
                    + HEX.formatHex(recomputed) + ", but the leaf hash is " + leafHash
                    + ": the event's bytes differ from what was logged");
        }
        try {
            StoredEvent event = LeafData.decode(data);
            if (!event.eventIdentifier().equals(eventId)) {
                mismatch("leaf " + leafIndex + ": its data is the event " + event.eventIdentifier()
                        + ", but the leaf names the event " + eventId);
            }
        } catch (IllegalArgumentException e) {
            mismatch("leaf " + leafIndex + " (event " + eventId + "): its data is not a " + LeafData.FORMAT + " leaf: "
                    + e.getMessage());
        }
        return recomputed;
    }

    private void mismatch(String message) {
        mismatchCount++;
        if (mismatches.size() < 10) {
            mismatches.add(message);
        }
    }

    /** The outcome. */
    record Result(long leaves, long withData, long mismatchCount, List<String> mismatches, String root) {

        boolean ok() {
            return mismatchCount == 0;
        }

        boolean hashesOnly() {
            return withData == 0;
        }
    }

    Result finish() {
        String root = HEX.formatHex(tree.root());
        if (tree.size() != head.treeSize()) {
            mismatch("the export ends after " + tree.size() + " leaves, but its head covers " + head.treeSize()
                    + ": leaves " + tree.size() + ".." + (head.treeSize() - 1) + " are missing");
        } else if (!root.equals(head.rootHash())) {
            mismatch("the " + tree.size() + " leaves rebuild the root " + root + ", but the signed head has "
                    + head.rootHash());
        }
        if (withData > 0 && firstWithoutData != null) {
            mismatch("leaf " + firstWithoutData + " has no data while " + withData + " leaves have"
                    + " (first with data: leaf " + firstWithData + "): its event is gone from the store, or the"
                    + " export was edited");
        }
        return new Result(tree.size(), withData, mismatchCount, List.copyOf(mismatches), root);
    }
}
