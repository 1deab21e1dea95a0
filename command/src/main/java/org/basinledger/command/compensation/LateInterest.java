package org.basinledger.command.compensation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.basinledger.api.common.Money;

/**
 * Late interest on a transfer paid after its due date (DOMAIN.md, "Money over time"):
 * {@code amount × dailyRate × days late}, computed exactly from the decimal inputs and rounded once, to 2 decimals
 * HALF_UP. Days late are whole calendar days from the due date (inclusive, the last day to pay) to the day of
 * payment: paid on the due date, 0; the day after, 1.
 */
public final class LateInterest {

    private LateInterest() {
    }

    /** Whole days from {@code dueDate} to {@code paidOn}; 0 when paid on or before the due date. */
    public static long daysLate(LocalDate dueDate, LocalDate paidOn) {
        return Math.max(0, ChronoUnit.DAYS.between(dueDate, paidOn));
    }

    /** {@code amount × dailyRate × daysLate}, exact, rounded once to 2 decimals HALF_UP, in the amount's currency. */
    public static Money interest(Money amount, BigDecimal dailyRate, long daysLate) {
        Fraction exact = Fraction.of(amount.amount()).times(Fraction.of(dailyRate)).times(Fraction.of(daysLate));
        return Money.of(exact.round(2), amount.currency());
    }
}
