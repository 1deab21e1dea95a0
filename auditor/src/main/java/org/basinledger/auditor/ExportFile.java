package org.basinledger.auditor;

/**
 * The export format, JSON lines (UTF-8, one JSON object a line):
 *
 * <pre>
 * {"format": "basin-ledger-export:v1", "ledger": "http://…", "exportedAt": "…", "keyId": "…",
 *  "head": {"treeSize": n, "rootHash": "…", "timestamp": "…", "keyId": "…", "signature": "…"}}
 * {"leafIndex": 0, "eventId": "…", "leafHash": "…", "leafData": "base64 or null"}
 * … n leaf lines, in leaf order
 * </pre>
 *
 * {@code keyId} is the key the exporter pinned; the verifier still uses its own pinned key. {@code leafData} is the
 * canonical leaf encoding ({@code LeafData}) of the event, which the ledger shows to the registrar only; without it
 * the export holds the leaf hashes and proves the tree, not the events' bytes.
 */
final class ExportFile {

    static final String FORMAT = "basin-ledger-export:v1";

    private ExportFile() {
    }
}
