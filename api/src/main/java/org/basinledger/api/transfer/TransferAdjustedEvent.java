package org.basinledger.api.transfer;

import org.basinledger.api.common.Money;

/** A ruling set the transfer's amount anew; it is {@code DUE} again at {@code amount}. */
public record TransferAdjustedEvent(String transferId, String agreementId, String disputeId, Money previousAmount,
                                    Money amount) implements TransferEvent {
}
