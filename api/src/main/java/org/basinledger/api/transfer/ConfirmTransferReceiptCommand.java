package org.basinledger.api.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payee confirms it received a paid transfer. */
public record ConfirmTransferReceiptCommand(@TargetAggregateIdentifier String transferId, String actingJurisdiction) {
}
