package org.basinledger.api.ledger;

/**
 * Answers the {@link InclusionProof} of leaf {@code leafIndex} in the signed tree of {@code treeSize} leaves (the
 * latest signed head when null). Refused as invalid input (field names {@code leafIndex}, {@code treeSize}) when
 * the size was never signed or the leaf is not in that tree.
 */
public record FindInclusionProofQuery(long leafIndex, Long treeSize) {
}
