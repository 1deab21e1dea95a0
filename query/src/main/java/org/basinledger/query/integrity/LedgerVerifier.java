package org.basinledger.query.integrity;

import static org.basinledger.query.support.EventMessages.instant;
import static org.basinledger.query.support.EventMessages.sqlTime;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basinledger.api.ledger.LeafData;
import org.basinledger.api.ledger.Rfc6962;
import org.basinledger.api.ledger.SignedTreeHead;
import org.basinledger.api.ledger.VerificationReport;
import org.basinledger.api.ledger.VerificationReport.Kind;
import org.basinledger.api.ledger.VerificationReport.Mismatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Checks the integrity log against the event store: re-reads every logged event in leaf order, recomputes its leaf
 * from the stored bytes and compares it with the logged one, rebuilds the root at every signed size up to the
 * latest head and compares it with the signed root, checks the latest head's signature, and looks for events
 * stored among the logged ones but missing from the log, and that the log still holds the last head the ledger signed
 * ({@link LastSignedHead}, kept outside the database: a log deleted and re-logged from an earlier leaf is caught). Work is O(n) in time and O(log n) in memory (leaves are
 * read page by page). It never repairs anything: each verification is recorded ({@code ledger_verification}) and
 * the latest one decides the integrity health.
 */
@Component
public class LedgerVerifier {

    private static final Logger log = LoggerFactory.getLogger(LedgerVerifier.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final int PAGE = 1000;
    private static final int HEAD_PAGE = 1000;

    private final NamedParameterJdbcTemplate jdbc;
    private final MerkleStore store;
    private final StoredEvents storedEvents;
    private final LedgerSigner signer;
    private final LastSignedHead lastSigned;
    private final Clock clock;
    private final Duration lateEventGrace;

    @Autowired
    public LedgerVerifier(NamedParameterJdbcTemplate jdbc, MerkleStore store, StoredEvents storedEvents,
                          LedgerSigner signer, LastSignedHead lastSigned) {
        this(jdbc, store, storedEvents, signer, lastSigned, Clock.systemUTC(), Duration.ofSeconds(2));
    }

    /**
     * @param lateEventGrace how long an event found in the store but not in the log is given to be logged before it
     *                       counts as {@link Kind#EXTRA} (a transaction that committed late is still on its way)
     */
    public LedgerVerifier(NamedParameterJdbcTemplate jdbc, MerkleStore store, StoredEvents storedEvents,
                          LedgerSigner signer, LastSignedHead lastSigned, Clock clock, Duration lateEventGrace) {
        this.jdbc = jdbc;
        this.store = store;
        this.storedEvents = storedEvents;
        this.signer = signer;
        this.lastSigned = lastSigned;
        this.clock = clock;
        this.lateEventGrace = lateEventGrace;
    }

    /** Runs a verification now, records it and answers its report. */
    public VerificationReport verify() {
        Instant startedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        // the last head signed is read before the log's: it is recorded after its commit, so a head signed while this
        // runs is in the log read next (read the other way round, it looked like leaves gone from the log)
        Optional<LastSignedHead.Head> signedBefore = lastSigned.last();
        Optional<SignedTreeHead> latest = store.latestHead();
        long size = latest.map(SignedTreeHead::treeSize).orElse(0L);
        Findings findings = new Findings();

        Deque<Head> heads = new ArrayDeque<>();
        long headsAfter = 0;
        List<byte[]> edge = new ArrayList<>();
        long built = 0;
        boolean rootKnown = true;
        long lastMatchingHead = 0;
        long maxLoggedGlobalIndex = -1;
        long checked = 0;
        long expected = 0;
        while (expected < size) {
            List<StoredEvents.Logged> page = storedEvents.logged(expected, size, PAGE);
            if (page.isEmpty()) {
                findings.found(new Mismatch(expected, null, Kind.MISSING, "leaves " + expected + " to " + (size - 1)
                        + " of the signed tree of " + size + " are gone from the log"));
                break;
            }
            for (StoredEvents.Logged leaf : page) {
                if (leaf.leafIndex() != expected) {
                    findings.found(new Mismatch(expected, null, Kind.MISSING, "leaves " + expected + " to "
                            + (leaf.leafIndex() - 1) + " are gone from the log"));
                    rootKnown = false;
                    expected = leaf.leafIndex();
                }
                checked++;
                maxLoggedGlobalIndex = Math.max(maxLoggedGlobalIndex, leaf.loggedGlobalIndex());
                byte[] hash = check(leaf, findings);
                built = push(edge, built, hash);
                expected++;
                if (heads.isEmpty() && headsAfter < size) {
                    List<Head> next = heads(headsAfter, size);
                    heads.addAll(next);
                    headsAfter = next.isEmpty() ? size : next.get(next.size() - 1).treeSize();
                }
                while (!heads.isEmpty() && heads.peekFirst().treeSize() <= expected) {
                    Head head = heads.pollFirst();
                    if (head.treeSize() == expected && rootKnown && findings.count == 0) {
                        if (!MessageDigest.isEqual(fold(edge), head.rootHash())) {
                            findings.found(new Mismatch(lastMatchingHead, null, Kind.HEAD, "the signed head of "
                                    + head.treeSize() + " leaves does not match them: a leaf or its event between leaf "
                                    + lastMatchingHead + " and leaf " + (head.treeSize() - 1) + " was changed"));
                        } else {
                            lastMatchingHead = head.treeSize();
                        }
                    }
                }
            }
        }
        checkLastSigned(size, signedBefore, findings);
        latest.ifPresent(head -> checkSignature(head, findings));
        if (maxLoggedGlobalIndex >= 0) {
            checkForEventsOutsideTheLog(maxLoggedGlobalIndex, findings);
        }
        VerificationReport report = new VerificationReport(startedAt, size, latest.map(SignedTreeHead::rootHash)
                .orElse(HEX.formatHex(Rfc6962.emptyRoot())), checked, findings.count == 0, findings.count,
                findings.first);
        record(report);
        if (report.ok()) {
            log.info("integrity verification: {} leaves of the signed tree of {} match the event store", checked, size);
        } else {
            log.error("integrity verification FAILED: {} mismatch(es); first: {}", findings.count, findings.first);
        }
        return report;
    }

    /** The latest recorded verification, if any ran. */
    public Optional<VerificationReport> latest() {
        return jdbc.query("SELECT verified_at, tree_size, root_hash, checked, ok, mismatches, mismatch_kind,"
                + " leaf_index, event_identifier, detail FROM ledger_verification"
                + " WHERE id = (SELECT MAX(id) FROM ledger_verification)", Map.of(), LedgerVerifier::report)
                .stream().findFirst();
    }

    private static byte[] check(StoredEvents.Logged leaf, Findings findings) {
        if (leaf.stored() == null) {
            findings.found(new Mismatch(leaf.leafIndex(), leaf.eventIdentifier(), Kind.MISSING,
                    "event " + leaf.eventIdentifier() + " of leaf " + leaf.leafIndex() + " is gone from the event store"));
            return leaf.leafHash();
        }
        byte[] recomputed = LeafData.leafHash(leaf.stored().event());
        if (!MessageDigest.isEqual(recomputed, leaf.leafHash())) {
            findings.found(new Mismatch(leaf.leafIndex(), leaf.eventIdentifier(), Kind.CHANGED,
                    "event " + leaf.eventIdentifier() + " as stored hashes to " + HEX.formatHex(recomputed)
                            + ", leaf " + leaf.leafIndex() + " logged " + HEX.formatHex(leaf.leafHash())));
        } else if (leaf.stored().globalIndex() != leaf.loggedGlobalIndex()) {
            findings.found(new Mismatch(leaf.leafIndex(), leaf.eventIdentifier(), Kind.REORDERED,
                    "event " + leaf.eventIdentifier() + " is stored at global index " + leaf.stored().globalIndex()
                            + ", it was at " + leaf.loggedGlobalIndex() + " when logged as leaf " + leaf.leafIndex()));
        }
        return recomputed;
    }

    /** The log must still have the last head signed, with the root signed: it is never shortened or replaced. */
    private void checkLastSigned(long size, Optional<LastSignedHead.Head> last, Findings findings) {
        if (last.isEmpty()) {
            return;
        }
        long signedSize = last.get().treeSize();
        if (size < signedSize) {
            findings.found(new Mismatch(size, null, Kind.MISSING, "the ledger signed a head of " + signedSize
                    + " leaves (root " + last.get().rootHash() + ") but the log's latest head has " + size
                    + ": leaves " + size + " to " + (signedSize - 1) + " and their heads are gone from the log"));
            return;
        }
        String stored = store.head(signedSize).map(SignedTreeHead::rootHash).orElse(null);
        if (!last.get().rootHash().equals(stored)) {
            findings.found(new Mismatch(signedSize - 1, null, Kind.HEAD, "the ledger signed root "
                    + last.get().rootHash() + " for " + signedSize + " leaves but the log's head of that size "
                    + (stored == null ? "is gone" : "has root " + stored) + ": the log was rewritten"));
        }
    }

    private void checkSignature(SignedTreeHead head, Findings findings) {
        if (!head.keyId().equals(signer.keyId()) || !head.isSignedBy(signer.publicKey())) {
            findings.found(new Mismatch(head.treeSize() - 1, null, Kind.HEAD, "the signature of the latest head (tree of "
                    + head.treeSize() + ", key " + head.keyId() + ") does not verify with the ledger's key "
                    + signer.keyId()));
        }
    }

    private void checkForEventsOutsideTheLog(long maxLoggedGlobalIndex, Findings findings) {
        List<String> outside = eventsOutsideTheLog(maxLoggedGlobalIndex);
        if (outside.isEmpty()) {
            return;
        }
        // a transaction that committed after later ones is logged when it arrives: give it a moment
        long deadline = System.nanoTime() + lateEventGrace.toNanos();
        while (!outside.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            outside = eventsOutsideTheLog(maxLoggedGlobalIndex);
        }
        for (String row : outside) {
            String[] parts = row.split(" ", 2);
            findings.found(new Mismatch(null, parts[1], Kind.EXTRA, "event " + parts[1] + " is stored at global index "
                    + parts[0] + ", among the logged events, but is not in the log"));
        }
    }

    private List<String> eventsOutsideTheLog(long maxLoggedGlobalIndex) {
        return jdbc.query("SELECT e.global_index, e.event_identifier FROM domain_event_entry e"
                        + " WHERE e.global_index <= :max AND NOT EXISTS"
                        + " (SELECT 1 FROM ledger_leaf l WHERE l.event_identifier = e.event_identifier)"
                        + " ORDER BY e.global_index",
                Map.of("max", maxLoggedGlobalIndex),
                (rs, i) -> rs.getLong("global_index") + " " + rs.getString("event_identifier"));
    }

    private record Head(long treeSize, byte[] rootHash) {
    }

    private List<Head> heads(long after, long upTo) {
        return jdbc.query("SELECT tree_size, root_hash FROM ledger_head WHERE tree_size > :after AND tree_size <= :upTo"
                        + " ORDER BY tree_size LIMIT :limit",
                Map.of("after", after, "upTo", upTo, "limit", HEAD_PAGE),
                (rs, i) -> new Head(rs.getLong("tree_size"), rs.getBytes("root_hash")));
    }

    /** Adds a leaf to the right edge of complete subtrees (largest first) of a tree of {@code size} leaves. */
    private static long push(List<byte[]> edge, long size, byte[] leafHash) {
        byte[] hash = leafHash;
        for (long s = size; (s & 1) == 1; s >>= 1) {
            hash = Rfc6962.nodeHash(edge.remove(edge.size() - 1), hash);
        }
        edge.add(hash);
        return size + 1;
    }

    private static byte[] fold(List<byte[]> edge) {
        return Rfc6962.foldSubtrees(edge);
    }

    private void record(VerificationReport report) {
        Mismatch first = report.firstMismatch();
        String detail = first == null || first.detail() == null ? null
                : first.detail().substring(0, Math.min(1000, first.detail().length()));
        jdbc.update("INSERT INTO ledger_verification (verified_at, tree_size, root_hash, checked, ok, mismatches,"
                        + " mismatch_kind, leaf_index, event_identifier, detail) VALUES (:verifiedAt, :treeSize,"
                        + " :rootHash, :checked, :ok, :mismatches, :kind, :leafIndex, :eventId, :detail)",
                new MapSqlParameterSource()
                        .addValue("verifiedAt", sqlTime(report.verifiedAt()))
                        .addValue("treeSize", report.treeSize())
                        .addValue("rootHash", report.rootHash())
                        .addValue("checked", report.checked())
                        .addValue("ok", report.ok())
                        .addValue("mismatches", report.mismatches())
                        .addValue("kind", first == null ? null : first.kind().name(), Types.VARCHAR)
                        .addValue("leafIndex", first == null ? null : first.leafIndex(), Types.BIGINT)
                        .addValue("eventId", first == null ? null : first.eventId(), Types.VARCHAR)
                        .addValue("detail", detail, Types.VARCHAR));
    }

    private static VerificationReport report(ResultSet rs, int row) throws SQLException {
        String kind = rs.getString("mismatch_kind");
        Mismatch first = kind == null ? null : new Mismatch(rs.getObject("leaf_index", Long.class),
                rs.getString("event_identifier"), Kind.valueOf(kind), rs.getString("detail"));
        return new VerificationReport(instant(rs, "verified_at"), rs.getLong("tree_size"), rs.getString("root_hash"),
                rs.getLong("checked"), rs.getBoolean("ok"), rs.getLong("mismatches"), first);
    }

    /** The mismatches of one verification: how many, and the first. */
    private static final class Findings {
        private long count;
        private Mismatch first;

        void found(Mismatch mismatch) {
            count++;
            if (first == null) {
                first = mismatch;
            }
        }
    }
}
