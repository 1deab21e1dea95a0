package org.basinledger.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.basinledger.api.report.PublicReportRecord;
import org.basinledger.api.report.PublicReportStatistics;
import org.basinledger.api.report.PublicReportStatus;
import org.junit.jupiter.api.Test;

/** The response record: counts by status, overdue only while unanswered, and the exact median of answer times. */
class ResponseRecordsTest {

    private static final Instant MAY = Instant.parse("2026-05-03T02:00:00Z");

    private static ResponseRecords.Facts answered(String id, Duration after, boolean inTime) {
        return new ResponseRecords.Facts(id, PublicReportStatus.ANSWERED, "CN-JX", "Taipu River", null, MAY,
                MAY.plus(after), inTime, !inTime);
    }

    @Test
    void countsEachReportOnceAndOverdueOnlyWhileUnanswered() {
        PublicReportRecord record = ResponseRecords.of(List.of(
                answered("1", Duration.ofDays(2), true),
                answered("2", Duration.ofDays(20), false),
                new ResponseRecords.Facts("3", PublicReportStatus.ASSIGNED, "CN-JX", null, null, MAY, null, false, true),
                new ResponseRecords.Facts("4", PublicReportStatus.ASSIGNED, "CN-JX", null, null, MAY, null, false, false),
                new ResponseRecords.Facts("5", PublicReportStatus.REJECTED, null, null, null, MAY, null, false, false),
                new ResponseRecords.Facts("6", PublicReportStatus.RECEIVED, null, null, null, MAY, null, false, false)));
        assertThat(record).isEqualTo(new PublicReportRecord(6, 4, 2, 1, 1, 1, new java.math.BigDecimal("11.0")));
    }

    @Test
    void theMedianOfAnOddCountIsTheMiddleOneAndOfAnEvenCountTheMeanOfTheTwoInTheMiddleRoundedHalfUp() {
        assertThat(ResponseRecords.medianDays(List.of())).isNull();
        assertThat(ResponseRecords.medianDays(List.of(86_400L * 3, 60L, 86_400L * 10))).isEqualByComparingTo("3.0");
        // (1 day + 1 day 3 h) / 2 = 1 day 1.5 h = 1.0625 days -> 1.1
        assertThat(ResponseRecords.medianDays(List.of(86_400L, 86_400L + 3 * 3_600L))).isEqualByComparingTo("1.1");
        // exactly 0.05 days rounds up
        assertThat(ResponseRecords.medianDays(List.of(4_320L))).isEqualByComparingTo("0.1");
    }

    @Test
    void monthsAreOfFilingInBasinTime() {
        Instant lateOnApril30Utc = Instant.parse("2026-04-30T17:00:00Z"); // 1 May, 01:00 in China Standard Time
        List<PublicReportStatistics.Month> months = ResponseRecords.byMonth(List.of(
                new ResponseRecords.Facts("1", PublicReportStatus.RECEIVED, null, null, null, lateOnApril30Utc, null,
                        false, false),
                answered("2", Duration.ofDays(1), true)));
        assertThat(months).containsExactly(new PublicReportStatistics.Month("2026-05", 2, 1, 1, 0));
    }
}
