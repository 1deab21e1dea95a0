package org.basinledger.query.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.ledger.ConsistencyProof;
import org.basinledger.api.ledger.FindConsistencyProofQuery;
import org.basinledger.api.ledger.FindInclusionProofQuery;
import org.basinledger.api.ledger.FindTreeHeadQuery;
import org.basinledger.api.ledger.InclusionProof;
import org.basinledger.api.ledger.LeafData;
import org.basinledger.api.ledger.LedgerLeafPage;
import org.basinledger.api.ledger.ListTreeHeadsQuery;
import org.basinledger.api.ledger.Rfc6962;
import org.basinledger.api.ledger.SignedTreeHead;
import org.basinledger.api.ledger.VerificationReport;
import org.basinledger.api.ledger.VerificationReport.Kind;
import org.basinledger.query.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The stored integrity log against a real database; subclasses choose H2 or PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IntegrityLogContract {

    private static final HexFormat HEX = HexFormat.of();

    private TestDatabase db;
    private EventStoreTable events;
    private MerkleStore store;
    private IntegrityLog integrityLog;
    private LedgerVerifier verifier;
    private LedgerQueries queries;
    private TestSigner signer;
    private MemoryLastSignedHead lastSigned;

    abstract TestDatabase openDatabase();

    abstract boolean postgres();

    @BeforeAll
    void openDb() {
        db = openDatabase();
        db.assumeAvailable();
        events = new EventStoreTable(db.jdbc(), postgres());
        events.create();
    }

    @AfterAll
    void closeDb() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void setUp() {
        db.assumeAvailable();
        events.clean();
        signer = new TestSigner();
        store = new MerkleStore(db.jdbc());
        StoredEvents stored = new StoredEvents(db.jdbc());
        lastSigned = new MemoryLastSignedHead();
        integrityLog = new IntegrityLog(db.jdbc(), store, stored, signer, lastSigned);
        verifier = new LedgerVerifier(db.jdbc(), store, stored, signer, lastSigned, Clock.systemUTC(), Duration.ZERO);
        queries = new LedgerQueries(store, stored, verifier, signer);
    }

    /** Logs the events in batches of random sizes; answers the leaf hashes in log order. */
    private List<byte[]> logInBatches(List<String> ids, Random random) {
        int at = 0;
        while (at < ids.size()) {
            int batch = Math.min(ids.size() - at, 1 + random.nextInt(12));
            integrityLog.append(ids.subList(at, at + batch));
            at += batch;
        }
        return leafHashes();
    }

    private List<byte[]> leafHashes() {
        return db.jdbc().queryForList("SELECT leaf_hash FROM ledger_leaf ORDER BY leaf_index", Map.of(), byte[].class);
    }

    @Test
    void storedProofsEqualTheReferenceForEverySignedSize() {
        Random random = new Random(20250301);
        List<String> ids = events.store("AG-1", 137);
        List<byte[]> leaves = logInBatches(ids, random);
        assertThat(leaves).hasSize(137);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(leaves.get(i)).isEqualTo(LeafData.leafHash(new StoredEvents(db.jdbc())
                    .byIdentifiers(List.of(ids.get(i))).get(ids.get(i)).event()));
        }
        Rfc6962.Subtrees reference = Rfc6962.inMemory(leaves);
        List<SignedTreeHead> heads = queries.handle(new ListTreeHeadsQuery(0, 1000)).items();
        assertThat(heads).isNotEmpty();
        assertThat(heads.get(heads.size() - 1).treeSize()).isEqualTo(137);
        for (SignedTreeHead head : heads) {
            assertThat(head.isSignedBy(signer.publicKey())).as("signature of %s", head).isTrue();
            assertThat(head.keyId()).isEqualTo(signer.keyId());
            byte[] root = Rfc6962.root(leaves.subList(0, (int) head.treeSize()));
            assertThat(head.rootHash()).isEqualTo(HEX.formatHex(root));
            assertThat(store.root(head.treeSize())).isEqualTo(root);
        }
        for (int round = 0; round < 200; round++) {
            SignedTreeHead second = heads.get(random.nextInt(heads.size()));
            SignedTreeHead first = heads.get(random.nextInt(heads.size()));
            if (first.treeSize() > second.treeSize()) {
                SignedTreeHead swap = first;
                first = second;
                second = swap;
            }
            long leaf = random.nextInt((int) second.treeSize());
            InclusionProof inclusion = queries.handle(new FindInclusionProofQuery(leaf, second.treeSize()));
            assertThat(inclusion.auditPath()).isEqualTo(hex(Rfc6962.inclusionProof(leaf, second.treeSize(), reference)));
            assertThat(inclusion.leafHash()).isEqualTo(HEX.formatHex(leaves.get((int) leaf)));
            assertThat(inclusion.verifies(second.rootHash())).isTrue();
            ConsistencyProof consistency = queries.handle(new FindConsistencyProofQuery(first.treeSize(),
                    second.treeSize()));
            assertThat(consistency.proof()).isEqualTo(hex(Rfc6962.consistencyProof(first.treeSize(),
                    second.treeSize(), reference)));
            assertThat(consistency.verifies(first.rootHash(), second.rootHash())).isTrue();
        }
        InclusionProof latest = queries.handle(new FindInclusionProofQuery(0, null));
        assertThat(latest.treeSize()).isEqualTo(137);
    }

    @Test
    void aHeadSignedWhileAVerificationRunsIsNoMismatch() {
        List<String> ids = events.store("AG-1", 12);
        integrityLog.append(ids.subList(0, 10));
        // the log processor appends and signs between the verifier's reads
        LastSignedHead appendingMeanwhile = new LastSignedHead() {
            private boolean appended;

            @Override
            public Optional<Head> last() {
                if (!appended) {
                    appended = true;
                    integrityLog.append(ids.subList(10, 12));
                }
                return lastSigned.last();
            }

            @Override
            public void record(Head head) {
                lastSigned.record(head);
            }
        };
        LedgerVerifier during = new LedgerVerifier(db.jdbc(), store, new StoredEvents(db.jdbc()), signer,
                appendingMeanwhile, Clock.systemUTC(), Duration.ZERO);
        VerificationReport report = during.verify();
        assertThat(report.ok()).as(String.valueOf(report.firstMismatch())).isTrue();
    }

    @Test
    void aProofReadsOnlyLogarithmicallyManyStoredSubtrees() {
        List<String> ids = events.store("AG-1", 300);
        integrityLog.append(ids);
        long nodes = db.jdbc().getJdbcOperations().queryForObject("SELECT COUNT(*) FROM ledger_node", Long.class);
        assertThat(nodes).isEqualTo(300 - Long.bitCount(300));
        for (long leaf : List.of(0L, 150L, 299L)) {
            long complete = Rfc6962.inclusionRanges(leaf, 300).stream()
                    .mapToLong(r -> Rfc6962.completeSubtrees(r).size()).sum();
            assertThat(complete).isLessThanOrEqualTo(2L * (64 - Long.numberOfLeadingZeros(300)));
        }
    }

    @Test
    void anEventIsNeverLoggedTwiceAndAnUnknownEventIsRefused() {
        List<String> ids = events.store("AG-1", 5);
        integrityLog.append(ids.subList(0, 3));
        assertThatThrownBy(() -> integrityLog.append(List.of(ids.get(3), ids.get(1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ids.get(1)).hasMessageContaining("twice");
        assertThatThrownBy(() -> integrityLog.append(List.of(ids.get(3), ids.get(3))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> integrityLog.append(List.of("no-such-event")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-event");
        assertThat(store.size()).isEqualTo(3);
        integrityLog.append(ids.subList(3, 5));
        assertThat(store.size()).isEqualTo(5);
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void badProofRequestsNameTheirField() {
        assertThatThrownBy(() -> queries.handle(new FindInclusionProofQuery(0, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field())
                        .isEqualTo("treeSize"));
        List<String> ids = events.store("AG-1", 10);
        integrityLog.append(ids.subList(0, 4));
        integrityLog.append(ids.subList(4, 10));
        assertField(() -> queries.handle(new FindInclusionProofQuery(4, 4L)), "leafIndex");
        assertField(() -> queries.handle(new FindInclusionProofQuery(-1, 4L)), "leafIndex");
        assertField(() -> queries.handle(new FindInclusionProofQuery(0, 11L)), "treeSize");
        assertField(() -> queries.handle(new FindInclusionProofQuery(0, 5L)), "treeSize");
        assertField(() -> queries.handle(new FindInclusionProofQuery(0, 0L)), "treeSize");
        assertField(() -> queries.handle(new FindConsistencyProofQuery(10, 4)), "first");
        assertField(() -> queries.handle(new FindConsistencyProofQuery(0, 4)), "first");
        assertField(() -> queries.handle(new FindConsistencyProofQuery(4, 12)), "second");
        assertThat(queries.handle(new FindConsistencyProofQuery(4, 4)).proof()).isEmpty();
        assertThat(queries.handle(new FindTreeHeadQuery(5L))).isNull();
        assertThat(queries.handle(new FindTreeHeadQuery(4L)).treeSize()).isEqualTo(4);
        assertThat(queries.handle(FindTreeHeadQuery.latest()).treeSize()).isEqualTo(10);
    }

    @Test
    void leavesAreExportedWithTheirDataOnlyWhenAsked() {
        List<String> ids = events.store("AG-1", 7);
        integrityLog.append(ids);
        LedgerLeafPage page = queries.leaves(0, 5, true);
        assertThat(page.items()).hasSize(5);
        assertThat(page.nextFrom()).isEqualTo(5);
        assertThat(page.items().get(2).eventId()).isEqualTo(ids.get(2));
        byte[] data = java.util.Base64.getDecoder().decode(page.items().get(2).leafData());
        assertThat(HEX.formatHex(Rfc6962.leafHash(data))).isEqualTo(page.items().get(2).leafHash());
        assertThat(LeafData.decode(data).eventIdentifier()).isEqualTo(ids.get(2));
        LedgerLeafPage rest = queries.leaves(5, 5, false);
        assertThat(rest.items()).extracting(l -> l.leafIndex()).containsExactly(5L, 6L);
        assertThat(rest.items()).allMatch(l -> l.leafData() == null);
        assertThat(rest.nextFrom()).isNull();
    }

    @Test
    void verificationNamesAChangedByteAndNeverRepairsIt() {
        List<String> ids = events.store("AG-1", 20);
        integrityLog.append(ids.subList(0, 8));
        integrityLog.append(ids.subList(8, 20));
        assertThat(verifier.verify()).satisfies(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.checked()).isEqualTo(20);
            assertThat(r.treeSize()).isEqualTo(20);
            assertThat(r.firstMismatch()).isNull();
        });

        byte[] original = events.payload(ids.get(11));
        byte[] changed = original.clone();
        changed[3] ^= 0x01;
        events.setPayload(ids.get(11), changed);
        VerificationReport report = verifier.verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.checked()).isEqualTo(20);
        assertThat(report.firstMismatch().kind()).isEqualTo(Kind.CHANGED);
        assertThat(report.firstMismatch().leafIndex()).isEqualTo(11);
        assertThat(report.firstMismatch().eventId()).isEqualTo(ids.get(11));
        assertThat(verifier.latest()).contains(report);
        assertThat(events.payload(ids.get(11))).isEqualTo(changed);

        events.setPayload(ids.get(11), original);
        assertThat(verifier.verify().ok()).isTrue();
        assertThat(verifier.latest().orElseThrow().ok()).isTrue();
    }

    @Test
    void verificationReportsMissingReorderedAndExtraEvents() {
        List<String> first = events.store("AG-1", 12);
        integrityLog.append(first.subList(0, 10));
        // events 10 and 11 are stored but not logged yet: beyond the log, not a mismatch
        assertThat(verifier.verify().ok()).isTrue();

        db.jdbc().update("DELETE FROM domain_event_entry WHERE event_identifier = :id", Map.of("id", first.get(6)));
        VerificationReport missing = verifier.verify();
        assertThat(missing.firstMismatch()).satisfies(m -> {
            assertThat(m.kind()).isEqualTo(Kind.MISSING);
            assertThat(m.leafIndex()).isEqualTo(6);
            assertThat(m.eventId()).isEqualTo(first.get(6));
        });
        assertThat(missing.mismatches()).isEqualTo(1);

        events.clean();
        lastSigned.forget();
        List<String> ids = events.store("AG-2", 6);
        integrityLog.append(ids);
        Long g2 = globalIndex(ids.get(2));
        Long g4 = globalIndex(ids.get(4));
        db.jdbc().update("UPDATE domain_event_entry SET global_index = -1 WHERE event_identifier = :id", Map.of("id", ids.get(2)));
        db.jdbc().update("UPDATE domain_event_entry SET global_index = :g WHERE event_identifier = :id", Map.of("g", g2, "id", ids.get(4)));
        db.jdbc().update("UPDATE domain_event_entry SET global_index = :g WHERE event_identifier = :id", Map.of("g", g4, "id", ids.get(2)));
        VerificationReport reordered = verifier.verify();
        assertThat(reordered.firstMismatch().kind()).isEqualTo(Kind.REORDERED);
        assertThat(reordered.firstMismatch().leafIndex()).isEqualTo(2);
        assertThat(reordered.mismatches()).isEqualTo(2);

        events.clean();
        lastSigned.forget();
        List<String> third = events.store("AG-3", 6);
        integrityLog.append(List.of(third.get(0), third.get(1), third.get(3), third.get(4), third.get(5)));
        VerificationReport extra = verifier.verify();
        assertThat(extra.firstMismatch()).satisfies(m -> {
            assertThat(m.kind()).isEqualTo(Kind.EXTRA);
            assertThat(m.leafIndex()).isNull();
            assertThat(m.eventId()).isEqualTo(third.get(2));
        });
    }

    @Test
    void aLeafChangedTogetherWithItsEventIsCaughtByTheSignedRoots() {
        List<String> ids = events.store("AG-1", 9);
        integrityLog.append(ids.subList(0, 4));
        integrityLog.append(ids.subList(4, 9));
        byte[] changed = events.payload(ids.get(5)).clone();
        changed[0] ^= 0x20;
        events.setPayload(ids.get(5), changed);
        byte[] forged = LeafData.leafHash(new StoredEvents(db.jdbc()).byIdentifiers(List.of(ids.get(5)))
                .get(ids.get(5)).event());
        db.jdbc().update("UPDATE ledger_leaf SET leaf_hash = :h WHERE leaf_index = 5", Map.of("h", forged));
        VerificationReport report = verifier.verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.firstMismatch().kind()).isEqualTo(Kind.HEAD);
        assertThat(report.firstMismatch().leafIndex()).isEqualTo(4);

        db.jdbc().update("DELETE FROM ledger_leaf WHERE leaf_index = 7", Map.of());
        VerificationReport gap = verifier.verify();
        assertThat(gap.firstMismatch().kind()).isEqualTo(Kind.MISSING);
        assertThat(gap.firstMismatch().leafIndex()).isEqualTo(7);
    }

    /**
     * The check against the last signed head reads the log's edge once and grows the tree from it: a record of the
     * last head that lags behind the log (a stop between a commit and its record) is checked at that head's size, and
     * an edge subtree gone from the tables refuses the head (the root unknown) as before.
     */
    @Test
    void theLastSignedHeadIsCheckedAtItsSizeAndAMissingEdgeSubtreeRefusesTheHead() {
        List<String> ids = events.store("AG-1", 14);
        integrityLog.append(ids.subList(0, 6));
        MemoryLastSignedHead lagging = new MemoryLastSignedHead();
        lagging.record(lastSigned.last().orElseThrow());
        IntegrityLog lagged = new IntegrityLog(db.jdbc(), store, new StoredEvents(db.jdbc()), signer, lagging);
        integrityLog.append(ids.subList(6, 10));
        lagged.append(ids.subList(10, 12));
        assertThat(store.size()).isEqualTo(12);
        assertThat(lagging.last()).contains(new LastSignedHead.Head(12, HEX.formatHex(store.root(12))));
        assertThat(verifier.verify().ok()).isTrue();

        lastSigned.record(new LastSignedHead.Head(12, HEX.formatHex(store.root(12))));
        // the edge of 12 leaves is [0, 8) and [8, 12)
        db.jdbc().update("DELETE FROM ledger_node WHERE level = 2 AND node_index = 2", Map.of());
        assertThatThrownBy(() -> integrityLog.append(ids.subList(12, 14)))
                .isInstanceOf(SigningRefusedException.class)
                .hasMessageContaining("the log's root at 12 leaves is unknown (")
                .hasMessageContaining("[8, 12)");
        IntegrityLog forgetful = new IntegrityLog(db.jdbc(), store, new StoredEvents(db.jdbc()), signer,
                new MemoryLastSignedHead());
        assertThatThrownBy(() -> forgetful.append(ids.subList(12, 14)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no hash for leaves [8, 12)");
        assertThat(store.size()).isEqualTo(12);
    }

    /**
     * The tampering of issue 10: an event rewritten, the log deleted from its leaf on and re-logged. Without the last
     * signed head the ledger re-signed the rewritten history; with it, it refuses, and the verification names it.
     */
    @Test
    void aLogDeletedFromALeafOnAndReloggedIsNeverReSigned() {
        List<String> ids = events.store("AG-1", 30);
        integrityLog.append(ids.subList(0, 10));
        integrityLog.append(ids.subList(10, 30));
        assertThat(lastSigned.last()).contains(new LastSignedHead.Head(30, HEX.formatHex(store.root(30))));

        byte[] changed = events.payload(ids.get(12)).clone();
        changed[1] ^= 0x04;
        events.setPayload(ids.get(12), changed);
        deleteLogFrom(10);
        assertThatThrownBy(() -> integrityLog.append(ids.subList(10, 30)))
                .isInstanceOf(SigningRefusedException.class)
                .hasMessageContaining("the log has 10 leaves but the ledger signed a head of 30 leaves");
        assertThat(store.size()).isEqualTo(10);
        assertThat(integrityLog.refusal()).hasValueSatisfying(r -> assertThat(r).contains("refuses to sign"));
        VerificationReport report = verifier.verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.firstMismatch().kind()).isEqualTo(Kind.MISSING);
        assertThat(report.firstMismatch().leafIndex()).isEqualTo(10);
        assertThat(report.firstMismatch().detail()).contains("signed a head of 30 leaves");

        // re-logged and signed by a ledger that forgot (as before this check): the next head is refused all the same
        IntegrityLog forgetful = new IntegrityLog(db.jdbc(), store, new StoredEvents(db.jdbc()), signer,
                new MemoryLastSignedHead());
        forgetful.append(ids.subList(10, 30));
        List<String> more = events.store("AG-2", 3);
        assertThatThrownBy(() -> integrityLog.append(more))
                .isInstanceOf(SigningRefusedException.class)
                .hasMessageContaining("the log's root at 30 leaves is " + HEX.formatHex(store.root(30)))
                .hasMessageContaining("rewritten");
        assertThat(store.size()).isEqualTo(30);
        VerificationReport rewritten = verifier.verify();
        assertThat(rewritten.ok()).isFalse();
        assertThat(rewritten.firstMismatch().kind()).isEqualTo(Kind.HEAD);
        assertThat(rewritten.firstMismatch().detail()).contains("the log was rewritten");

        // a log deleted whole is refused too
        deleteLogFrom(0);
        assertThatThrownBy(() -> integrityLog.append(ids.subList(0, 30))).isInstanceOf(SigningRefusedException.class);
        assertThat(store.size()).isZero();
    }

    /** Deletes the leaves from {@code leaf} on, the subtrees over them and the heads beyond {@code leaf}. */
    private void deleteLogFrom(long leaf) {
        db.jdbc().update("DELETE FROM ledger_leaf WHERE leaf_index >= :leaf", Map.of("leaf", leaf));
        for (int level = 1; level < 63; level++) {
            db.jdbc().update("DELETE FROM ledger_node WHERE level = :level AND node_index >= :index",
                    Map.of("level", level, "index", leaf >> level));
        }
        db.jdbc().update("DELETE FROM ledger_head WHERE tree_size > :leaf", Map.of("leaf", leaf));
    }

    private Long globalIndex(String eventId) {
        return db.jdbc().queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = :id",
                Map.of("id", eventId), Long.class);
    }

    private static void assertField(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors().get(0).field()).as(e.getMessage()).isEqualTo(field));
    }

    private static List<String> hex(List<byte[]> hashes) {
        List<String> hex = new ArrayList<>();
        hashes.forEach(h -> hex.add(HEX.formatHex(h)));
        return hex;
    }
}
