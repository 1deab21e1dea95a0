package org.basinledger.api.ledger;

/** Answers the {@link LedgerKeyView} of the key that signs the tree heads. */
public record FindLedgerKeyQuery() {
}
