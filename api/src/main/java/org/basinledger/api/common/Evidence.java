package org.basinledger.api.common;

/**
 * A piece of evidence referenced from the ledger: the SHA-256 (lowercase hex) of a document kept
 * elsewhere, where it can be fetched, and what it is. The ledger stores the hash, never the document.
 */
public record Evidence(String sha256, String uri, String description) {
}
