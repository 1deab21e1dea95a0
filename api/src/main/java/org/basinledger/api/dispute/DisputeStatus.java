package org.basinledger.api.dispute;

/** {@code OPEN → UNDER_MEDIATION → RULED}, or {@code WITHDRAWN} by the claimant before the ruling. */
public enum DisputeStatus {
    OPEN, UNDER_MEDIATION, RULED, WITHDRAWN;

    public boolean isOpen() {
        return this == OPEN || this == UNDER_MEDIATION;
    }
}
