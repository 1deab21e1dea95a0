package org.basinledger.api.agreement;

/**
 * Lifecycle of an agreement: {@code DRAFT → OPEN_FOR_SIGNATURE → SIGNED → IN_FORCE → TERMINATED | EXPIRED};
 * a rejection sends an agreement open for signature back to {@code DRAFT}.
 */
public enum AgreementStatus {
    DRAFT, OPEN_FOR_SIGNATURE, SIGNED, IN_FORCE, TERMINATED, EXPIRED;

    /** Whether the agreement has ended for good. */
    public boolean isEnded() {
        return this == TERMINATED || this == EXPIRED;
    }
}
