package org.basinledger.api.transfer;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.basinledger.api.common.Money;

/**
 * A transfer was paid {@code daysLate} days after its {@code dueDate} ({@code paidOn} is the day of payment in basin
 * time): its payer owes its payee {@code interest} = {@code amount × dailyRate × daysLate}, computed exactly and
 * rounded once to 2 decimals HALF_UP, as a transfer of its own, {@code interestTransferId} ({@code LATE_INTEREST},
 * due at once), which the ledger creates.
 */
public record LateInterestChargedEvent(String transferId, String agreementId, String payer, String payee,
                                       Money amount, LocalDate dueDate, LocalDate paidOn, long daysLate,
                                       BigDecimal dailyRate, Money interest, String interestTransferId)
        implements TransferEvent {
}
