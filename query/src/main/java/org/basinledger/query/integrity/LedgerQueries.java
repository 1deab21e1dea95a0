package org.basinledger.query.integrity;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.axonframework.queryhandling.QueryHandler;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.ledger.ConsistencyProof;
import org.basinledger.api.ledger.FindConsistencyProofQuery;
import org.basinledger.api.ledger.FindInclusionProofQuery;
import org.basinledger.api.ledger.FindLedgerKeyQuery;
import org.basinledger.api.ledger.FindTreeHeadQuery;
import org.basinledger.api.ledger.InclusionProof;
import org.basinledger.api.ledger.LeafData;
import org.basinledger.api.ledger.LedgerKeyView;
import org.basinledger.api.ledger.LedgerLeaf;
import org.basinledger.api.ledger.LedgerLeafPage;
import org.basinledger.api.ledger.ListLedgerLeavesQuery;
import org.basinledger.api.ledger.ListTreeHeadsQuery;
import org.basinledger.api.ledger.SignedTreeHead;
import org.basinledger.api.ledger.TreeHeadPage;
import org.basinledger.api.ledger.VerificationReport;
import org.basinledger.api.ledger.VerifyLedgerQuery;
import org.springframework.stereotype.Component;

/**
 * The integrity log's queries: the key, signed heads, inclusion and consistency proofs for signed sizes, the
 * leaves for export, and verification. Proofs are only given for sizes the ledger signed, so that a client always
 * has a signed root to check them against; anything else is invalid input naming the field.
 */
@Component
public class LedgerQueries {

    /** Page size of leaves and heads when the query asks for none. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page of leaves or heads answered. */
    public static final int MAX_LIMIT = 1000;

    private static final HexFormat HEX = HexFormat.of();

    private final MerkleStore store;
    private final StoredEvents storedEvents;
    private final LedgerVerifier verifier;
    private final LedgerSigner signer;

    public LedgerQueries(MerkleStore store, StoredEvents storedEvents, LedgerVerifier verifier, LedgerSigner signer) {
        this.store = store;
        this.storedEvents = storedEvents;
        this.verifier = verifier;
        this.signer = signer;
    }

    @QueryHandler
    public LedgerKeyView handle(FindLedgerKeyQuery query) {
        return new LedgerKeyView(signer.keyId(), LedgerKeyView.ED25519, signer.publicKey());
    }

    /** The head of the size asked for, or the latest; null when there is none. */
    @QueryHandler
    public SignedTreeHead handle(FindTreeHeadQuery query) {
        return (query.treeSize() == null ? store.latestHead() : store.head(query.treeSize())).orElse(null);
    }

    @QueryHandler
    public TreeHeadPage handle(ListTreeHeadsQuery query) {
        int limit = limit(query.limit());
        List<SignedTreeHead> heads = store.heads(Math.max(0, query.after()), limit);
        return new TreeHeadPage(heads, heads.size() == limit ? heads.get(heads.size() - 1).treeSize() : null);
    }

    @QueryHandler
    public InclusionProof handle(FindInclusionProofQuery query) {
        long latest = store.size();
        long treeSize = query.treeSize() == null ? latest : query.treeSize();
        requireSigned("treeSize", treeSize, latest);
        if (query.leafIndex() < 0 || query.leafIndex() >= treeSize) {
            throw new InvalidInputException("leafIndex", "must be at least 0 and less than treeSize (" + treeSize + ")");
        }
        List<byte[]> path = store.inclusionProof(query.leafIndex(), treeSize);
        byte[] leafHash = store.leafHash(query.leafIndex()).orElseThrow(() -> new IllegalStateException(
                "leaf " + query.leafIndex() + " is gone from the integrity log; run a verification"));
        return new InclusionProof(query.leafIndex(), treeSize, HEX.formatHex(leafHash), hex(path));
    }

    @QueryHandler
    public ConsistencyProof handle(FindConsistencyProofQuery query) {
        long latest = store.size();
        requireSigned("first", query.first(), latest);
        requireSigned("second", query.second(), latest);
        if (query.first() > query.second()) {
            throw new InvalidInputException("first", "must not be larger than second (" + query.second() + ")");
        }
        return new ConsistencyProof(query.first(), query.second(),
                hex(store.consistencyProof(query.first(), query.second())));
    }

    @QueryHandler
    public VerificationReport handle(VerifyLedgerQuery query) {
        return verifier.verify();
    }

    /**
     * Leaves of the latest signed tree from {@code from} on. With {@code withData} the canonical leaf data is
     * recomputed from the store (the event's payload and metadata: only for callers who may read every event).
     */
    public LedgerLeafPage leaves(long from, int limit, boolean withData) {
        if (from < 0) {
            throw new InvalidInputException("from", "must be at least 0");
        }
        int size = limit(limit);
        long treeSize = store.size();
        List<LedgerLeaf> leaves = storedEvents.logged(from, treeSize, size).stream()
                .map(l -> new LedgerLeaf(l.leafIndex(), l.eventIdentifier(), HEX.formatHex(l.leafHash()),
                        withData && l.stored() != null
                                ? Base64.getEncoder().encodeToString(LeafData.encode(l.stored().event()))
                                : null))
                .toList();
        Long nextFrom = leaves.size() == size && leaves.get(leaves.size() - 1).leafIndex() + 1 < treeSize
                ? leaves.get(leaves.size() - 1).leafIndex() + 1 : null;
        return new LedgerLeafPage(leaves, nextFrom);
    }

    /** Leaves with their data: the registrar's export (see {@link #leaves}). */
    @QueryHandler
    public LedgerLeafPage handle(ListLedgerLeavesQuery query) {
        return leaves(query.from(), query.limit(), query.withData());
    }

    private void requireSigned(String field, long size, long latest) {
        if (latest == 0) {
            throw new InvalidInputException(field, "the ledger has signed no tree head yet");
        }
        if (size < 1 || size > latest) {
            throw new InvalidInputException(field, "must be a signed tree size, from 1 to " + latest);
        }
        if (store.head(size).isEmpty()) {
            throw new InvalidInputException(field, "the ledger never signed a tree of " + size
                    + " leaves; the signed sizes are listed at /api/v1/ledger/heads");
        }
    }

    private static int limit(int limit) {
        return limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }
}
