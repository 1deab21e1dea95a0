package org.basinledger.api.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the ledger when a ruling finds the transfer (or the assessment behind it) wrong. */
public record CancelTransferCommand(@TargetAggregateIdentifier String transferId, String disputeId) {
}
