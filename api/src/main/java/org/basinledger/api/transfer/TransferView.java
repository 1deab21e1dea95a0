package org.basinledger.api.transfer;

import java.time.Instant;
import java.time.LocalDate;

import org.basinledger.api.common.Money;

/**
 * A transfer's current state; {@code version} is its aggregate version. {@code amount} is what it asks (for a
 * transfer paid before a ruling changed it: what was paid); {@code ruledAmount} is what a ruling set as owed under
 * it after it was paid (zero when it cancelled it; null when no ruling did), the difference being a refund or
 * top-up. {@code correctsTransferId} names the transfer a {@code REFUND} or {@code TOP_UP} corrects. Under payment
 * terms {@code dueDate} is the last day to pay; {@code overdue} is true while it is unpaid after that day (the
 * ledger recorded it {@code overdueSince}), and {@code lateInterestTransferId} names the {@code LATE_INTEREST}
 * transfer a late payment created. {@code schemeId}: the emission scheme of a transfer that has no agreement.
 */
public record TransferView(String id, String agreementId, String payer, String payee, Money amount, String reason,
                           TransferSource source, String sourceId, TransferStatus status, long version,
                           Instant createdAt, Instant acknowledgedAt, Instant paidAt, String paymentReference,
                           Instant settledAt, Instant updatedAt, String correctsTransferId, Money ruledAmount,
                           LocalDate dueDate, boolean overdue, Instant overdueSince, String lateInterestTransferId,
                           String schemeId) {

    /** A transfer of an agreement. */
    public TransferView(String id, String agreementId, String payer, String payee, Money amount, String reason,
                        TransferSource source, String sourceId, TransferStatus status, long version,
                        Instant createdAt, Instant acknowledgedAt, Instant paidAt, String paymentReference,
                        Instant settledAt, Instant updatedAt, String correctsTransferId, Money ruledAmount,
                        LocalDate dueDate, boolean overdue, Instant overdueSince, String lateInterestTransferId) {
        this(id, agreementId, payer, payee, amount, reason, source, sourceId, status, version, createdAt,
                acknowledgedAt, paidAt, paymentReference, settledAt, updatedAt, correctsTransferId, ruledAmount,
                dueDate, overdue, overdueSince, lateInterestTransferId, null);
    }

    /** A transfer without payment terms. */
    public TransferView(String id, String agreementId, String payer, String payee, Money amount, String reason,
                        TransferSource source, String sourceId, TransferStatus status, long version,
                        Instant createdAt, Instant acknowledgedAt, Instant paidAt, String paymentReference,
                        Instant settledAt, Instant updatedAt, String correctsTransferId, Money ruledAmount) {
        this(id, agreementId, payer, payee, amount, reason, source, sourceId, status, version, createdAt,
                acknowledgedAt, paidAt, paymentReference, settledAt, updatedAt, correctsTransferId, ruledAmount, null,
                false, null, null);
    }

    /** A transfer that corrects none and that no ruling corrected. */
    public TransferView(String id, String agreementId, String payer, String payee, Money amount, String reason,
                        TransferSource source, String sourceId, TransferStatus status, long version,
                        Instant createdAt, Instant acknowledgedAt, Instant paidAt, String paymentReference,
                        Instant settledAt, Instant updatedAt) {
        this(id, agreementId, payer, payee, amount, reason, source, sourceId, status, version, createdAt,
                acknowledgedAt, paidAt, paymentReference, settledAt, updatedAt, null, null);
    }
}
