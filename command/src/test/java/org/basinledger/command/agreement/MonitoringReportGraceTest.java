package org.basinledger.command.agreement;

import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.JIEKOU;
import static org.basinledger.command.agreement.AgreementSamples.UNTIL;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;
import static org.basinledger.command.agreement.ComplianceSamples.report;
import static org.basinledger.command.agreement.ComplianceSamples.sample;
import static org.basinledger.command.support.LedgerMatchers.invalidFields;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementExpiredEvent;
import org.basinledger.api.agreement.AgreementTerminatedEvent;
import org.basinledger.api.agreement.AgreementTerminationNoticeGivenEvent;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.compliance.Sample;
import org.basinledger.api.compliance.SubmitMonitoringReportCommand;
import org.junit.jupiter.api.Test;

/** Reports after the end: accepted for reportingGraceDays (90 unless the terms say), for periods in force only. */
class MonitoringReportGraceTest {

    private static final Instant EXPIRED_AT = LedgerCalendar.endOf(UNTIL);
    /** A notice that took effect as 9 April 2025 began (China Standard Time). */
    private static final Instant TERMINATED_AT = LedgerCalendar.startOf(LocalDate.of(2025, 4, 9));
    private static final Sample DECEMBER = sample("2027-12-10T02:00:00Z", Pollutant.CODMN, "1.75");
    private static final Sample MARCH = sample("2025-03-10T02:00:00Z", Pollutant.CODMN, "1.75");

    private final AgreementScenario scenario = AgreementScenario.compensation();

    private static SubmitMonitoringReportCommand submit(String period, Sample... samples) {
        return new SubmitMonitoringReportCommand(AGREEMENT_ID, "R-1", ANHUI, JIEKOU, period, List.of(samples), null);
    }

    private List<Object> expired() {
        return List.of(new AgreementExpiredEvent(AGREEMENT_ID, UNTIL));
    }

    private static List<Object> terminatedByNotice() {
        return List.of(new AgreementTerminationNoticeGivenEvent(AGREEMENT_ID, ZHEJIANG, "round 2", TERMINATED_AT),
                new AgreementTerminatedEvent(AGREEMENT_ID, ZHEJIANG, "round 2"));
    }

    @Test
    void aReportOfThePeriodsInForceIsAcceptedDuringTheGraceAfterExpiry() {
        scenario.fixture().givenCurrentTime(EXPIRED_AT.plus(Duration.ofDays(90)).minusSeconds(1))
                .andGiven(scenario.inForce()).andGiven(expired())
                .when(submit("2027-12", DECEMBER))
                .expectEvents(report("R-1", ANHUI, JIEKOU, "2027-12", null, DECEMBER));
    }

    @Test
    void aReportIsRefusedOnceTheGraceHasPassed() {
        scenario.fixture().givenCurrentTime(EXPIRED_AT.plus(Duration.ofDays(90)))
                .andGiven(scenario.inForce()).andGiven(expired())
                .when(submit("2027-12", DECEMBER))
                .expectException(InvalidStateException.class)
                .expectNoEvents();
    }

    @Test
    void theTermsSetTheGrace() {
        AgreementScenario noGrace = new AgreementScenario(withGrace(0));
        noGrace.fixture().givenCurrentTime(EXPIRED_AT)
                .andGiven(noGrace.inForce()).andGiven(expired())
                .when(submit("2027-12", DECEMBER))
                .expectException(InvalidStateException.class);
        AgreementScenario longGrace = new AgreementScenario(withGrace(365));
        longGrace.fixture().givenCurrentTime(EXPIRED_AT.plus(Duration.ofDays(200)))
                .andGiven(longGrace.inForce()).andGiven(expired())
                .when(submit("2027-12", DECEMBER))
                .expectEvents(report("R-1", ANHUI, JIEKOU, "2027-12", null, DECEMBER));
    }

    @Test
    void afterATerminationAPeriodBegunBeforeItIsStillReported() {
        Sample april8 = sample("2025-04-08T10:00:00Z", Pollutant.CODMN, "1.75");
        scenario.fixture().givenCurrentTime(TERMINATED_AT.plus(Duration.ofDays(10)))
                .andGiven(scenario.inForce()).andGiven(terminatedByNotice())
                .when(submit("2025-04", april8))
                .expectEvents(report("R-1", ANHUI, JIEKOU, "2025-04", null, april8));
    }

    @Test
    void afterATerminationASampleTakenOnceItEndedIsRefused() {
        Sample april9 = sample("2025-04-09T02:00:00Z", Pollutant.CODMN, "1.75");
        scenario.fixture().givenCurrentTime(TERMINATED_AT.plus(Duration.ofDays(10)))
                .andGiven(scenario.inForce()).andGiven(terminatedByNotice())
                .when(submit("2025-04", april9))
                .expectException(invalidFields("samples[0].takenAt"));
    }

    @Test
    void afterATerminationAPeriodBegunAfterItIsRefused() {
        Sample may = sample("2025-05-10T02:00:00Z", Pollutant.CODMN, "1.75");
        scenario.fixture().givenCurrentTime(TERMINATED_AT.plus(Duration.ofDays(10)))
                .andGiven(scenario.inForce()).andGiven(terminatedByNotice())
                .when(submit("2025-05", may))
                .expectException(invalidFields("period", "samples[0].takenAt"));
    }

    @Test
    void afterATerminationTheGraceCountsFromIt() {
        scenario.fixture().givenCurrentTime(TERMINATED_AT.plus(Duration.ofDays(90)))
                .andGiven(scenario.inForce()).andGiven(terminatedByNotice())
                .when(submit("2025-03", MARCH))
                .expectException(InvalidStateException.class);
    }

    @Test
    void anAgreementTerminatedBeforeItWasInForceTakesNoReports() {
        scenario.fixture().givenCurrentTime(Instant.parse("2025-03-20T02:00:00Z"))
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI), scenario.signed(ZHEJIANG),
                        scenario.signed(AgreementSamples.MINISTRY), scenario.fullySigned(),
                        new AgreementTerminatedEvent(AGREEMENT_ID, ANHUI, "never mind"))
                .when(submit("2025-03", MARCH))
                .expectException(InvalidStateException.class);
    }

    private static AgreementDraft withGrace(int days) {
        AgreementDraft draft = AgreementSamples.compensationDraft();
        return new AgreementDraft(draft.title(), draft.basin(), draft.parties(), draft.effectiveFrom(),
                draft.effectiveUntil(), draft.terms().withEndings(null, days));
    }
}
