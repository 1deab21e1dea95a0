package org.basinledger.command.incident;

import static org.basinledger.command.support.LedgerMatchers.invalidFields;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.EmergencyTerms;
import org.basinledger.api.common.Actor;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.incident.AcknowledgeIncidentCommand;
import org.basinledger.api.incident.CloseIncidentCommand;
import org.basinledger.api.incident.IncidentAcknowledgedEvent;
import org.basinledger.api.incident.IncidentAcknowledgementMissedEvent;
import org.basinledger.api.incident.IncidentClosedEvent;
import org.basinledger.api.incident.IncidentLevelChangedEvent;
import org.basinledger.api.incident.IncidentNotice;
import org.basinledger.api.incident.IncidentRaisedEvent;
import org.basinledger.api.incident.IncidentUpdatedEvent;
import org.basinledger.api.incident.RaiseIncidentCommand;
import org.basinledger.api.incident.UpdateIncidentCommand;
import org.basinledger.api.incident.WarningLevel;
import org.basinledger.command.support.FakeAgreementDirectory;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The incident's life (API.md "Emergency incidents"): raising with notices, acknowledgements in time and late,
 * misses on the deadline (with and without a penalty), level changes, closure, and every refusal.
 */
class IncidentTest {

    private static final String INCIDENT = "I-1";
    private static final String AGREEMENT = "AGR-TAIHU";
    private static final String NO_PENALTY = "AGR-NO-PENALTY";
    private static final String NO_DUTIES = "AGR-NO-DUTIES";
    private static final String SIGNED = "AGR-SIGNED";
    private static final String JIANGSU = "CN-JS";
    private static final String ZHEJIANG = "CN-ZJ";
    private static final String SHANGHAI = "CN-SH";
    private static final String OUTSIDER = "CN-AH";
    private static final String SECTION = "JINZE";
    private static final Instant NOW = Instant.parse("2026-07-01T00:00:00Z");
    private static final Instant DETECTED = NOW.minus(Duration.ofMinutes(30));
    private static final Money PENALTY = Money.of("500000", Money.CNY);
    private static final List<Evidence> EVIDENCE = List.of(new Evidence("a".repeat(64),
            "https://example.org/jinze-2026-07-01.pdf", "sampling record"));
    private static final String DESCRIPTION = "Blue-green algae bloom at the Jinze intake";

    private FixtureConfiguration<Incident> fixture;

    static EmergencyTerms duties(Money penalty) {
        Map<WarningLevel, String> within = new EnumMap<>(WarningLevel.class);
        within.put(WarningLevel.BLUE, "P1D");
        within.put(WarningLevel.YELLOW, "PT12H");
        within.put(WarningLevel.ORANGE, "PT6H");
        within.put(WarningLevel.RED, "PT1H");
        return new EmergencyTerms(within, penalty);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
        fixture.registerInjectableResource(new FakeAgreementDirectory()
                .withEmergency(AGREEMENT, AgreementStatus.IN_FORCE, Set.of(SECTION), duties(PENALTY),
                        JIANGSU, ZHEJIANG, SHANGHAI)
                .withEmergency(NO_PENALTY, AgreementStatus.IN_FORCE, Set.of(SECTION), duties(null),
                        JIANGSU, ZHEJIANG)
                .withEmergency(NO_DUTIES, AgreementStatus.IN_FORCE, Set.of(SECTION), null, JIANGSU, ZHEJIANG)
                .withEmergency(SIGNED, AgreementStatus.SIGNED, Set.of(SECTION), duties(PENALTY), JIANGSU, ZHEJIANG));
        fixture.setReportIllegalStateChange(true);
    }

    private static RaiseIncidentCommand raise(String agreementId, String by, WarningLevel level) {
        return new RaiseIncidentCommand(INCIDENT, agreementId, by, SECTION, level, "chlorophyll-a", DESCRIPTION,
                DETECTED, EVIDENCE);
    }

    private static IncidentNotice notice(int number, String to, WarningLevel level, Instant sentAt, Duration within) {
        return new IncidentNotice(number, to, level, sentAt, sentAt.plus(within));
    }

    /** Raised by Jiangsu at ORANGE: Shanghai (1) and Zhejiang (2) must acknowledge within 6 hours. */
    private static IncidentRaisedEvent raised() {
        return new IncidentRaisedEvent(INCIDENT, AGREEMENT, SECTION, WarningLevel.ORANGE, "chlorophyll-a",
                DESCRIPTION, DETECTED, EVIDENCE, JIANGSU, NOW,
                List.of(notice(1, SHANGHAI, WarningLevel.ORANGE, NOW, Duration.ofHours(6)),
                        notice(2, ZHEJIANG, WarningLevel.ORANGE, NOW, Duration.ofHours(6))), duties(PENALTY));
    }

    private static final Instant DUE = NOW.plus(Duration.ofHours(6));

    @Test
    void raisingSendsANoticeToEveryOtherPartyWithTheLevelsDeadline() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(NOW)
                .when(raise(AGREEMENT, JIANGSU, WarningLevel.ORANGE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(raised())
                .expectScheduledDeadlineWithName(DUE, Incident.ACKNOWLEDGEMENT_DUE)
                .expectScheduledDeadline(DUE, "2");
    }

    @Test
    void refusesAnUnknownAgreement() {
        fixture.givenNoPriorActivity().when(raise("AGR-NONE", JIANGSU, WarningLevel.RED))
                .expectException(NotFoundException.class).expectNoEvents();
    }

    @Test
    void refusesAJurisdictionThatIsNotAParty() {
        fixture.givenNoPriorActivity().when(raise(AGREEMENT, OUTSIDER, WarningLevel.RED))
                .expectException(NotPermittedException.class).expectNoEvents();
    }

    @Test
    void refusesAnAgreementNotInForce() {
        fixture.givenNoPriorActivity().when(raise(SIGNED, JIANGSU, WarningLevel.RED))
                .expectException(InvalidStateException.class).expectNoEvents();
    }

    @Test
    void refusesAnAgreementWithoutEmergencyDuties() {
        fixture.givenNoPriorActivity().when(raise(NO_DUTIES, JIANGSU, WarningLevel.RED))
                .expectException(InvalidStateException.class).expectNoEvents();
    }

    @Test
    void refusesAnUnknownSectionAMissingLevelAndBadContentNamingEveryField() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(NOW)
                .when(new RaiseIncidentCommand(INCIDENT, AGREEMENT, JIANGSU, "NOWHERE", null, " ", " ",
                        NOW.plus(Duration.ofHours(1)), List.of(new Evidence("ABC", "javascript:alert(1)", null))))
                .expectException(invalidFields("sectionId", "level", "pollutant", "description", "detectedAt",
                        "evidence[0].sha256", "evidence[0].uri"))
                .expectNoEvents();
    }

    @Test
    void refusesAnIncidentWithoutEvidence() {
        fixture.givenNoPriorActivity()
                .andGivenCurrentTime(NOW)
                .when(new RaiseIncidentCommand(INCIDENT, AGREEMENT, JIANGSU, SECTION, WarningLevel.RED, null,
                        DESCRIPTION, DETECTED, List.of()))
                .expectException(invalidFields("evidence")).expectNoEvents();
    }

    @Test
    void anAcknowledgementBeforeTheDeadlineIsInTime() {
        fixture.given(raised())
                .andGivenCurrentTime(NOW.plus(Duration.ofHours(2)))
                .when(new AcknowledgeIncidentCommand(INCIDENT, ZHEJIANG, "Intake closed"))
                .expectEvents(new IncidentAcknowledgedEvent(INCIDENT, AGREEMENT, 2, ZHEJIANG, WarningLevel.ORANGE,
                        DUE, NOW.plus(Duration.ofHours(2)), false, "Intake closed"));
    }

    @Test
    void anAcknowledgementExactlyAtTheDeadlineIsInTime() {
        fixture.given(raised())
                .andGivenCurrentTime(DUE)
                .when(new AcknowledgeIncidentCommand(INCIDENT, ZHEJIANG, null))
                .expectEvents(new IncidentAcknowledgedEvent(INCIDENT, AGREEMENT, 2, ZHEJIANG, WarningLevel.ORANGE,
                        DUE, DUE, false, null));
    }

    @Test
    void aMissedNoticeOwesThePenaltyToTheRaisingParty() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(raise(AGREEMENT, JIANGSU, WarningLevel.ORANGE))
                .whenTimeElapses(Duration.ofHours(7))
                .expectEvents(missed(1, SHANGHAI), missed(2, ZHEJIANG));
    }

    private static IncidentAcknowledgementMissedEvent missed(int number, String party) {
        return new IncidentAcknowledgementMissedEvent(INCIDENT, AGREEMENT, number, party, WarningLevel.ORANGE, DUE,
                JIANGSU, PENALTY, Incident.penaltyTransferId(INCIDENT, number));
    }

    @Test
    void aMissWithoutAPenaltyOwesNothing() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(raise(NO_PENALTY, JIANGSU, WarningLevel.RED))
                .whenTimeElapses(Duration.ofHours(2))
                .expectEvents(new IncidentAcknowledgementMissedEvent(INCIDENT, NO_PENALTY, 1, ZHEJIANG,
                        WarningLevel.RED, NOW.plus(Duration.ofHours(1)), JIANGSU, null, null));
    }

    @Test
    void aNoticeAcknowledgedInTimeIsNeverMissed() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(raise(AGREEMENT, JIANGSU, WarningLevel.ORANGE),
                        new AcknowledgeIncidentCommand(INCIDENT, SHANGHAI, null),
                        new AcknowledgeIncidentCommand(INCIDENT, ZHEJIANG, null))
                .whenTimeElapses(Duration.ofHours(7))
                .expectNoEvents();
    }

    @Test
    void theMissIsTheLedgersStep() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(raise(AGREEMENT, JIANGSU, WarningLevel.ORANGE))
                .whenTimeElapses(Duration.ofHours(7))
                .expectEventsMatching(new TypeSafeMatcher<List<? super EventMessage<?>>>() {
                    @Override
                    protected boolean matchesSafely(List<? super EventMessage<?>> events) {
                        return events.size() == 2 && events.stream().allMatch(e -> e instanceof EventMessage<?> m
                                && Actor.LEDGER.equals(m.getMetaData().get(Actor.ACTOR)));
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("two misses, each the ledger's step");
                    }
                });
    }

    @Test
    void aLateAcknowledgementIsRecordedAsLateAfterTheMissThatCameFirst() {
        Instant late = DUE.plus(Duration.ofMinutes(10));
        fixture.given(raised())
                .andGivenCurrentTime(late)
                .when(new AcknowledgeIncidentCommand(INCIDENT, ZHEJIANG, null))
                .expectEvents(missed(1, SHANGHAI), missed(2, ZHEJIANG),
                        new IncidentAcknowledgedEvent(INCIDENT, AGREEMENT, 2, ZHEJIANG, WarningLevel.ORANGE, DUE,
                                late, true, null));
    }

    @Test
    void aLateAcknowledgementAfterTheMissIsStillRecorded() {
        Instant late = DUE.plus(Duration.ofHours(1));
        fixture.given(raised(), missed(1, SHANGHAI), missed(2, ZHEJIANG))
                .andGivenCurrentTime(late)
                .when(new AcknowledgeIncidentCommand(INCIDENT, SHANGHAI, "We were offline"))
                .expectEvents(new IncidentAcknowledgedEvent(INCIDENT, AGREEMENT, 1, SHANGHAI, WarningLevel.ORANGE,
                        DUE, late, true, "We were offline"));
    }

    @Test
    void refusesASecondAcknowledgement() {
        fixture.given(raised(), new IncidentAcknowledgedEvent(INCIDENT, AGREEMENT, 2, ZHEJIANG,
                        WarningLevel.ORANGE, DUE, NOW, false, null))
                .andGivenCurrentTime(NOW.plus(Duration.ofHours(1)))
                .when(new AcknowledgeIncidentCommand(INCIDENT, ZHEJIANG, null))
                .expectException(InvalidStateException.class).expectNoEvents();
    }

    @Test
    void refusesAnAcknowledgementByThePartyWithoutANoticeOrAnOutsider() {
        fixture.given(raised()).andGivenCurrentTime(NOW)
                .when(new AcknowledgeIncidentCommand(INCIDENT, JIANGSU, null))
                .expectException(NotPermittedException.class).expectNoEvents();
        fixture.given(raised()).andGivenCurrentTime(NOW)
                .when(new AcknowledgeIncidentCommand(INCIDENT, OUTSIDER, null))
                .expectException(NotPermittedException.class).expectNoEvents();
    }

    @Test
    void refusesAnAcknowledgementNoteTooLong() {
        fixture.given(raised()).andGivenCurrentTime(NOW)
                .when(new AcknowledgeIncidentCommand(INCIDENT, ZHEJIANG, "x".repeat(Incident.MAX_NOTE + 1)))
                .expectException(invalidFields("note")).expectNoEvents();
    }

    @Test
    void anUpdateWithoutANewLevelSendsNoNotice() {
        Instant at = NOW.plus(Duration.ofHours(1));
        fixture.given(raised()).andGivenCurrentTime(at)
                .when(new UpdateIncidentCommand(INCIDENT, ZHEJIANG, "Bloom spreading south", WarningLevel.ORANGE,
                        null))
                .expectEvents(new IncidentUpdatedEvent(INCIDENT, AGREEMENT, 1, ZHEJIANG, "Bloom spreading south",
                        List.of(), at));
    }

    @Test
    void aNewLevelWithdrawsPendingNoticesAndSendsNewOnesWithThatLevelsDeadline() {
        Instant at = NOW.plus(Duration.ofHours(1));
        fixture.given(raised(), new IncidentAcknowledgedEvent(INCIDENT, AGREEMENT, 2, ZHEJIANG,
                        WarningLevel.ORANGE, DUE, NOW, false, null))
                .andGivenCurrentTime(at)
                .when(new UpdateIncidentCommand(INCIDENT, JIANGSU, "Toxins found at the intake", WarningLevel.RED,
                        EVIDENCE))
                .expectEvents(new IncidentUpdatedEvent(INCIDENT, AGREEMENT, 1, JIANGSU, "Toxins found at the intake",
                                EVIDENCE, at),
                        new IncidentLevelChangedEvent(INCIDENT, AGREEMENT, WarningLevel.ORANGE, WarningLevel.RED,
                                JIANGSU, at, List.of(1),
                                List.of(notice(3, SHANGHAI, WarningLevel.RED, at, Duration.ofHours(1)),
                                        notice(4, ZHEJIANG, WarningLevel.RED, at, Duration.ofHours(1)))))
                .expectScheduledDeadline(at.plus(Duration.ofHours(1)), "3")
                .expectScheduledDeadline(at.plus(Duration.ofHours(1)), "4");
    }

    @Test
    void aWithdrawnNoticeIsNeverMissedAndTheNewOnesAre() {
        Instant redDue = NOW.plus(Duration.ofHours(1));
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(raise(AGREEMENT, JIANGSU, WarningLevel.ORANGE),
                        new UpdateIncidentCommand(INCIDENT, JIANGSU, "Toxins", WarningLevel.RED, null),
                        new AcknowledgeIncidentCommand(INCIDENT, SHANGHAI, null))
                .whenTimeElapses(Duration.ofHours(8))
                .expectEvents(new IncidentAcknowledgementMissedEvent(INCIDENT, AGREEMENT, 4, ZHEJIANG,
                        WarningLevel.RED, redDue, JIANGSU, PENALTY, Incident.penaltyTransferId(INCIDENT, 4)));
    }

    @Test
    void refusesAnUpdateByAnOutsiderOrWithoutText() {
        fixture.given(raised()).andGivenCurrentTime(NOW)
                .when(new UpdateIncidentCommand(INCIDENT, OUTSIDER, "x", null, null))
                .expectException(NotPermittedException.class).expectNoEvents();
        fixture.given(raised()).andGivenCurrentTime(NOW)
                .when(new UpdateIncidentCommand(INCIDENT, ZHEJIANG, " ", WarningLevel.RED,
                        List.of(new Evidence("b".repeat(64), "/relative", null))))
                .expectException(invalidFields("text", "evidence[0].uri")).expectNoEvents();
    }

    @Test
    void closureByTheRaisingPartyWithdrawsPendingNotices() {
        Instant at = NOW.plus(Duration.ofHours(2));
        fixture.given(raised(), new IncidentAcknowledgedEvent(INCIDENT, AGREEMENT, 1, SHANGHAI,
                        WarningLevel.ORANGE, DUE, NOW, false, null))
                .andGivenCurrentTime(at)
                .when(new CloseIncidentCommand(INCIDENT, JIANGSU, "Bloom dispersed; intake reopened"))
                .expectEvents(new IncidentClosedEvent(INCIDENT, AGREEMENT, JIANGSU,
                        "Bloom dispersed; intake reopened", at, List.of(2)));
    }

    @Test
    void aClosedIncidentsDeadlinesChangeNothing() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(raise(AGREEMENT, JIANGSU, WarningLevel.ORANGE),
                        new CloseIncidentCommand(INCIDENT, JIANGSU, "False alarm"))
                .whenTimeElapses(Duration.ofHours(7))
                .expectNoEvents();
    }

    @Test
    void closureAfterADeadlineRecordsTheMissFirst() {
        Instant at = DUE.plus(Duration.ofMinutes(1));
        fixture.given(raised(), new IncidentAcknowledgedEvent(INCIDENT, AGREEMENT, 1, SHANGHAI,
                        WarningLevel.ORANGE, DUE, NOW, false, null))
                .andGivenCurrentTime(at)
                .when(new CloseIncidentCommand(INCIDENT, JIANGSU, "Over"))
                .expectEvents(missed(2, ZHEJIANG),
                        new IncidentClosedEvent(INCIDENT, AGREEMENT, JIANGSU, "Over", at, List.of()));
    }

    @Test
    void refusesClosureByAnotherPartyOrWithoutSummary() {
        fixture.given(raised()).andGivenCurrentTime(NOW)
                .when(new CloseIncidentCommand(INCIDENT, ZHEJIANG, "Over"))
                .expectException(NotPermittedException.class).expectNoEvents();
        fixture.given(raised()).andGivenCurrentTime(NOW)
                .when(new CloseIncidentCommand(INCIDENT, JIANGSU, ""))
                .expectException(invalidFields("summary")).expectNoEvents();
    }

    @Test
    void refusesEveryChangeToAClosedIncident() {
        IncidentClosedEvent closed = new IncidentClosedEvent(INCIDENT, AGREEMENT, JIANGSU, "Over", NOW,
                List.of(1, 2));
        fixture.given(raised(), closed).andGivenCurrentTime(NOW)
                .when(new CloseIncidentCommand(INCIDENT, JIANGSU, "Again"))
                .expectException(InvalidStateException.class).expectNoEvents();
        fixture.given(raised(), closed).andGivenCurrentTime(NOW)
                .when(new UpdateIncidentCommand(INCIDENT, ZHEJIANG, "More", WarningLevel.RED, null))
                .expectException(InvalidStateException.class).expectNoEvents();
        fixture.given(raised(), closed).andGivenCurrentTime(NOW)
                .when(new AcknowledgeIncidentCommand(INCIDENT, ZHEJIANG, null))
                .expectException(InvalidStateException.class).expectNoEvents();
    }
}
