package org.basinledger.api.dispute;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A party of an agreement contests a subject of that agreement against named respondents, who are parties too. */
public record RaiseDisputeCommand(@TargetAggregateIdentifier String disputeId, String agreementId,
                                  String actingJurisdiction, Subject subject, List<String> respondents, String claim) {
}
