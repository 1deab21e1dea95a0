package org.basinledger.api.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A party drafts a new agreement; the drafter must be one of the parties. Answers the new aggregate id. */
public record DraftAgreementCommand(@TargetAggregateIdentifier String agreementId, String actingJurisdiction,
                                    AgreementDraft draft) {
}
