package org.basinledger.command.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.MINISTRY;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementExpiredEvent;
import org.basinledger.api.compliance.FixedContributionFellDueEvent;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

/**
 * An agreement signed long after its anniversaries passed (here 60 years of a fixed contribution, signed after
 * its end) owes every year, but catches up in bounded steps of {@link Agreement#CATCH_UP_BATCH} contributions a
 * transaction, each step a deadline of its own, and expires only after the last one.
 */
class FixedContributionCatchUpTest {

    private static final Instant SIGNED_AT = Instant.parse("2027-03-01T02:00:00Z");

    private final AgreementScenario scenario = new AgreementScenario(sixtyYears());
    private final FixtureConfiguration<Agreement> fixture = scenario.fixture();

    private static AgreementDraft sixtyYears() {
        AgreementDraft base = AgreementSamples.compensationDraft();
        return new AgreementDraft(base.title(), base.basin(), base.parties(), LocalDate.of(1950, 1, 1),
                LocalDate.of(2009, 12, 31), base.terms());
    }

    @Test
    void theSignatureAppliesOneBatchAndSchedulesTheRest() {
        fixture.givenCurrentTime(SIGNED_AT)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI), scenario.signed(ZHEJIANG))
                .when(scenario.sign(MINISTRY))
                .expectEventsMatching(counting(Agreement.CATCH_UP_BATCH, false))
                .expectScheduledDeadlineWithName(SIGNED_AT, Agreement.CATCH_UP);
    }

    @Test
    void theNextStepAppliesTheRestAndThenExpiresTheAgreement() {
        fixture.givenCurrentTime(SIGNED_AT)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI), scenario.signed(ZHEJIANG))
                .andGivenCommands(scenario.sign(MINISTRY))
                .whenTimeElapses(Duration.ofSeconds(1))
                .expectTriggeredDeadlinesWithName(Agreement.CATCH_UP)
                .expectEventsMatching(counting(60 - Agreement.CATCH_UP_BATCH, true))
                .expectNoScheduledDeadlineWithName(SIGNED_AT.plusSeconds(1), Agreement.CATCH_UP);
    }

    @Test
    void theBatchIsSmallEnoughForOneTransactionAndEveryYearIsOwedOnce() {
        assertThat(Agreement.CATCH_UP_BATCH).isBetween(1, 100);
        assertThat(FixedContributions.schedule(sixtyYears())).hasSize(60)
                .extracting(s -> s.due().year()).doesNotHaveDuplicates();
    }

    /** Exactly {@code contributions} fixed contributions among the events, then the expiry or not. */
    private static Matcher<List<EventMessage<?>>> counting(int contributions, boolean thenExpired) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                List<?> events = (List<?>) actual;
                long fellDue = events.stream().map(e -> ((EventMessage<?>) e).getPayload())
                        .filter(FixedContributionFellDueEvent.class::isInstance).count();
                boolean expired = !events.isEmpty()
                        && ((EventMessage<?>) events.get(events.size() - 1)).getPayload() instanceof AgreementExpiredEvent;
                long expiries = events.stream().map(e -> ((EventMessage<?>) e).getPayload())
                        .filter(AgreementExpiredEvent.class::isInstance).count();
                return fellDue == contributions && expired == thenExpired && expiries == (thenExpired ? 1 : 0);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(contributions + " fixed contributions" + (thenExpired ? ", then the expiry" : ""));
            }
        };
    }
}
