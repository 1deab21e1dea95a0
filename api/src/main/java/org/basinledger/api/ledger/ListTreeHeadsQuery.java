package org.basinledger.api.ledger;

/** Answers a {@link TreeHeadPage}: the signed heads with a tree size greater than {@code after}, at most {@code limit}. */
public record ListTreeHeadsQuery(long after, int limit) {
}
