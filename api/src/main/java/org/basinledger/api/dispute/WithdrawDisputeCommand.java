package org.basinledger.api.dispute;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The claimant withdraws an open dispute. */
public record WithdrawDisputeCommand(@TargetAggregateIdentifier String disputeId, String actingJurisdiction) {
}
