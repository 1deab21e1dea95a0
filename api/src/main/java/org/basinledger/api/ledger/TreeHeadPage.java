package org.basinledger.api.ledger;

import java.util.List;

/** Signed heads by tree size, ascending; {@code nextAfter} is the last size of a full page (there may be more). */
public record TreeHeadPage(List<SignedTreeHead> items, Long nextAfter) {
}
