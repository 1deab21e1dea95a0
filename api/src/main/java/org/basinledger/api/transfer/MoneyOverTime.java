package org.basinledger.api.transfer;

import java.math.BigDecimal;
import java.util.List;

/**
 * Money per calendar month (UTC), summed exactly by the database: one total per month, currency and {@link Flow}
 * that has any, ordered by month, currency and flow. Months without money are absent.
 */
public record MoneyOverTime(List<MonthlyTotal> totals) {

    /** What a total counts. */
    public enum Flow {
        /** Of an agreement: transfers created in the month (refunds and top-ups apart), at their amount now. */
        CREATED,
        /** Of an agreement: transfers paid in the month (by the payer's date of payment). */
        PAID,
        /** Of an agreement: refunds a ruling ordered, created in the month. */
        REFUNDS,
        /** Of an agreement: top-ups a ruling ordered, created in the month. */
        TOP_UPS,
        /** Of a jurisdiction: what it paid in the month. */
        PAID_OUT,
        /** Of a jurisdiction: what was paid to it in the month. */
        RECEIVED
    }

    /** The sum of one flow in one currency in month {@code month} (1 to 12) of {@code year}. */
    public record MonthlyTotal(int year, int month, String currency, Flow flow, BigDecimal amount) {
    }
}
