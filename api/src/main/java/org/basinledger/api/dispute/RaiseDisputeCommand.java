package org.basinledger.api.dispute;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A party of an agreement contests a subject of that agreement against named respondents, who are parties too.
 * {@code remedy} (optional) is what the claim asks the ledger to do if it is upheld ({@link RemedyType}).
 */
public record RaiseDisputeCommand(@TargetAggregateIdentifier String disputeId, String agreementId,
                                  String actingJurisdiction, Subject subject, List<String> respondents, String claim,
                                  Remedy remedy) {

    /** A claim that names no remedy. */
    public RaiseDisputeCommand(String disputeId, String agreementId, String actingJurisdiction, Subject subject,
                               List<String> respondents, String claim) {
        this(disputeId, agreementId, actingJurisdiction, subject, respondents, claim, null);
    }
}
