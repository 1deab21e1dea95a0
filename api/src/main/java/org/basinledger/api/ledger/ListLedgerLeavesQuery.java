package org.basinledger.api.ledger;

/**
 * Answers a {@link LedgerLeafPage}: the leaves of the latest signed tree from {@code from} on, at most {@code limit}
 * (a default when not positive). {@code withData} adds each leaf's canonical data, which holds the event's payload
 * and metadata: only for a caller who may read every event (the registrar), as drafts are not public.
 */
public record ListLedgerLeavesQuery(long from, int limit, boolean withData) {
}
