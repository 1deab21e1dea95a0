package org.basinledger.api.agreement;

/** {@code PENDING → FULFILLED}, or {@code OVERDUE} once the due date has passed (an overdue obligation can still be fulfilled, late). */
public enum ObligationStatus {
    PENDING, FULFILLED, OVERDUE
}
