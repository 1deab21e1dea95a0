package org.basinledger.auditor;

import java.util.ArrayList;
import java.util.List;

import org.basinledger.api.ledger.Rfc6962;

/**
 * The root of an RFC 6962 tree computed while its leaf hashes stream by, in O(log n) memory: the hashes of the
 * complete, aligned subtrees covering the leaves so far (largest first), merged with {@link Rfc6962#nodeHash} as they
 * complete and folded into the root with {@link Rfc6962#foldSubtrees}; the hashing itself is {@link Rfc6962}'s.
 */
public final class MerkleAccumulator {

    private final List<byte[]> hashes = new ArrayList<>();
    private final List<Integer> levels = new ArrayList<>();
    private long size;

    public void add(byte[] leafHash) {
        byte[] hash = leafHash;
        int level = 0;
        while (!levels.isEmpty() && levels.get(levels.size() - 1) == level) {
            hash = Rfc6962.nodeHash(hashes.remove(hashes.size() - 1), hash);
            levels.remove(levels.size() - 1);
            level++;
        }
        hashes.add(hash);
        levels.add(level);
        size++;
    }

    public long size() {
        return size;
    }

    /** The root of the tree of the leaves added so far (the empty tree's when none). */
    public byte[] root() {
        return size == 0 ? Rfc6962.emptyRoot() : Rfc6962.foldSubtrees(hashes);
    }
}
