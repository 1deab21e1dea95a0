package org.basinledger.command.agreement;

import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.OUTSIDER;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementTerminatedEvent;
import org.basinledger.api.agreement.AgreementTerminationNoticeGivenEvent;
import org.basinledger.api.agreement.AgreementTerminationNoticeWithdrawnEvent;
import org.basinledger.api.agreement.TerminateAgreementCommand;
import org.basinledger.api.agreement.WithdrawTerminationNoticeCommand;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.NotPermittedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Termination with notice: the notice, its deadline, its withdrawal, and every refusal. */
class AgreementTerminationNoticeTest {

    private static final String REASON = "superseded by round 2";
    /** 10 March 2025, 10:00 in China Standard Time. */
    private static final Instant NOTICE_DAY = Instant.parse("2025-03-10T02:00:00Z");
    /** 30 days of notice from 10 March: the agreement ends as 9 April begins in China Standard Time. */
    private static final Instant EFFECTIVE_AT = LedgerCalendar.startOf(LocalDate.of(2025, 4, 9));

    private final AgreementScenario scenario = new AgreementScenario(withNotice(30));
    private FixtureConfiguration<Agreement> fixture;

    private static AgreementDraft withNotice(int days) {
        AgreementDraft draft = AgreementSamples.twoPartyDraft();
        return new AgreementDraft(draft.title(), draft.basin(), draft.parties(), draft.effectiveFrom(),
                draft.effectiveUntil(), draft.terms().withEndings(days, null));
    }

    @BeforeEach
    void setUp() {
        fixture = scenario.fixture();
    }

    private static TerminateAgreementCommand terminateBy(String party) {
        return new TerminateAgreementCommand(AGREEMENT_ID, party, REASON);
    }

    private static WithdrawTerminationNoticeCommand withdrawBy(String party) {
        return new WithdrawTerminationNoticeCommand(AGREEMENT_ID, party, "round 2 is delayed");
    }

    private static AgreementTerminationNoticeGivenEvent noticeByZhejiang() {
        return new AgreementTerminationNoticeGivenEvent(AGREEMENT_ID, ZHEJIANG, REASON, EFFECTIVE_AT);
    }

    @Test
    void withNoticeTerminationIsANoticeThatTakesEffectNoticeDaysLater() {
        fixture.givenCurrentTime(NOTICE_DAY)
                .andGiven(scenario.inForce())
                .when(terminateBy(ZHEJIANG))
                .expectEvents(noticeByZhejiang())
                .expectScheduledDeadline(EFFECTIVE_AT, EFFECTIVE_AT.toString());
    }

    @Test
    void theNoticeDaysCountFromTheDayInChinaStandardTime() {
        // 17:00 UTC on 10 March is already 01:00 on 11 March in China Standard Time
        Instant effectiveAt = LedgerCalendar.startOf(LocalDate.of(2025, 4, 10));
        fixture.givenCurrentTime(Instant.parse("2025-03-10T17:00:00Z"))
                .andGiven(scenario.inForce())
                .when(terminateBy(ZHEJIANG))
                .expectEvents(new AgreementTerminationNoticeGivenEvent(AGREEMENT_ID, ZHEJIANG, REASON, effectiveAt));
    }

    @Test
    void aNoticeOnASignedAgreementNotYetInForceIsANoticeToo() {
        fixture.givenCurrentTime(NOTICE_DAY)
                .andGiven(scenario.signedByBoth())
                .when(terminateBy(ZHEJIANG))
                .expectEvents(noticeByZhejiang());
    }

    @Test
    void theLedgerTerminatesTheAgreementWhenTheNoticeTakesEffect() {
        fixture.givenCurrentTime(NOTICE_DAY)
                .andGiven(scenario.inForce())
                .andGivenCommands(terminateBy(ZHEJIANG))
                .whenTimeAdvancesTo(EFFECTIVE_AT)
                .expectEvents(new AgreementTerminatedEvent(AGREEMENT_ID, ZHEJIANG, REASON))
                .expectTriggeredDeadlinesWithName(Agreement.TERMINATION_TAKES_EFFECT);
    }

    @Test
    void nothingHappensBeforeTheNoticeTakesEffect() {
        fixture.givenCurrentTime(NOTICE_DAY)
                .andGiven(scenario.inForce())
                .andGivenCommands(terminateBy(ZHEJIANG))
                .whenTimeAdvancesTo(EFFECTIVE_AT.minusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void aSecondNoticeWhileOneIsPendingIsRefused() {
        fixture.givenCurrentTime(NOTICE_DAY)
                .andGiven(scenario.inForce())
                .andGiven(noticeByZhejiang())
                .when(terminateBy(ANHUI))
                .expectException(InvalidStateException.class)
                .expectNoEvents();
    }

    @Test
    void thePartyThatGaveNoticeWithdrawsItAndItsDeadlineIsCancelled() {
        fixture.givenCurrentTime(NOTICE_DAY)
                .andGiven(scenario.inForce())
                .andGivenCommands(terminateBy(ZHEJIANG))
                .when(withdrawBy(ZHEJIANG))
                .expectEvents(new AgreementTerminationNoticeWithdrawnEvent(AGREEMENT_ID, ZHEJIANG, "round 2 is delayed"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aWithdrawalWithoutAReasonIsRecordedWithoutOne() {
        fixture.givenCurrentTime(NOTICE_DAY)
                .andGiven(scenario.inForce())
                .andGiven(noticeByZhejiang())
                .when(new WithdrawTerminationNoticeCommand(AGREEMENT_ID, ZHEJIANG, " "))
                .expectEvents(new AgreementTerminationNoticeWithdrawnEvent(AGREEMENT_ID, ZHEJIANG, null));
    }

    @Test
    void anotherPartyCannotWithdrawTheNotice() {
        fixture.givenCurrentTime(NOTICE_DAY)
                .andGiven(scenario.inForce())
                .andGiven(noticeByZhejiang())
                .when(withdrawBy(ANHUI))
                .expectException(NotPermittedException.class)
                .expectNoEvents();
    }

    @Test
    void aNonPartyCannotWithdrawTheNotice() {
        fixture.givenCurrentTime(NOTICE_DAY)
                .andGiven(scenario.inForce())
                .andGiven(noticeByZhejiang())
                .when(withdrawBy(OUTSIDER))
                .expectException(NotPermittedException.class);
    }

    @Test
    void thereIsNothingToWithdrawWithoutANotice() {
        fixture.givenCurrentTime(NOTICE_DAY)
                .andGiven(scenario.inForce())
                .when(withdrawBy(ZHEJIANG))
                .expectException(InvalidStateException.class);
    }

    @Test
    void aNoticeCannotBeWithdrawnAfterItTookEffect() {
        fixture.givenCurrentTime(NOTICE_DAY)
                .andGiven(scenario.inForce())
                .andGiven(noticeByZhejiang(), new AgreementTerminatedEvent(AGREEMENT_ID, ZHEJIANG, REASON))
                .when(withdrawBy(ZHEJIANG))
                .expectException(InvalidStateException.class);
    }

    @Test
    void aNoticeWhoseDayHasComeCannotBeWithdrawnEvenBeforeTheLedgerRecordedIt() {
        fixture.givenCurrentTime(EFFECTIVE_AT)
                .andGiven(scenario.inForce())
                .andGiven(noticeByZhejiang())
                .when(withdrawBy(ZHEJIANG))
                .expectException(InvalidStateException.class);
    }

    @Test
    void afterTheNoticeTookEffectTheAgreementCannotBeTerminatedAgain() {
        fixture.givenCurrentTime(NOTICE_DAY)
                .andGiven(scenario.inForce())
                .andGiven(noticeByZhejiang(), new AgreementTerminatedEvent(AGREEMENT_ID, ZHEJIANG, REASON))
                .when(terminateBy(ANHUI))
                .expectException(InvalidStateException.class);
    }

    @Test
    void afterAWithdrawalANewNoticeCanBeGiven() {
        fixture.givenCurrentTime(NOTICE_DAY)
                .andGiven(scenario.inForce())
                .andGiven(noticeByZhejiang(),
                        new AgreementTerminationNoticeWithdrawnEvent(AGREEMENT_ID, ZHEJIANG, null))
                .when(terminateBy(ANHUI))
                .expectEvents(new AgreementTerminationNoticeGivenEvent(AGREEMENT_ID, ANHUI, REASON, EFFECTIVE_AT));
    }

    @Test
    void theDeadlineOfAWithdrawnNoticeChangesNothingShouldItStillRun() {
        // the withdrawal is given as an event: it cancels no deadline, so the notice's deadline still runs
        fixture.givenCurrentTime(NOTICE_DAY)
                .andGiven(scenario.inForce())
                .andGivenCommands(terminateBy(ZHEJIANG))
                .andGiven(new AgreementTerminationNoticeWithdrawnEvent(AGREEMENT_ID, ZHEJIANG, null))
                .whenTimeAdvancesTo(EFFECTIVE_AT)
                .expectNoEvents();
    }

    @Test
    void withoutNoticeDaysTerminationIsImmediateAsBefore() {
        AgreementScenario immediate = AgreementScenario.twoParties();
        immediate.fixture().givenCurrentTime(NOTICE_DAY)
                .andGiven(immediate.inForce())
                .when(terminateBy(ZHEJIANG))
                .expectEvents(new AgreementTerminatedEvent(AGREEMENT_ID, ZHEJIANG, REASON))
                .expectNoScheduledDeadlines();
    }
}
