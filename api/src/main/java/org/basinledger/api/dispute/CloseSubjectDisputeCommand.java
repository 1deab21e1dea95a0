package org.basinledger.api.dispute;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the ledger when the dispute on a subject of the agreement is ruled ({@code outcome}) or withdrawn (null).
 * {@code remedy} is the ruling's remedy ({@link DisputeRuledEvent#remedy()}): an upheld claim on an assessment that
 * asked to {@code ADJUST} it leaves the assessment standing; null as before remedies existed.
 */
public record CloseSubjectDisputeCommand(@TargetAggregateIdentifier String agreementId, String disputeId,
                                         RulingOutcome outcome, RemedyType remedy) {

    /** An end without a remedy: a withdrawal, or a ruling that releases the subject. */
    public CloseSubjectDisputeCommand(String agreementId, String disputeId, RulingOutcome outcome) {
        this(agreementId, disputeId, outcome, null);
    }
}
