package org.basinledger.api.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payer acknowledges a due transfer. */
public record AcknowledgeTransferCommand(@TargetAggregateIdentifier String transferId, String actingJurisdiction) {
}
