package org.basinledger.api.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the ledger when a dispute concerns a transfer: it must belong to {@code agreementId} and not be disputed already. */
public record DisputeTransferCommand(@TargetAggregateIdentifier String transferId, String disputeId, String agreementId) {
}
