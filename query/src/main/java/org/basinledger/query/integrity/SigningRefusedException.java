package org.basinledger.query.integrity;

/**
 * The integrity log will not sign: the tree it would sign does not extend the last head it signed (the log was
 * deleted, shortened or rewritten behind the ledger's back). The processor stops on it and retries; nothing is
 * signed until an operator restores the database (docs/operations.md, "Integrity").
 */
public class SigningRefusedException extends IllegalStateException {

    public SigningRefusedException(String message) {
        super(message);
    }
}
