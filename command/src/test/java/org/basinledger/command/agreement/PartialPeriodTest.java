package org.basinledger.command.agreement;

import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.JIEKOU;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;
import static org.basinledger.command.agreement.ComplianceSamples.report;
import static org.basinledger.command.agreement.ComplianceSamples.sample;
import static org.basinledger.command.support.LedgerMatchers.invalidFields;
import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.axonframework.messaging.Message;
import org.axonframework.test.matchers.Matchers;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementTerminatedEvent;
import org.basinledger.api.agreement.AgreementTerminationNoticeGivenEvent;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.Money;
import org.basinledger.api.compliance.AssessSectionCommand;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.Sample;
import org.basinledger.api.compliance.SubmitMonitoringReportCommand;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Periods cut by the effective dates or a termination are assessed over their days in force: samples of those days
 * only, their seconds for the per-tonne rule, the inputs recording the part assessed; assessable once it has ended.
 */
class PartialPeriodTest {

    /** In force from 15 January 2025 to 20 November 2027. */
    private static final LocalDate FROM = LocalDate.of(2025, 1, 15);
    private static final LocalDate UNTIL = LocalDate.of(2027, 11, 20);

    private final AgreementScenario scenario = new AgreementScenario(cut());

    private static AgreementDraft cut() {
        AgreementDraft draft = AgreementSamples.compensationDraft();
        return new AgreementDraft(draft.title(), draft.basin(), draft.parties(), FROM, UNTIL, draft.terms());
    }

    private static AssessSectionCommand assess(String period) {
        return new AssessSectionCommand(AGREEMENT_ID, "A-1", ZHEJIANG, JIEKOU, period);
    }

    private static Matcher<List<Message<?>>> recorded(Predicate<AssessmentRecordedEvent> check) {
        Matcher<Object> assessment = Matchers.matches(p -> p instanceof AssessmentRecordedEvent e && check.test(e));
        return Matchers.payloadsMatching(Matchers.exactSequenceOf(assessment, Matchers.andNoMore()));
    }

    private static Sample[] exceeding(String takenAt) {
        return new Sample[] {sample(takenAt, Pollutant.CODMN, "7.0"), sample(takenAt, Pollutant.NH3N, "0.8")};
    }

    @Test
    void aMonthCutByEffectiveFromIsChargedOverItsDaysInForce() {
        // 15 to 31 January: 17 days, 1,468,800 s. (7.0 − 6) × 10 m³/s × 1,468,800 / 10^6 = 14.688 t × 15,000
        scenario.fixture().givenCurrentTime(Instant.parse("2025-02-03T02:00:00Z"))
                .andGiven(scenario.inForce())
                .andGiven(report("R-1", ANHUI, JIEKOU, "2025-01", "10", exceeding("2025-01-20T02:00:00Z")))
                .when(assess("2025-01"))
                .expectEventsMatching(recorded(e -> e.inputs().periodStart().equals(LedgerCalendar.startOf(FROM))
                        && e.inputs().periodEnd().equals(Instant.parse("2025-01-31T16:00:00Z"))
                        && e.inputs().secondsInPeriod() == 1_468_800L
                        && e.result().amount().equals(Money.of("220320.00", Money.CNY))));
    }

    @Test
    void aReportOfACutMonthTakesOnlySamplesOfItsDaysInForce() {
        scenario.fixture().givenCurrentTime(Instant.parse("2025-02-03T02:00:00Z"))
                .andGiven(scenario.inForce())
                .when(new SubmitMonitoringReportCommand(AGREEMENT_ID, "R-1", ANHUI, JIEKOU, "2025-01",
                        List.of(sample("2025-01-20T02:00:00Z", Pollutant.CODMN, "7.0"),
                                sample("2025-01-14T15:59:59Z", Pollutant.CODMN, "7.0")), new BigDecimal("10")))
                .expectException(invalidFields("samples[1].takenAt"));
    }

    @Test
    void aMonthCutByEffectiveUntilCanBeAssessedOnceItsLastDayInForceHasEnded() {
        // 1 to 20 November 2027: 20 days, 1,728,000 s; assessable from the end of 20 November, not of the month
        Instant endOfUntil = LedgerCalendar.endOf(UNTIL);
        scenario.fixture().givenCurrentTime(endOfUntil)
                .andGiven(scenario.inForce())
                .andGiven(report("R-1", ANHUI, JIEKOU, "2027-11", "10", exceeding("2027-11-05T02:00:00Z")))
                .when(assess("2027-11"))
                .expectEventsMatching(recorded(e -> e.inputs().periodEnd().equals(endOfUntil)
                        && e.inputs().secondsInPeriod() == 1_728_000L
                        // 25.92 t × 20/30 = 17.28 t × 15,000
                        && e.result().amount().equals(Money.of("259200.00", Money.CNY))));
    }

    @Test
    void aCutMonthIsNotAssessedBeforeItsDaysInForceHaveEnded() {
        scenario.fixture().givenCurrentTime(LedgerCalendar.endOf(UNTIL).minusSeconds(1))
                .andGiven(scenario.inForce())
                .andGiven(report("R-1", ANHUI, JIEKOU, "2027-11", "10", exceeding("2027-11-05T02:00:00Z")))
                .when(assess("2027-11"))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("has not ended yet"));
    }

    @Test
    void aMonthCutByANoticeOfTerminationIsChargedOverItsDaysBeforeIt() {
        // the notice took effect as 9 April began: 1 to 8 April, 8 days, 691,200 s → 6.912 t × 15,000
        Instant terminatedAt = LedgerCalendar.startOf(LocalDate.of(2025, 4, 9));
        scenario.fixture().givenCurrentTime(terminatedAt.plusSeconds(3600))
                .andGiven(scenario.inForce())
                .andGiven(report("R-1", ANHUI, JIEKOU, "2025-04", "10", exceeding("2025-04-05T02:00:00Z")),
                        new AgreementTerminationNoticeGivenEvent(AGREEMENT_ID, ZHEJIANG, "round 2", terminatedAt),
                        new AgreementTerminatedEvent(AGREEMENT_ID, ZHEJIANG, "round 2"))
                .when(assess("2025-04"))
                .expectEventsMatching(recorded(e -> e.inputs().periodEnd().equals(terminatedAt)
                        && e.inputs().secondsInPeriod() == 691_200L
                        && e.result().amount().equals(Money.of("103680.00", Money.CNY))));
    }
}
