package org.basinledger.api.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.basinledger.api.common.Money;

/** Sent by the ledger on an {@code ADJUSTED} ruling: the transfer owes {@code amount} from now on and is due again. */
public record AdjustTransferCommand(@TargetAggregateIdentifier String transferId, String disputeId, Money amount) {
}
