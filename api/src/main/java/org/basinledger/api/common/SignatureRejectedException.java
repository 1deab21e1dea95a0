package org.basinledger.api.common;

/** A signature does not verify, or no registered, unrevoked key of the signer verifies it: HTTP 400. */
public class SignatureRejectedException extends LedgerException {

    public SignatureRejectedException(String message) {
        super(message);
    }

    @Override
    public String problemType() {
        return "signature-rejected";
    }
}
