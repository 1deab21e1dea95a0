package org.basinledger.api.ledger;

/**
 * Answers the {@link ConsistencyProof} between the signed trees of {@code first} and {@code second} leaves. Refused
 * as invalid input (field names {@code first}, {@code second}) unless {@code 0 < first <= second} and both are
 * signed sizes.
 */
public record FindConsistencyProofQuery(long first, long second) {
}
