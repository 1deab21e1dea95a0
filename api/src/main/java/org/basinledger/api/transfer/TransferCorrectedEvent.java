package org.basinledger.api.transfer;

import org.basinledger.api.common.Money;

/**
 * A ruling changed what is owed under a transfer that was already paid ({@code PAID} or {@code SETTLED} when the
 * dispute began). What was paid stands: the transfer keeps its amount and returns to {@code status}; the ruling
 * set what is owed from {@code previousAmount} (what stood before the ruling) to {@code amount} (zero when the
 * ruling cancelled it). The difference is a transfer of its own, {@code correctionTransferId}, created by the
 * ledger: a {@code REFUND} from {@code correctionPayer} (the payee) back to {@code correctionPayee} (the payer)
 * when the amount went down, a {@code TOP_UP} from the payer to the payee when it went up; none
 * ({@code correctionTransferId} null) when the ruling left the amount as it was.
 */
public record TransferCorrectedEvent(String transferId, String agreementId, String disputeId, Money previousAmount,
                                     Money amount, TransferStatus status, String correctionTransferId,
                                     TransferSource correctionSource, String correctionPayer, String correctionPayee,
                                     Money correctionAmount) implements TransferEvent {
}
