package org.basinledger.api.dispute;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the ledger when a dispute concerns the agreement, an obligation, a monitoring report or an assessment:
 * the subject must be the agreement's and not under another open dispute.
 */
public record OpenSubjectDisputeCommand(@TargetAggregateIdentifier String agreementId, String disputeId,
                                        Subject subject) {
}
