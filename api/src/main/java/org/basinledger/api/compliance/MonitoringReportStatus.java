package org.basinledger.api.compliance;

/**
 * Where a monitoring report stands: {@code ACCEPTED} (counts in assessments; every report starts so),
 * {@code DISPUTED} (under an open dispute: left out of assessments until the ruling), {@code REJECTED} (a ruling
 * upheld the claim against it: it stays on record but is out of assessments for good).
 */
public enum MonitoringReportStatus {
    ACCEPTED, DISPUTED, REJECTED
}
