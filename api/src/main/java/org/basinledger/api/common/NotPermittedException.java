package org.basinledger.api.common;

/** The caller is known but may not do this (not a party, not the obligated party, wrong role): HTTP 403. */
public class NotPermittedException extends LedgerException {

    public NotPermittedException(String message) {
        super(message);
    }

    @Override
    public String problemType() {
        return "not-permitted";
    }
}
