package org.basinledger.api.ledger;

/**
 * Answers the {@link SignedTreeHead} of {@code treeSize} leaves, or the latest one when {@code treeSize} is null;
 * null when there is no such head (nothing logged yet, or a size the ledger never signed).
 */
public record FindTreeHeadQuery(Long treeSize) {

    public static FindTreeHeadQuery latest() {
        return new FindTreeHeadQuery(null);
    }
}
