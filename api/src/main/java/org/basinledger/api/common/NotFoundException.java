package org.basinledger.api.common;

/** No such agreement, jurisdiction, key, obligation...: HTTP 404. */
public class NotFoundException extends LedgerException {

    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public String problemType() {
        return "not-found";
    }
}
