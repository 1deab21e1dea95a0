package org.basinledger.api.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the ledger when a dispute ends without changing the transfer: back to the status it had. */
public record ReleaseTransferCommand(@TargetAggregateIdentifier String transferId, String disputeId) {
}
