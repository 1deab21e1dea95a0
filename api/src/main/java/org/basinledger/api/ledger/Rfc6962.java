package org.basinledger.api.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Merkle tree of RFC 6962 / RFC 9162 with SHA-256: a leaf hashes as {@code H(0x00 || data)}, an inner node as
 * {@code H(0x01 || left || right)}, the empty tree as {@code H()}; a tree of n &gt; 1 leaves splits at the largest
 * power of two smaller than n. Pure JDK, so an auditor's tool can verify heads and proofs with this class alone.
 *
 * <p>Proofs are generated over any {@link Subtrees source of subtree hashes}: a list of leaf hashes in memory
 * ({@link #inMemory}), or a store that keeps every complete, aligned subtree. Every range the RFC recursion asks
 * for is either such a complete subtree or the right edge of one, {@link #completeSubtrees made of} at most
 * log2(n) complete ones; a proof therefore needs O(log n) stored hashes ({@link #inclusionRanges},
 * {@link #consistencyRanges} list them up front, so a store can fetch them at once).
 *
 * <p>Verification follows RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency).
 */
public final class Rfc6962 {

    /** Bytes of a SHA-256 hash. */
    public static final int HASH_SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private Rfc6962() {
    }

    /** The hash of the leaves {@code [start, end)} of a tree, as a source answers it. */
    @FunctionalInterface
    public interface Subtrees {
        byte[] hash(long start, long end);
    }

    /** The leaves {@code [start, end)}; a complete subtree when its size is a power of two and start a multiple of it. */
    public record Range(long start, long end) {

        public Range {
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("not a range of leaves: [" + start + ", " + end + ")");
            }
        }

        public long size() {
            return end - start;
        }

        /** For a complete subtree: its height above the leaves. */
        public int level() {
            return Long.numberOfTrailingZeros(size());
        }

        /** For a complete subtree: its position among the subtrees of its level, counted from 0 at the left. */
        public long index() {
            return start >> level();
        }

        public boolean isComplete() {
            return Long.bitCount(size()) == 1 && start % size() == 0;
        }
    }

    /** MTH of the empty tree: SHA-256 of nothing. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** {@code H(0x00 || data)}. */
    public static byte[] leafHash(byte[] data) {
        MessageDigest digest = sha256();
        digest.update(LEAF_PREFIX);
        digest.update(data);
        return digest.digest();
    }

    /** {@code H(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update(NODE_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** MTH over the given leaf hashes (not leaf data). */
    public static byte[] root(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return emptyRoot();
        }
        return inMemory(leafHashes).hash(0, leafHashes.size());
    }

    /** A source of subtree hashes over leaf hashes held in memory: the reference the stored tree must equal. */
    public static Subtrees inMemory(List<byte[]> leafHashes) {
        Map<Range, byte[]> memo = new HashMap<>();
        return new Subtrees() {
            @Override
            public byte[] hash(long start, long end) {
                if (end - start == 1) {
                    return leafHashes.get((int) start);
                }
                Range range = new Range(start, end);
                byte[] known = memo.get(range);
                if (known == null) {
                    long k = split(end - start);
                    known = nodeHash(hash(start, start + k), hash(start + k, end));
                    memo.put(range, known);
                }
                return known;
            }
        };
    }

    /** The largest power of two smaller than {@code n}, for {@code n > 1}: where a tree of n leaves splits. */
    public static long split(long n) {
        if (n < 2) {
            throw new IllegalArgumentException("a tree of " + n + " leaves does not split");
        }
        return Long.highestOneBit(n - 1);
    }

    /**
     * The complete, aligned subtrees that make up a range the RFC recursion visits (a range whose start is a
     * multiple of the smallest power of two not below its size), largest first: one for a complete subtree, at
     * most log2(size) + 1 for the right edge of a tree.
     */
    public static List<Range> completeSubtrees(Range range) {
        List<Range> parts = new ArrayList<>();
        long start = range.start();
        long remaining = range.size();
        while (remaining > 0) {
            long part = Long.highestOneBit(remaining);
            parts.add(new Range(start, start + part));
            start += part;
            remaining -= part;
        }
        return parts;
    }

    /** The hash of a range from the hashes of its {@link #completeSubtrees complete subtrees}, largest first. */
    public static byte[] foldSubtrees(List<byte[]> completeSubtreeHashes) {
        byte[] hash = completeSubtreeHashes.get(completeSubtreeHashes.size() - 1);
        for (int i = completeSubtreeHashes.size() - 2; i >= 0; i--) {
            hash = nodeHash(completeSubtreeHashes.get(i), hash);
        }
        return hash;
    }

    /** The ranges whose hashes form the audit path of leaf {@code index} in a tree of {@code size} (RFC 6962 §2.1.1), leaf side first. */
    public static List<Range> inclusionRanges(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        long start = 0;
        long end = size;
        List<Range> outerFirst = new ArrayList<>();
        while (end - start > 1) {
            long k = split(end - start);
            if (index < start + k) {
                outerFirst.add(new Range(start + k, end));
                end = start + k;
            } else {
                outerFirst.add(new Range(start, start + k));
                start = start + k;
            }
        }
        List<Range> path = new ArrayList<>(outerFirst.size());
        for (int i = outerFirst.size() - 1; i >= 0; i--) {
            path.add(outerFirst.get(i));
        }
        return path;
    }

    /** The ranges whose hashes form the consistency proof from {@code first} to {@code second} leaves (RFC 6962 §2.1.2). */
    public static List<Range> consistencyRanges(long first, long second) {
        if (first < 0 || first > second) {
            throw new IllegalArgumentException("no consistency proof from " + first + " to " + second);
        }
        List<Range> proof = new ArrayList<>();
        if (first == 0 || first == second) {
            return proof;
        }
        subproof(first, 0, second, true, proof);
        return proof;
    }

    private static void subproof(long m, long start, long end, boolean whole, List<Range> proof) {
        long n = end - start;
        if (m == n) {
            if (!whole) {
                proof.add(new Range(start, end));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, start, start + k, whole, proof);
            proof.add(new Range(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, proof);
            proof.add(new Range(start, start + k));
        }
    }

    /** The audit path of leaf {@code index} in a tree of {@code size}, leaf side first. */
    public static List<byte[]> inclusionProof(long index, long size, Subtrees subtrees) {
        return hashes(inclusionRanges(index, size), subtrees);
    }

    /** The consistency proof from the tree of {@code first} leaves to the tree of {@code second} leaves. */
    public static List<byte[]> consistencyProof(long first, long second, Subtrees subtrees) {
        return hashes(consistencyRanges(first, second), subtrees);
    }

    private static List<byte[]> hashes(List<Range> ranges, Subtrees subtrees) {
        return ranges.stream().map(r -> subtrees.hash(r.start(), r.end())).toList();
    }

    /** RFC 9162 §2.1.3.2: whether {@code path} proves the leaf with {@code leafHash} at {@code index} in the tree with {@code root}. */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size || leafHash == null || root == null || path == null) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (p == null || sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * RFC 9162 §2.1.4.2: whether {@code proof} shows that the tree of {@code first} leaves with {@code firstRoot} is a
     * prefix of the tree of {@code second} leaves with {@code secondRoot}. Equal sizes need an empty proof and equal
     * roots; a first size of 0 (the empty tree is a prefix of every tree) an empty proof.
     */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
                                            List<byte[]> proof) {
        if (first < 0 || first > second || proof == null || firstRoot == null || secondRoot == null) {
            return false;
        }
        if (first == 0) {
            return proof.isEmpty();
        }
        if (first == second) {
            return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
        }
        if (proof.isEmpty() || proof.stream().anyMatch(p -> p == null)) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstRoot);
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
