package org.basinledger.query.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.report.PublicReportRecord;
import org.basinledger.api.report.PublicReportStatistics;
import org.basinledger.api.report.PublicReportStatus;

/** The response record of a set of reports: plain counting over their facts, and the exact median of answer times. */
final class ResponseRecords {

    private static final BigDecimal SECONDS_A_DAY = BigDecimal.valueOf(86_400);

    private ResponseRecords() {
    }

    /** What the record of a report needs of it. */
    record Facts(String reportId, PublicReportStatus status, String jurisdictionId, String waterBody, String sectionId,
                 Instant filedAt, Instant answeredAt, boolean answeredInTime, boolean overdue) {

        LocalDate filedOn() {
            return LedgerCalendar.dateOf(filedAt);
        }
    }

    static PublicReportRecord of(Collection<Facts> reports) {
        long assigned = 0;
        long answered = 0;
        long inTime = 0;
        long overdue = 0;
        long rejected = 0;
        List<Long> seconds = new ArrayList<>();
        for (Facts report : reports) {
            if (report.jurisdictionId() != null) {
                assigned++;
            }
            if (report.status() == PublicReportStatus.ANSWERED) {
                answered++;
                if (report.answeredInTime()) {
                    inTime++;
                }
                seconds.add(Duration.between(report.filedAt(), report.answeredAt()).getSeconds());
            } else if (report.status() == PublicReportStatus.ASSIGNED && report.overdue()) {
                overdue++;
            } else if (report.status() == PublicReportStatus.REJECTED) {
                rejected++;
            }
        }
        return new PublicReportRecord(reports.size(), assigned, answered, inTime, overdue, rejected,
                medianDays(seconds));
    }

    /** The median of durations in seconds, in days with 1 decimal (HALF_UP); of an even count the mean of the middle two. */
    static BigDecimal medianDays(List<Long> seconds) {
        if (seconds.isEmpty()) {
            return null;
        }
        List<Long> sorted = seconds.stream().sorted().toList();
        int n = sorted.size();
        BigDecimal middle = n % 2 == 1 ? BigDecimal.valueOf(sorted.get(n / 2))
                : BigDecimal.valueOf(sorted.get(n / 2 - 1)).add(BigDecimal.valueOf(sorted.get(n / 2)))
                        .divide(BigDecimal.valueOf(2));
        return middle.divide(SECONDS_A_DAY, 1, RoundingMode.HALF_UP);
    }

    /** One row per distinct key (null keys left out), sorted by key. */
    static List<PublicReportStatistics.Row> byKey(Collection<Facts> reports, Function<Facts, String> key) {
        Map<String, List<Facts>> groups = new TreeMap<>();
        for (Facts report : reports) {
            String k = key.apply(report);
            if (k != null) {
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(report);
            }
        }
        return groups.entrySet().stream().map(e -> new PublicReportStatistics.Row(e.getKey(), of(e.getValue())))
                .toList();
    }

    /** Per month of filing (basin time), in order, from the first month to the last with a report. */
    static List<PublicReportStatistics.Month> byMonth(Collection<Facts> reports) {
        Map<String, long[]> months = new TreeMap<>();
        for (Facts report : reports) {
            long[] counts = months.computeIfAbsent(report.filedOn().toString().substring(0, 7), m -> new long[4]);
            counts[0]++;
            if (report.status() == PublicReportStatus.ANSWERED) {
                counts[1]++;
                if (report.answeredInTime()) {
                    counts[2]++;
                }
            } else if (report.status() == PublicReportStatus.ASSIGNED && report.overdue()) {
                counts[3]++;
            }
        }
        return months.entrySet().stream().map(e -> new PublicReportStatistics.Month(e.getKey(), e.getValue()[0],
                e.getValue()[1], e.getValue()[2], e.getValue()[3])).toList();
    }
}
