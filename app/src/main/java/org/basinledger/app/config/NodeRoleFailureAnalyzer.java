package org.basinledger.app.config;

import org.basinledger.app.config.NodeRole.NodeRoleException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A node role that cannot start ({@code ledger.node.role}) is one sentence and what to do, not a stack trace. */
public class NodeRoleFailureAnalyzer extends AbstractFailureAnalyzer<NodeRoleException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NodeRoleException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
