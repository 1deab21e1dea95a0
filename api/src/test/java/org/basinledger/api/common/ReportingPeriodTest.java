package org.basinledger.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.basinledger.api.agreement.AssessmentPeriod;
import org.junit.jupiter.api.Test;

class ReportingPeriodTest {

    @Test
    void parsesAQuarterAsItsThreeMonths() {
        ReportingPeriod q3 = ReportingPeriod.parse(" 2025-Q3 ", "period");

        assertThat(q3).isEqualTo(new ReportingPeriod(AssessmentPeriod.QUARTER, 2025, 7));
        assertThat(q3).hasToString("2025-Q3");
        assertThat(q3.firstDay()).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(q3.lastDay()).isEqualTo(LocalDate.of(2025, 9, 30));
        assertThat(q3.start()).isEqualTo(Instant.parse("2025-06-30T16:00:00Z"));
        assertThat(q3.end()).isEqualTo(Instant.parse("2025-09-30T16:00:00Z"));
        assertThat(q3.seconds()).isEqualTo(92 * 86_400L);
        assertThat(q3.months()).extracting(ReportingPeriod::toString).containsExactly("2025-07", "2025-08", "2025-09");
    }

    @Test
    void everyQuarterOfALeapYear() {
        assertThat(ReportingPeriod.parse("2024-Q1", "p").seconds()).isEqualTo(91 * 86_400L);
        assertThat(ReportingPeriod.parse("2024-Q2", "p").seconds()).isEqualTo(91 * 86_400L);
        assertThat(ReportingPeriod.parse("2024-Q4", "p").lastDay()).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(ReportingPeriod.parse("2024", "p").months()).hasSize(12);
        assertThat(ReportingPeriod.parse("2024-02", "p").months()).extracting(ReportingPeriod::toString)
                .containsExactly("2024-02");
    }

    @Test
    void thePeriodOfAKindThatHoldsADay() {
        LocalDate day = LocalDate.of(2025, 11, 30);
        assertThat(ReportingPeriod.of(AssessmentPeriod.QUARTER, day)).hasToString("2025-Q4");
        assertThat(ReportingPeriod.of(AssessmentPeriod.MONTH, day)).hasToString("2025-11");
        assertThat(ReportingPeriod.of(AssessmentPeriod.YEAR, day)).hasToString("2025");
    }

    @Test
    void refusesQuartersThatDoNotExist() {
        for (String text : new String[] {"2025-Q0", "2025-Q5", "2025-Q", "2025-q3", "2025-Q10"}) {
            assertThatThrownBy(() -> ReportingPeriod.parse(text, "period")).as(text)
                    .isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> new ReportingPeriod(AssessmentPeriod.QUARTER, 2025, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
