package org.basinledger.api.report;

/** A photo kept elsewhere: its SHA-256 (lowercase hex) and an absolute http(s) address. The ledger keeps no image. */
public record ReportPhoto(String sha256, String uri) {
}
