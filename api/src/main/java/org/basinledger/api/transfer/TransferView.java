package org.basinledger.api.transfer;

import java.time.Instant;

import org.basinledger.api.common.Money;

/** A transfer's current state; {@code version} is its aggregate version. */
public record TransferView(String id, String agreementId, String payer, String payee, Money amount, String reason,
                           TransferSource source, String sourceId, TransferStatus status, long version,
                           Instant createdAt, Instant acknowledgedAt, Instant paidAt, String paymentReference,
                           Instant settledAt, Instant updatedAt) {
}
