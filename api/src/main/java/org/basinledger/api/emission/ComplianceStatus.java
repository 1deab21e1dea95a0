package org.basinledger.api.emission;

/** A holder's year: {@code PENDING} until its surrender deadline, then {@code COMPLIANT} or {@code DEFICIT}. */
public enum ComplianceStatus {
    PENDING, COMPLIANT, DEFICIT
}
