package org.basinledger.api.transfer;

import org.basinledger.api.common.Money;

/** A transfer became due: {@code payer} owes {@code payee} {@code amount} under the agreement. */
public record TransferCreatedEvent(String transferId, String agreementId, String payer, String payee, Money amount,
                                   String reason, TransferSource source, String sourceId) implements TransferEvent {
}
