package org.basinledger.query.integrity;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.basinledger.api.ledger.LeafData;
import org.basinledger.api.ledger.SignedTreeHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends every event, in the order its processor receives them, as a leaf of the integrity log, and signs a new
 * tree head at the end of each batch. The processor ({@value #PROCESSING_GROUP}: tracking, one segment) commits
 * the leaves, the subtrees, the head and its token in one transaction, so after a crash or a restart it goes on
 * exactly where the last commit left it. A replay never re-logs ({@link DisallowReplay}); an event that is already
 * a leaf, or that is not in the store, fails the batch loudly and the processor retries it: nothing is skipped.
 *
 * <p>The leaf is computed from the event's row in {@code domain_event_entry} (the stored bytes), read for the
 * whole batch at once when the unit of work prepares its commit.
 *
 * <p>It never signs a tree that does not extend the last head it signed ({@link LastSignedHead}, kept outside the
 * database): a log that has fewer leaves than that head, or whose stored subtrees no longer give that head's root,
 * was deleted or rewritten behind the ledger's back. The batch then fails with a {@link SigningRefusedException}
 * (the processor stops and retries, nothing is signed) and {@link #refusal()} says why until a batch signs again.
 */
@Component
@ProcessingGroup(IntegrityLog.PROCESSING_GROUP)
@DisallowReplay
public class IntegrityLog {

    /** The processing group (and tracking processor) of the integrity log. */
    public static final String PROCESSING_GROUP = "integrity-log";

    private static final Logger log = LoggerFactory.getLogger(IntegrityLog.class);
    private static final String PENDING = IntegrityLog.class.getName() + ".pending";

    private final NamedParameterJdbcTemplate jdbc;
    private final MerkleStore store;
    private final StoredEvents storedEvents;
    private final LedgerSigner signer;
    private final LastSignedHead lastSigned;
    private final Clock clock;
    private volatile String refusal;

    @Autowired
    public IntegrityLog(NamedParameterJdbcTemplate jdbc, MerkleStore store, StoredEvents storedEvents,
                        LedgerSigner signer, LastSignedHead lastSigned) {
        this(jdbc, store, storedEvents, signer, lastSigned, Clock.systemUTC());
    }

    public IntegrityLog(NamedParameterJdbcTemplate jdbc, MerkleStore store, StoredEvents storedEvents,
                        LedgerSigner signer, LastSignedHead lastSigned, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.storedEvents = storedEvents;
        this.signer = signer;
        this.lastSigned = lastSigned;
        this.clock = clock;
    }

    /** Why the last batch was refused a head, while no batch has been signed since (in this process). */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    @EventHandler
    void on(EventMessage<?> message) {
        if (!CurrentUnitOfWork.isStarted()) {
            append(List.of(message.getIdentifier()));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<String> pending = unitOfWork.getOrComputeResource(PENDING, key -> {
            List<String> batch = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> append(batch));
            return batch;
        });
        pending.add(message.getIdentifier());
    }

    /**
     * Appends the events, in this order, as the next leaves, and signs the head of the grown tree; in the caller's
     * transaction. Answers the new head (null when there was nothing to append).
     *
     * @throws IllegalStateException when an event is already logged, given twice, or not in the event store
     * @throws SigningRefusedException when the log does not extend the last head signed
     */
    public SignedTreeHead append(List<String> eventIdentifiers) {
        if (eventIdentifiers.isEmpty()) {
            return null;
        }
        long size = store.size();
        // the stored subtrees at the log's edge, read once: checked against the last signed head, then grown
        Map<Integer, byte[]> edge = null;
        IllegalStateException incomplete = null;
        try {
            edge = store.edge(size);
        } catch (IllegalStateException e) {
            incomplete = e;
        }
        checkExtendsLastSigned(size, edge, incomplete);
        Set<String> distinct = new HashSet<>();
        for (String id : eventIdentifiers) {
            if (!distinct.add(id)) {
                throw new IllegalStateException("event " + id + " was delivered twice in one batch:"
                        + " the integrity log refuses to log an event twice");
            }
        }
        List<String> logged = jdbc.query("SELECT event_identifier, leaf_index FROM ledger_leaf"
                        + " WHERE event_identifier IN (:ids) ORDER BY leaf_index", Map.of("ids", eventIdentifiers),
                (rs, i) -> "event " + rs.getString("event_identifier") + " is leaf " + rs.getLong("leaf_index"));
        if (!logged.isEmpty()) {
            throw new IllegalStateException("the integrity log refuses to log an event twice: " + logged.get(0)
                    + (logged.size() > 1 ? " (and " + (logged.size() - 1) + " more of the batch are logged)" : ""));
        }
        Map<String, StoredEvents.Row> rows = storedEvents.byIdentifiers(eventIdentifiers);
        List<MerkleStore.NewLeaf> leaves = new ArrayList<>(eventIdentifiers.size());
        for (String id : eventIdentifiers) {
            StoredEvents.Row row = rows.get(id);
            if (row == null) {
                throw new IllegalStateException("event " + id + " was delivered but is not in domain_event_entry:"
                        + " it cannot be logged from its stored bytes");
            }
            leaves.add(new MerkleStore.NewLeaf(id, row.globalIndex(), LeafData.leafHash(row.event())));
        }
        if (incomplete != null) {
            throw incomplete;
        }
        MerkleStore.Appended appended = store.append(size, edge, leaves);
        SignedTreeHead head = sign(appended.treeSize(), HexFormat.of().formatHex(appended.root()));
        store.insertHead(head);
        recordAfterCommit(new LastSignedHead.Head(head.treeSize(), head.rootHash()));
        refusal = null;
        log.debug("logged leaves {}..{}; signed head of {}", appended.firstLeafIndex(), appended.treeSize() - 1,
                appended.treeSize());
        return head;
    }

    /**
     * The log of {@code size} leaves must have at least the leaves of the last head signed, and its stored subtrees
     * must give that head's root: then every tree grown from it is consistent with it. {@code edge} is the log's
     * edge as stored (null when a subtree of it is missing: {@code incomplete} says which); when the log has just the
     * signed head's size (the usual case: nothing was appended since) its root is that edge's.
     */
    private void checkExtendsLastSigned(long size, Map<Integer, byte[]> edge, IllegalStateException incomplete) {
        Optional<LastSignedHead.Head> last = lastSigned.last();
        if (last.isEmpty()) {
            return;
        }
        long signedSize = last.get().treeSize();
        String why = null;
        if (size < signedSize) {
            why = "the log has " + size + " leaves but the ledger signed a head of " + signedSize + " leaves (root "
                    + last.get().rootHash() + "): leaves or heads were deleted from the database";
        } else {
            String root;
            if (size == signedSize) {
                root = edge != null ? HexFormat.of().formatHex(MerkleStore.root(edge))
                        : "unknown (" + incomplete.getMessage() + ")";
            } else {
                try {
                    root = HexFormat.of().formatHex(store.root(signedSize));
                } catch (IllegalStateException missing) {
                    root = "unknown (" + missing.getMessage() + ")";
                }
            }
            if (!root.equals(last.get().rootHash())) {
                why = "the log's root at " + signedSize + " leaves is " + root + " but the ledger signed "
                        + last.get().rootHash() + " for that size: the log was rewritten in the database";
            }
        }
        if (why != null) {
            refusal = "the integrity log refuses to sign a head: " + why
                    + "; nothing is signed until the database is restored (docs/operations.md, Integrity)";
            log.error(refusal);
            throw new SigningRefusedException(refusal);
        }
    }

    private void recordAfterCommit(LastSignedHead.Head head) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            lastSigned.record(head);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                lastSigned.record(head);
            }
        });
    }

    private SignedTreeHead sign(long treeSize, String rootHash) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        byte[] signature = signer.sign(SignedTreeHead.signedBytes(treeSize, rootHash, now));
        return new SignedTreeHead(treeSize, rootHash, now, signer.keyId(),
                Base64.getEncoder().encodeToString(signature));
    }
}
