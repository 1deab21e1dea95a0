package org.basinledger.api.common;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.basinledger.api.agreement.AssessmentPeriod;

/**
 * A calendar period of monitoring and assessment, written {@code 2025} (a year), {@code 2025-Q3} (a quarter: July
 * to September) or {@code 2025-03} (a month), in basin civil time ({@link LedgerCalendar}): it starts at 00:00 of its
 * first day and ends, exclusive, at 00:00 of the day after its last. {@code month} is the first month of a quarter or
 * month (1, 4, 7 or 10 for a quarter) and 0 for a year.
 */
public record ReportingPeriod(AssessmentPeriod kind, int year, int month) {

    private static final Pattern FORM = Pattern.compile("(\\d{4})(?:-(\\d{2})|-Q(\\d))?");

    public ReportingPeriod {
        if (kind == null || year < 1900 || year > 9999 || (kind == AssessmentPeriod.MONTH && (month < 1 || month > 12))
                || (kind == AssessmentPeriod.QUARTER && (month < 1 || month > 10 || month % 3 != 1))
                || (kind == AssessmentPeriod.YEAR && month != 0)) {
            throw new IllegalArgumentException("not a period: " + kind + " " + year + "-" + month);
        }
    }

    /** The quarter ({@code 1} to {@code 4}) of the year. */
    public static ReportingPeriod quarter(int year, int quarter) {
        return new ReportingPeriod(AssessmentPeriod.QUARTER, year, 3 * quarter - 2);
    }

    /**
     * Parses {@code 2025}, {@code 2025-Q3} or {@code 2025-03}; throws {@link InvalidInputException} on {@code field}
     * otherwise.
     */
    public static ReportingPeriod parse(String text, String field) {
        Matcher m = text == null ? null : FORM.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new InvalidInputException(field, "must be a year (2025), a quarter (2025-Q3) or a month (2025-03)");
        }
        int year = Integer.parseInt(m.group(1));
        if (year < 1900) {
            throw new InvalidInputException(field, "must be a year from 1900");
        }
        if (m.group(3) != null) {
            int quarter = Integer.parseInt(m.group(3));
            if (quarter < 1 || quarter > 4) {
                throw new InvalidInputException(field, "quarter must be Q1 to Q4");
            }
            return quarter(year, quarter);
        }
        if (m.group(2) == null) {
            return new ReportingPeriod(AssessmentPeriod.YEAR, year, 0);
        }
        int month = Integer.parseInt(m.group(2));
        if (month < 1 || month > 12) {
            throw new InvalidInputException(field, "month must be 01 to 12");
        }
        return new ReportingPeriod(AssessmentPeriod.MONTH, year, month);
    }

    /** The period of this kind that contains the given day. */
    public static ReportingPeriod of(AssessmentPeriod kind, LocalDate day) {
        return switch (kind) {
            case YEAR -> new ReportingPeriod(kind, day.getYear(), 0);
            case QUARTER -> quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
            case MONTH -> new ReportingPeriod(kind, day.getYear(), day.getMonthValue());
        };
    }

    public LocalDate firstDay() {
        return kind == AssessmentPeriod.YEAR ? LocalDate.of(year, 1, 1) : LocalDate.of(year, month, 1);
    }

    public LocalDate lastDay() {
        return switch (kind) {
            case YEAR -> LocalDate.of(year, 12, 31);
            case QUARTER -> YearMonth.of(year, month).plusMonths(2).atEndOfMonth();
            case MONTH -> YearMonth.of(year, month).atEndOfMonth();
        };
    }

    /** The months of the period, in order. */
    public List<ReportingPeriod> months() {
        List<ReportingPeriod> months = new ArrayList<>(12);
        for (LocalDate day = firstDay(); !day.isAfter(lastDay()); day = day.plusMonths(1)) {
            months.add(new ReportingPeriod(AssessmentPeriod.MONTH, day.getYear(), day.getMonthValue()));
        }
        return months;
    }

    /** The instant the period starts (inclusive). */
    public Instant start() {
        return LedgerCalendar.startOf(firstDay());
    }

    /** The instant the period ends (exclusive). */
    public Instant end() {
        return LedgerCalendar.endOf(lastDay());
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    /** Seconds in the calendar period: 86,400 times its days (a 30-day month has 2,592,000). */
    public long seconds() {
        return Duration.between(firstDay().atStartOfDay(), lastDay().plusDays(1).atStartOfDay()).toSeconds();
    }

    /** Whether the whole period lies within the inclusive dates {@code from} to {@code until}. */
    public boolean within(LocalDate from, LocalDate until) {
        return !firstDay().isBefore(from) && !lastDay().isAfter(until);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case YEAR -> String.format("%04d", year);
            case QUARTER -> String.format("%04d-Q%d", year, (month - 1) / 3 + 1);
            case MONTH -> String.format("%04d-%02d", year, month);
        };
    }
}
