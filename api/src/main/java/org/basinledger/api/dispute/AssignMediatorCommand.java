package org.basinledger.api.dispute;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The registrar assigns a registered mediator to an open dispute. */
public record AssignMediatorCommand(@TargetAggregateIdentifier String disputeId, String mediatorId) {
}
