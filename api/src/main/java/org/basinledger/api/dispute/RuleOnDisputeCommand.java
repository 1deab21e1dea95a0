package org.basinledger.api.dispute;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.basinledger.api.common.Money;

/** The assigned mediator rules; {@code adjustedAmount} is required for {@code ADJUSTED} and only then. */
public record RuleOnDisputeCommand(@TargetAggregateIdentifier String disputeId, String actingMediator,
                                   RulingOutcome outcome, String reasoning, Money adjustedAmount) {
}
