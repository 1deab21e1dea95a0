package org.basinledger.command.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.FIXED_RULE;
import static org.basinledger.command.agreement.AgreementSamples.FROM;
import static org.basinledger.command.agreement.AgreementSamples.MINISTRY;
import static org.basinledger.command.agreement.AgreementSamples.THREE_HUNDRED_MILLION;
import static org.basinledger.command.agreement.AgreementSamples.UNTIL;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.basinledger.api.agreement.AgreementExpiredEvent;
import org.basinledger.api.agreement.TerminateAgreementCommand;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.compliance.FixedContributionFellDueEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ministry's 300 million a year to Anhui (rule 2 of the sample), for an agreement in force from 2025-01-01
 * to 2027-12-31: three contributions, due on 2026-01-01, 2027-01-01 and 2028-01-01 (basin time), the last at the
 * instant the agreement expires.
 */
class FixedContributionTest {

    private static final Instant BEFORE_EFFECTIVE_FROM = Instant.parse("2024-12-01T02:00:00Z");
    private static final Instant FIRST_ANNIVERSARY = Instant.parse("2025-12-31T16:00:00Z");
    private static final Instant SECOND_ANNIVERSARY = Instant.parse("2026-12-31T16:00:00Z");
    private static final Instant THIRD_ANNIVERSARY = Instant.parse("2027-12-31T16:00:00Z");

    private final AgreementScenario scenario = AgreementScenario.compensation();
    private FixtureConfiguration<Agreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = scenario.fixture();
    }

    private static FixedContributionDue due(int year) {
        return new FixedContributionDue(FIXED_RULE, year);
    }

    private static FixedContributionFellDueEvent fellDue(int year, String period, Instant dueAt) {
        String transferId = UUID.nameUUIDFromBytes(("fixed-transfer:" + AGREEMENT_ID + ":" + FIXED_RULE + ":" + year)
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new FixedContributionFellDueEvent(AGREEMENT_ID, FIXED_RULE, year, period, MINISTRY, ANHUI,
                THREE_HUNDRED_MILLION, dueAt, transferId);
    }

    private static FixedContributionFellDueEvent firstYear() {
        return fellDue(1, "2025", FIRST_ANNIVERSARY);
    }

    private static FixedContributionFellDueEvent secondYear() {
        return fellDue(2, "2026", SECOND_ANNIVERSARY);
    }

    private static FixedContributionFellDueEvent thirdYear() {
        return fellDue(3, "2027", THIRD_ANNIVERSARY);
    }

    /** Signed by the ministry last, at {@code now}: in force at once when {@code effectiveFrom} has passed. */
    private TestExecutor<Agreement> signedByAllAt(Instant now) {
        return fixture.givenCurrentTime(now)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI), scenario.signed(ZHEJIANG))
                .andGivenCommands(scenario.sign(MINISTRY));
    }

    @Test
    void theAnniversariesAreTheStartsOfTheDaysInBasinTime() {
        // a guard on the constants above, which the other tests rely on
        assertThat(THIRD_ANNIVERSARY).isEqualTo(LedgerCalendar.endOf(UNTIL))
                .isEqualTo(LedgerCalendar.startOf(FROM.plusYears(3)));
    }

    @Test
    void enteringIntoForceSchedulesEveryYearsContributionOnItsAnniversary() {
        signedByAllAt(BEFORE_EFFECTIVE_FROM)
                .whenTimeAdvancesTo(LedgerCalendar.startOf(FROM))
                .expectEvents(scenario.enteredIntoForce())
                .expectScheduledDeadline(FIRST_ANNIVERSARY, due(1))
                .expectScheduledDeadline(SECOND_ANNIVERSARY, due(2))
                .expectScheduledDeadline(THIRD_ANNIVERSARY, due(3))
                .expectScheduledDeadlineWithName(FIRST_ANNIVERSARY, Agreement.FIXED_CONTRIBUTION_DUE);
    }

    @Test
    void aContributionFallsDueOnItsAnniversaryForTheYearThatEnded() {
        signedByAllAt(BEFORE_EFFECTIVE_FROM)
                .whenTimeAdvancesTo(FIRST_ANNIVERSARY)
                .expectEvents(scenario.enteredIntoForce(), scenario.obligationOverdue(), firstYear());
    }

    @Test
    void noContributionIsDueBeforeTheFirstAnniversary() {
        signedByAllAt(BEFORE_EFFECTIVE_FROM)
                .whenTimeAdvancesTo(FIRST_ANNIVERSARY.minusSeconds(1))
                .expectEvents(scenario.enteredIntoForce(), scenario.obligationOverdue());
    }

    @Test
    void anAgreementSignedLateCatchesUpTheAnniversariesThatPassed() {
        fixture.givenCurrentTime(Instant.parse("2027-03-01T02:00:00Z"))
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI), scenario.signed(ZHEJIANG))
                .when(scenario.sign(MINISTRY))
                .expectEvents(scenario.signed(MINISTRY), scenario.fullySigned(), scenario.enteredIntoForce(),
                        scenario.obligationOverdue(), firstYear(), secondYear())
                .expectScheduledDeadline(THIRD_ANNIVERSARY, due(3))
                .expectScheduledDeadlineWithName(THIRD_ANNIVERSARY, Agreement.EXPIRES);
    }

    @Test
    void anAgreementSignedAfterItsEndOwesEveryYearBeforeItExpires() {
        fixture.givenCurrentTime(Instant.parse("2028-03-01T02:00:00Z"))
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI), scenario.signed(ZHEJIANG))
                .when(scenario.sign(MINISTRY))
                .expectEvents(scenario.signed(MINISTRY), scenario.fullySigned(), scenario.enteredIntoForce(),
                        scenario.obligationOverdue(), firstYear(), secondYear(), thirdYear(),
                        new AgreementExpiredEvent(AGREEMENT_ID, UNTIL));
    }

    @Test
    void theLastYearFallsDueOnceAsTheAgreementExpires() {
        signedByAllAt(Instant.parse("2027-03-01T02:00:00Z"))
                .whenTimeAdvancesTo(THIRD_ANNIVERSARY)
                .expectTriggeredDeadlinesWithName(Agreement.FIXED_CONTRIBUTION_DUE, Agreement.EXPIRES)
                .expectEvents(thirdYear(), new AgreementExpiredEvent(AGREEMENT_ID, UNTIL));
    }

    @Test
    void theExpiryAppliesTheLastYearWhenItsDeadlineRunsFirst() {
        fixture.givenCurrentTime(THIRD_ANNIVERSARY)
                .andGiven(scenario.inForce())
                .andGiven(firstYear(), secondYear())
                .whenInvoking(AGREEMENT_ID, agreement -> {
                    agreement.onExpires(AGREEMENT_ID, THIRD_ANNIVERSARY);
                    agreement.onFixedContributionDue(due(3));
                })
                .expectEvents(thirdYear(), new AgreementExpiredEvent(AGREEMENT_ID, UNTIL));
    }

    @Test
    void theExpiryDoesNotRepeatTheLastYearWhenItsDeadlineRanFirst() {
        fixture.givenCurrentTime(THIRD_ANNIVERSARY)
                .andGiven(scenario.inForce())
                .andGiven(firstYear(), secondYear())
                .whenInvoking(AGREEMENT_ID, agreement -> {
                    agreement.onFixedContributionDue(due(3));
                    agreement.onExpires(AGREEMENT_ID, THIRD_ANNIVERSARY);
                })
                .expectEvents(thirdYear(), new AgreementExpiredEvent(AGREEMENT_ID, UNTIL));
    }

    @Test
    void aContributionThatFellDueDoesNotFallDueAgain() {
        fixture.givenCurrentTime(FIRST_ANNIVERSARY)
                .andGiven(scenario.inForce())
                .andGiven(firstYear())
                .whenInvoking(AGREEMENT_ID, agreement -> agreement.onFixedContributionDue(due(1)))
                .expectNoEvents();
    }

    @Test
    void terminationEndsTheContributionsStillToCome() {
        signedByAllAt(Instant.parse("2026-03-01T02:00:00Z"))
                .andGivenCommands(new TerminateAgreementCommand(AGREEMENT_ID, ZHEJIANG, "superseded by round 2"))
                .whenTimeAdvancesTo(THIRD_ANNIVERSARY)
                .expectTriggeredDeadlinesWithName(Agreement.FIXED_CONTRIBUTION_DUE, Agreement.FIXED_CONTRIBUTION_DUE,
                        Agreement.EXPIRES)
                .expectNoEvents();
    }
}
