package org.basinledger.api.dispute;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the ledger when the dispute on a subject of the agreement is ruled ({@code outcome}) or withdrawn (null). */
public record CloseSubjectDisputeCommand(@TargetAggregateIdentifier String agreementId, String disputeId,
                                         RulingOutcome outcome) {
}
