package org.basinledger.api.dispute;

import org.basinledger.api.agreement.AgreementEvent;

/** The dispute on a subject of the agreement ended ({@code outcome} null when withdrawn) with this consequence. */
public record SubjectDisputeClosedEvent(String agreementId, String disputeId, Subject subject, RulingOutcome outcome,
                                        SubjectConsequence consequence) implements AgreementEvent {
}
