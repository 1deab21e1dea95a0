package org.basinledger.api.ledger;

import java.time.Instant;

/**
 * The outcome of re-reading every logged event from the event store, recomputing its leaf and the roots of the
 * signed heads. {@code ok} when nothing differs; otherwise {@code firstMismatch} names the first difference in leaf
 * order (an event stored outside the log comes after every leaf) and {@code mismatches} counts them.
 *
 * @param treeSize the size of the latest signed head, checked against; 0 before anything was logged
 * @param checked  how many leaves were read back
 */
public record VerificationReport(Instant verifiedAt, long treeSize, String rootHash, long checked, boolean ok,
                                 long mismatches, Mismatch firstMismatch) {

    /** What differs. */
    public enum Kind {
        /** The stored event's bytes no longer hash to its leaf. */
        CHANGED,
        /** The event of a leaf is gone from the store, or a leaf is gone from the log. */
        MISSING,
        /** The event is stored at another position (global index) than when it was logged. */
        REORDERED,
        /** An event is in the store, among those already logged, but not in the log. */
        EXTRA,
        /** A signed head does not match the leaves it covers, or its signature does not verify. */
        HEAD
    }

    /**
     * @param leafIndex the leaf concerned; for {@code HEAD} the first leaf the failing head covers beyond the last
     *                  head that matched; null for {@code EXTRA}
     * @param eventId   the event identifier concerned, when known
     */
    public record Mismatch(Long leafIndex, String eventId, Kind kind, String detail) {
    }
}
