package org.basinledger.app.integrity;

/**
 * A write refused because the integrity of the ledger is in doubt ({@link IntegrityHold}): answered 503
 * {@code ledger-integrity-failed}, without {@code Retry-After} (only an operator ends it), nothing applied.
 */
public class IntegrityHoldException extends RuntimeException {

    public IntegrityHoldException(String message) {
        super(message, null, false, false);
    }

    public String problemType() {
        return "ledger-integrity-failed";
    }
}
