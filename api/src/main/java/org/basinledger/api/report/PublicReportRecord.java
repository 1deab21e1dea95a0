package org.basinledger.api.report;

import java.math.BigDecimal;

/**
 * How a set of reports was answered. {@code received}: reports filed (for a jurisdiction: assigned to it);
 * {@code assigned}: of those, assigned to a jurisdiction; {@code answered}, of which {@code answeredInTime} before the
 * end of their answer date; {@code overdue}: assigned, unanswered and past their answer date now; {@code rejected};
 * {@code medianDaysToAnswer}: the median of the days from filing to answer over the answered ones (1 decimal,
 * HALF_UP; null when none was answered).
 */
public record PublicReportRecord(long received, long assigned, long answered, long answeredInTime, long overdue,
                                 long rejected, BigDecimal medianDaysToAnswer) {

    public static final PublicReportRecord NONE = new PublicReportRecord(0, 0, 0, 0, 0, 0, null);
}
