package org.basinledger.api.transfer;

import org.basinledger.api.common.Money;

/** A ruling set the amount of a transfer not yet paid anew; it is {@code DUE} again at {@code amount}. */
public record TransferAdjustedEvent(String transferId, String agreementId, String disputeId, Money previousAmount,
                                    Money amount) implements TransferEvent {
}
