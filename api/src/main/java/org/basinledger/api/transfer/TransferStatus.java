package org.basinledger.api.transfer;

/**
 * {@code DUE → ACKNOWLEDGED (payer) → PAID (payer) → SETTLED (payee)}; {@code DISPUTED} while a dispute on it
 * is open, {@code CANCELLED} when a ruling cancels it.
 */
public enum TransferStatus {
    DUE, ACKNOWLEDGED, PAID, SETTLED, DISPUTED, CANCELLED;

    /** Whether money is still owed under it. */
    public boolean isOutstanding() {
        return this != SETTLED && this != CANCELLED;
    }
}
