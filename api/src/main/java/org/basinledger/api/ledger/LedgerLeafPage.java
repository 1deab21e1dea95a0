package org.basinledger.api.ledger;

import java.util.List;

/** Leaves from a leaf index on, in order; {@code nextFrom} is where the next page starts, null after the last leaf. */
public record LedgerLeafPage(List<LedgerLeaf> items, Long nextFrom) {
}
