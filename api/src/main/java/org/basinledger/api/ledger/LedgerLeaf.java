package org.basinledger.api.ledger;

/**
 * One leaf of the integrity log, for export: its place, the event it logs, its hash (lowercase hex) and the
 * canonical {@link LeafData leaf data} recomputed from the store now (base64; null when the event is gone). An
 * auditor recomputes {@code H(0x00 || leafData)} and compares it with {@code leafHash} and the signed roots.
 */
public record LedgerLeaf(long leafIndex, String eventId, String leafHash, String leafData) {
}
