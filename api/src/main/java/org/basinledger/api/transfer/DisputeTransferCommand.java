package org.basinledger.api.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.basinledger.api.common.Money;

/**
 * Sent by the ledger when a dispute concerns a transfer: it must belong to {@code agreementId} and be neither
 * disputed already nor cancelled. {@code claimedAmount}, when the claim asks for a new amount, must be in the
 * transfer's currency.
 */
public record DisputeTransferCommand(@TargetAggregateIdentifier String transferId, String disputeId, String agreementId,
                                     Money claimedAmount) {

    /** A dispute whose claim names no amount. */
    public DisputeTransferCommand(String transferId, String disputeId, String agreementId) {
        this(transferId, disputeId, agreementId, null);
    }
}
