package org.basinledger.query.integrity;

import static org.basinledger.query.support.EventMessages.instant;
import static org.basinledger.query.support.EventMessages.sqlTime;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.basinledger.api.ledger.Rfc6962;
import org.basinledger.api.ledger.Rfc6962.Range;
import org.basinledger.api.ledger.SignedTreeHead;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * The stored Merkle tree of the integrity log: leaves ({@code ledger_leaf}), the hash of every complete, aligned
 * subtree above them ({@code ledger_node}) and the signed heads ({@code ledger_head}). An append writes each leaf
 * and the at most log2(n) + 1 subtrees it completes; a proof for any size the log had reads only the O(log n)
 * complete subtrees its ranges are made of, in two queries.
 */
@Component
public class MerkleStore {

    private static final HexFormat HEX = HexFormat.of();

    private final NamedParameterJdbcTemplate jdbc;

    public MerkleStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A leaf to append: the event it logs, where the event is stored, and its leaf hash. */
    public record NewLeaf(String eventIdentifier, long globalIndex, byte[] leafHash) {
    }

    /** The tree after an append. */
    public record Appended(long firstLeafIndex, long treeSize, byte[] root) {
    }

    /** The size of the log: that of its latest signed head (every append signs one in the same transaction). */
    public long size() {
        Long size = jdbc.getJdbcOperations().queryForObject("SELECT MAX(tree_size) FROM ledger_head", Long.class);
        return size == null ? 0 : size;
    }

    /**
     * The edge of the tree of the first {@code size} leaves: the stored hash of each complete subtree that covers
     * {@code [0, size)}, one per set bit of {@code size}, by level (read in at most two queries).
     *
     * @throws IllegalStateException when a stored subtree is missing
     */
    public Map<Integer, byte[]> edge(long size) {
        Map<Integer, byte[]> edge = new HashMap<>();
        if (size > 0) {
            List<Range> subtrees = Rfc6962.completeSubtrees(new Range(0, size));
            Map<Range, byte[]> hashes = completeSubtreeHashes(subtrees);
            subtrees.forEach(r -> edge.put(r.level(), hashes.get(r)));
        }
        return edge;
    }

    /** The root of a tree from its {@link #edge}: the same as {@link #root(long)} of its size. */
    public static byte[] root(Map<Integer, byte[]> edge) {
        if (edge.isEmpty()) {
            return Rfc6962.emptyRoot();
        }
        return Rfc6962.foldSubtrees(largestFirst(edge));
    }

    private static List<byte[]> largestFirst(Map<Integer, byte[]> edge) {
        return edge.entrySet().stream()
                .sorted(Map.Entry.<Integer, byte[]>comparingByKey().reversed())
                .map(Map.Entry::getValue)
                .toList();
    }

    /**
     * Appends leaves to a log of {@code size} leaves, with the subtrees they complete, and answers the new root.
     * A leaf index or an event identifier already taken fails on the tables' keys: nothing is ever overwritten.
     */
    public Appended append(long size, List<NewLeaf> leaves) {
        return append(size, edge(size), leaves);
    }

    /**
     * {@link #append(long, List)} onto the {@code edge} of the log of {@code size} leaves as {@link #edge} read it in
     * this transaction (so the caller may check it first without reading it twice).
     */
    public Appended append(long size, Map<Integer, byte[]> edge, List<NewLeaf> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        if (edge.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("an edge of " + edge.size() + " subtrees for a log of " + size
                    + " leaves");
        }
        Map<Integer, byte[]> frontier = new HashMap<>(edge);
        List<SqlParameterSource> leafRows = new ArrayList<>(leaves.size());
        List<SqlParameterSource> nodeRows = new ArrayList<>();
        long index = size;
        for (NewLeaf leaf : leaves) {
            leafRows.add(new MapSqlParameterSource()
                    .addValue("leafIndex", index)
                    .addValue("eventIdentifier", leaf.eventIdentifier())
                    .addValue("globalIndex", leaf.globalIndex())
                    .addValue("leafHash", leaf.leafHash()));
            byte[] hash = leaf.leafHash();
            int level = 0;
            long position = index;
            while ((position & 1) == 1) {
                hash = Rfc6962.nodeHash(frontier.remove(level), hash);
                level++;
                position >>= 1;
                nodeRows.add(new MapSqlParameterSource()
                        .addValue("level", level)
                        .addValue("nodeIndex", position)
                        .addValue("hash", hash));
            }
            frontier.put(level, hash);
            index++;
        }
        jdbc.batchUpdate("INSERT INTO ledger_leaf (leaf_index, event_identifier, global_index, leaf_hash)"
                + " VALUES (:leafIndex, :eventIdentifier, :globalIndex, :leafHash)",
                leafRows.toArray(SqlParameterSource[]::new));
        if (!nodeRows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO ledger_node (level, node_index, hash) VALUES (:level, :nodeIndex, :hash)",
                    nodeRows.toArray(SqlParameterSource[]::new));
        }
        return new Appended(size, index, Rfc6962.foldSubtrees(largestFirst(frontier)));
    }

    /** The root of the tree of the first {@code size} leaves, from stored subtrees. */
    public byte[] root(long size) {
        if (size == 0) {
            return Rfc6962.emptyRoot();
        }
        return hashes(List.of(new Range(0, size))).get(0);
    }

    /** The audit path of leaf {@code index} in the tree of {@code size} leaves (which the log must have reached). */
    public List<byte[]> inclusionProof(long index, long size) {
        return hashes(Rfc6962.inclusionRanges(index, size));
    }

    /** The consistency proof between the trees of {@code first} and {@code second} leaves. */
    public List<byte[]> consistencyProof(long first, long second) {
        return hashes(Rfc6962.consistencyRanges(first, second));
    }

    /** The stored hash of one leaf, if the log has it. */
    public Optional<byte[]> leafHash(long index) {
        List<byte[]> hashes = jdbc.queryForList("SELECT leaf_hash FROM ledger_leaf WHERE leaf_index = :index",
                Map.of("index", index), byte[].class);
        return hashes.stream().findFirst();
    }

    /** The hashes of ranges the RFC recursion visits, each folded from its stored complete subtrees. */
    public List<byte[]> hashes(List<Range> ranges) {
        Set<Range> complete = new LinkedHashSet<>();
        ranges.forEach(r -> complete.addAll(Rfc6962.completeSubtrees(r)));
        Map<Range, byte[]> stored = completeSubtreeHashes(complete);
        return ranges.stream()
                .map(r -> Rfc6962.foldSubtrees(Rfc6962.completeSubtrees(r).stream().map(stored::get).toList()))
                .toList();
    }

    /** The stored hashes of complete subtrees: leaves from {@code ledger_leaf}, the others from {@code ledger_node}. */
    Map<Range, byte[]> completeSubtreeHashes(java.util.Collection<Range> subtrees) {
        Map<Range, byte[]> found = new HashMap<>();
        List<Long> leaves = subtrees.stream().filter(r -> r.size() == 1).map(Range::start).toList();
        if (!leaves.isEmpty()) {
            jdbc.query("SELECT leaf_index, leaf_hash FROM ledger_leaf WHERE leaf_index IN (:leaves)",
                    Map.of("leaves", leaves), rs -> {
                        long leaf = rs.getLong("leaf_index");
                        found.put(new Range(leaf, leaf + 1), rs.getBytes("leaf_hash"));
                    });
        }
        List<Range> nodes = subtrees.stream().filter(r -> r.size() > 1).toList();
        if (!nodes.isEmpty()) {
            // numbers only (levels and indexes of ranges computed here), so written into the statement
            String keys = nodes.stream().map(r -> "(" + r.level() + ", " + r.index() + ")")
                    .collect(Collectors.joining(", "));
            jdbc.getJdbcOperations().query("SELECT level, node_index, hash FROM ledger_node"
                    + " WHERE (level, node_index) IN (" + keys + ")", rs -> {
                        int level = rs.getInt("level");
                        long start = rs.getLong("node_index") << level;
                        found.put(new Range(start, start + (1L << level)), rs.getBytes("hash"));
                    });
        }
        for (Range subtree : subtrees) {
            if (!subtree.isComplete()) {
                throw new IllegalArgumentException(subtree + " is not a complete subtree");
            }
            if (!found.containsKey(subtree)) {
                throw new IllegalStateException("the integrity log has no hash for leaves [" + subtree.start() + ", "
                        + subtree.end() + "): its tables are incomplete or were changed; run a verification");
            }
        }
        return found;
    }

    /** Records a signed head. A size signed before fails on the key: heads are never replaced. */
    public void insertHead(SignedTreeHead head) {
        jdbc.update("INSERT INTO ledger_head (tree_size, root_hash, signed_at, key_id, signature)"
                        + " VALUES (:treeSize, :rootHash, :signedAt, :keyId, :signature)",
                new MapSqlParameterSource()
                        .addValue("treeSize", head.treeSize())
                        .addValue("rootHash", HEX.parseHex(head.rootHash()))
                        .addValue("signedAt", sqlTime(head.timestamp()))
                        .addValue("keyId", head.keyId())
                        .addValue("signature", Base64.getDecoder().decode(head.signature())));
    }

    /** The head signed for {@code treeSize} leaves, if any. */
    public Optional<SignedTreeHead> head(long treeSize) {
        return jdbc.query("SELECT tree_size, root_hash, signed_at, key_id, signature FROM ledger_head"
                + " WHERE tree_size = :size", Map.of("size", treeSize), MerkleStore::head).stream().findFirst();
    }

    /** The latest signed head, if anything was logged. */
    public Optional<SignedTreeHead> latestHead() {
        return jdbc.query("SELECT tree_size, root_hash, signed_at, key_id, signature FROM ledger_head"
                + " WHERE tree_size = (SELECT MAX(tree_size) FROM ledger_head)", Map.of(), MerkleStore::head)
                .stream().findFirst();
    }

    /** Signed heads with a size greater than {@code after}, by size, at most {@code limit}. */
    public List<SignedTreeHead> heads(long after, int limit) {
        return jdbc.query("SELECT tree_size, root_hash, signed_at, key_id, signature FROM ledger_head"
                        + " WHERE tree_size > :after ORDER BY tree_size LIMIT :limit",
                new MapSqlParameterSource().addValue("after", after).addValue("limit", limit), MerkleStore::head);
    }

    private static SignedTreeHead head(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new SignedTreeHead(rs.getLong("tree_size"), HEX.formatHex(rs.getBytes("root_hash")),
                instant(rs, "signed_at"), rs.getString("key_id"),
                Base64.getEncoder().encodeToString(rs.getBytes("signature")));
    }
}
