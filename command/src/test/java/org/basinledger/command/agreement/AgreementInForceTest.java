package org.basinledger.command.agreement;

import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.FROM;
import static org.basinledger.command.agreement.AgreementSamples.OBLIGATION;
import static org.basinledger.command.agreement.AgreementSamples.OBLIGATION_DUE;
import static org.basinledger.command.agreement.AgreementSamples.UNTIL;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.basinledger.api.agreement.AgreementExpiredEvent;
import org.basinledger.api.agreement.FulfilObligationCommand;
import org.basinledger.api.agreement.TerminateAgreementCommand;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.LedgerCalendar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Time-driven steps: entry into force, obligations falling overdue, expiry, and their deadlines after an end. */
class AgreementInForceTest {

    private static final Instant BEFORE_EFFECTIVE_FROM = Instant.parse("2024-12-01T02:00:00Z");
    private static final Instant WHILE_OBLIGATION_PENDING = Instant.parse("2025-03-01T02:00:00Z");
    private static final List<Evidence> EVIDENCE = List.of(new Evidence("a".repeat(64),
            "https://sthjt.ah.gov.cn/jiekou/2025-06.pdf", "joint monitoring report"));

    private final AgreementScenario scenario = AgreementScenario.twoParties();
    private FixtureConfiguration<Agreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = scenario.fixture();
    }

    private TerminateAgreementCommand terminate() {
        return new TerminateAgreementCommand(AGREEMENT_ID, ZHEJIANG, "superseded by round 2");
    }

    @Test
    void entersIntoForceWhenEffectiveFromBegins() {
        fixture.givenCurrentTime(BEFORE_EFFECTIVE_FROM)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI))
                .andGivenCommands(scenario.sign(ZHEJIANG))
                .whenTimeAdvancesTo(LedgerCalendar.startOf(FROM))
                .expectEvents(scenario.enteredIntoForce())
                .expectTriggeredDeadlinesWithName(Agreement.ENTERS_INTO_FORCE);
    }

    @Test
    void enteringIntoForceByDeadlineSchedulesTheObligationsAndTheExpiry() {
        fixture.givenCurrentTime(BEFORE_EFFECTIVE_FROM)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI))
                .andGivenCommands(scenario.sign(ZHEJIANG))
                .whenTimeAdvancesTo(LedgerCalendar.startOf(FROM))
                .expectScheduledDeadline(LedgerCalendar.endOf(OBLIGATION_DUE), OBLIGATION)
                .expectScheduledDeadlineWithName(LedgerCalendar.endOf(UNTIL), Agreement.EXPIRES);
    }

    @Test
    void doesNotEnterIntoForceBeforeEffectiveFrom() {
        fixture.givenCurrentTime(BEFORE_EFFECTIVE_FROM)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI))
                .andGivenCommands(scenario.sign(ZHEJIANG))
                .whenTimeAdvancesTo(LedgerCalendar.startOf(FROM).minusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void anUnfulfilledObligationFallsOverdueAfterItsDueDate() {
        fixture.givenCurrentTime(WHILE_OBLIGATION_PENDING)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI))
                .andGivenCommands(scenario.sign(ZHEJIANG))
                .whenTimeAdvancesTo(LedgerCalendar.endOf(OBLIGATION_DUE))
                .expectEvents(scenario.obligationOverdue());
    }

    @Test
    void anObligationIsNotOverdueOnItsDueDate() {
        fixture.givenCurrentTime(WHILE_OBLIGATION_PENDING)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI))
                .andGivenCommands(scenario.sign(ZHEJIANG))
                .whenTimeAdvancesTo(LedgerCalendar.endOf(OBLIGATION_DUE).minusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void aFulfilledObligationDoesNotFallOverdue() {
        fixture.givenCurrentTime(WHILE_OBLIGATION_PENDING)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI))
                .andGivenCommands(scenario.sign(ZHEJIANG),
                        new FulfilObligationCommand(AGREEMENT_ID, OBLIGATION, ANHUI, EVIDENCE, null))
                .whenTimeAdvancesTo(LedgerCalendar.endOf(OBLIGATION_DUE))
                .expectNoEvents();
    }

    @Test
    void expiresAfterEffectiveUntil() {
        fixture.givenCurrentTime(WHILE_OBLIGATION_PENDING)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI))
                .andGivenCommands(scenario.sign(ZHEJIANG),
                        new FulfilObligationCommand(AGREEMENT_ID, OBLIGATION, ANHUI, EVIDENCE, null))
                .whenTimeAdvancesTo(LedgerCalendar.endOf(UNTIL))
                .expectEvents(new AgreementExpiredEvent(AGREEMENT_ID, UNTIL));
    }

    @Test
    void theEntryIntoForceDeadlineDoesNothingAfterTermination() {
        fixture.givenCurrentTime(BEFORE_EFFECTIVE_FROM)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI))
                .andGivenCommands(scenario.sign(ZHEJIANG), terminate())
                .whenTimeAdvancesTo(LedgerCalendar.startOf(FROM))
                .expectTriggeredDeadlinesWithName(Agreement.ENTERS_INTO_FORCE)
                .expectNoEvents();
    }

    @Test
    void theObligationAndExpiryDeadlinesDoNothingAfterTermination() {
        fixture.givenCurrentTime(WHILE_OBLIGATION_PENDING)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI))
                .andGivenCommands(scenario.sign(ZHEJIANG), terminate())
                .whenTimeAdvancesTo(LedgerCalendar.endOf(UNTIL))
                .expectTriggeredDeadlinesWithName(Agreement.OBLIGATION_DUE, Agreement.EXPIRES)
                .expectNoEvents();
    }
}
