package org.basinledger.api.common;

/** The command is not allowed in the current state (sign a draft, amend signed terms...): HTTP 409. */
public class InvalidStateException extends LedgerException {

    public InvalidStateException(String message) {
        super(message);
    }

    @Override
    public String problemType() {
        return "invalid-state";
    }
}
