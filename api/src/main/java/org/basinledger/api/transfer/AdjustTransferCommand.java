package org.basinledger.api.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.basinledger.api.common.Money;

/**
 * Sent by the ledger when a ruling sets a transfer's amount anew. A transfer not paid yet owes {@code amount} from
 * now on and is due again; one already paid keeps what was paid and the difference becomes a refund or a top-up.
 */
public record AdjustTransferCommand(@TargetAggregateIdentifier String transferId, String disputeId, Money amount) {
}
