package org.basinledger.app.config;

import org.basinledger.app.config.SigningKeyCheck.SigningKeyMismatchException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start with a signing key other than the ledger's fails with one clear sentence and what to do. */
public class SigningKeyMismatchFailureAnalyzer extends AbstractFailureAnalyzer<SigningKeyMismatchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SigningKeyMismatchException cause) {
        return new FailureAnalysis("This node's signing key is not the key its ledger's integrity log is signed"
                + " with: " + cause.getMessage() + ".",
                "Start with the ledger's own key: restore <data dir>/ledger-signing-key.pem from the backup, or, on"
                + " several nodes, give every node the same --ledger.signing-key-path.", cause);
    }
}
