package org.basinledger.api.emission;

/** An account moves allowances (trades, surrenders) only while {@code OPEN}. */
public enum EmissionAccountStatus {
    OPEN, BLOCKED
}
