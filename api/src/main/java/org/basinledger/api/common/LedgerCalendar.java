package org.basinledger.api.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * How calendar dates in agreements become instants. Agreement dates (effective from/until,
 * obligation due dates) are dates in the basin's civil time, China Standard Time; a date
 * starts at 00:00 in that zone. An {@code effectiveUntil} or {@code dueDate} is inclusive:
 * it ends at the start of the next day.
 */
public final class LedgerCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private LedgerCalendar() {
    }

    /** The instant the given date begins. */
    public static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }

    /** The date (basin civil time) the instant falls on. */
    public static LocalDate dateOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    /** The instant the given (inclusive) date has fully passed: the start of the next day. */
    public static Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(ZONE).toInstant();
    }
}
