package org.basinledger.api.transfer;

import java.time.Instant;

/** The payer paid: {@code PAID}, awaiting the payee's receipt. */
public record TransferPaidEvent(String transferId, String agreementId, String payer, String reference,
                                Instant paidAt) implements TransferEvent {
}
