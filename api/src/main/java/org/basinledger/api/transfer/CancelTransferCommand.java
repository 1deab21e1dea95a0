package org.basinledger.api.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the ledger when a ruling finds the transfer (or the assessment behind it) wrong. A transfer not paid yet
 * is cancelled; one already paid keeps what was paid and all of it is refunded.
 */
public record CancelTransferCommand(@TargetAggregateIdentifier String transferId, String disputeId) {
}
