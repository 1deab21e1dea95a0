package org.basinledger.api.agreement;

/** Where an amendment of an agreement in force stands. */
public enum AmendmentStatus {
    /** Proposed; waiting for every party of the old and the new list to sign. */
    OPEN_FOR_SIGNATURE,
    /** Signed by all: in effect from its {@code validFrom} (see {@code inEffectAt}). */
    ADOPTED,
    /** Rejected by one of them: the terms stayed as they were. */
    REJECTED
}
