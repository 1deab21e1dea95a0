package org.basinledger.api.transfer;

import org.basinledger.api.common.Money;

/**
 * A transfer became due: {@code payer} owes {@code payee} {@code amount} under the agreement.
 * {@code correctsTransferId} names the transfer a {@code REFUND} or {@code TOP_UP} corrects (null for every other
 * source, and in events recorded before corrections existed).
 */
public record TransferCreatedEvent(String transferId, String agreementId, String payer, String payee, Money amount,
                                   String reason, TransferSource source, String sourceId, String correctsTransferId)
        implements TransferEvent {

    /** A transfer that corrects no other. */
    public TransferCreatedEvent(String transferId, String agreementId, String payer, String payee, Money amount,
                                String reason, TransferSource source, String sourceId) {
        this(transferId, agreementId, payer, payee, amount, reason, source, sourceId, null);
    }
}
