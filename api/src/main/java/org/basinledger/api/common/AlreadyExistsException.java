package org.basinledger.api.common;

/** Something with this identity is already recorded (a jurisdiction id, a key): HTTP 409. */
public class AlreadyExistsException extends LedgerException {

    public AlreadyExistsException(String message) {
        super(message);
    }

    @Override
    public String problemType() {
        return "already-exists";
    }
}
