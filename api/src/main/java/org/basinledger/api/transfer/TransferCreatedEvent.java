package org.basinledger.api.transfer;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.basinledger.api.common.Money;

/**
 * A transfer became due: {@code payer} owes {@code payee} {@code amount} under the agreement.
 * {@code correctsTransferId} names the transfer a {@code REFUND} or {@code TOP_UP} corrects (null for every other
 * source, and in events recorded before corrections existed). Under an agreement with payment terms,
 * {@code dueDate} is the last day (basin time) to pay without being late and {@code lateInterestDailyRate} the
 * interest a later payment owes per day (null: none); both null without payment terms, and in events recorded
 * before payment terms existed. {@code schemeId}: the emission scheme of a transfer that has no agreement
 * ({@code agreementId} null); null otherwise.
 */
public record TransferCreatedEvent(String transferId, String agreementId, String payer, String payee, Money amount,
                                   String reason, TransferSource source, String sourceId, String correctsTransferId,
                                   LocalDate dueDate, BigDecimal lateInterestDailyRate, String schemeId)
        implements TransferEvent {

    /** A transfer of an agreement. */
    public TransferCreatedEvent(String transferId, String agreementId, String payer, String payee, Money amount,
                                String reason, TransferSource source, String sourceId, String correctsTransferId,
                                LocalDate dueDate, BigDecimal lateInterestDailyRate) {
        this(transferId, agreementId, payer, payee, amount, reason, source, sourceId, correctsTransferId, dueDate,
                lateInterestDailyRate, null);
    }

    /** A transfer without payment terms. */
    public TransferCreatedEvent(String transferId, String agreementId, String payer, String payee, Money amount,
                                String reason, TransferSource source, String sourceId, String correctsTransferId) {
        this(transferId, agreementId, payer, payee, amount, reason, source, sourceId, correctsTransferId, null, null);
    }

    /** A transfer that corrects no other. */
    public TransferCreatedEvent(String transferId, String agreementId, String payer, String payee, Money amount,
                                String reason, TransferSource source, String sourceId) {
        this(transferId, agreementId, payer, payee, amount, reason, source, sourceId, null);
    }
}
