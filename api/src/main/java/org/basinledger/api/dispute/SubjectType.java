package org.basinledger.api.dispute;

/** What a dispute contests. */
public enum SubjectType {
    AGREEMENT, OBLIGATION, MONITORING_REPORT, ASSESSMENT, TRANSFER
}
