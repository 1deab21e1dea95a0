package org.basinledger.command.report;

import static org.basinledger.command.support.LedgerMatchers.invalidFields;
import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.report.ActionTaken;
import org.basinledger.api.report.AnswerPublicReportCommand;
import org.basinledger.api.report.AssignPublicReportCommand;
import org.basinledger.api.report.FilePublicReportCommand;
import org.basinledger.api.report.PublicReportAnsweredEvent;
import org.basinledger.api.report.PublicReportAssignedEvent;
import org.basinledger.api.report.PublicReportCategory;
import org.basinledger.api.report.PublicReportFiledEvent;
import org.basinledger.api.report.PublicReportOverdueEvent;
import org.basinledger.api.report.PublicReportRejectedEvent;
import org.basinledger.api.report.RejectPublicReportCommand;
import org.basinledger.api.report.ReportContact;
import org.basinledger.api.report.ReportPhoto;
import org.basinledger.api.report.ReportPlace;
import org.basinledger.command.support.FakeJurisdictionDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Public reports (API.md, "Public reports and river chiefs"): filed by anyone with only a salted hash of the contact
 * in the event, assigned or rejected, answered by the assigned jurisdiction, overdue by a deadline; every refusal.
 */
class PublicReportTest {

    private static final String REPORT = "PR-1";
    private static final String CODE_HASH = "a".repeat(64);
    private static final String SALT = "0123456789abcdef".repeat(4);
    private static final String PHOTO_HASH = "b".repeat(64);
    private static final String JIAXING = "CN-ZJ-JX";
    private static final String SUZHOU = "CN-JS-SZ";
    /** 2026-06-01 10:00 in basin time. */
    private static final Instant NOW = Instant.parse("2026-06-01T02:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static final LocalDate ANSWER_BY = LocalDate.of(2026, 6, 15);
    private static final Instant SEEN = Instant.parse("2026-05-31T23:00:00Z");
    private static final ReportPlace PLACE = new ReportPlace("Taipu River at the Jinze bridge",
            new BigDecimal("31.0401"), new BigDecimal("120.9102"));
    private static final ReportContact CONTACT = new ReportContact("Li Wei", "+86 138 0000 0000", "li@example.org");
    private static final List<ReportPhoto> PHOTOS = List.of(new ReportPhoto(PHOTO_HASH, "https://photos.example/1.jpg"));
    private static final List<Evidence> EVIDENCE = List.of(
            new Evidence("c".repeat(64), "https://jx.example/inspection.pdf", "inspection record"));

    private FixtureConfiguration<PublicReport> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PublicReport.class);
        fixture.registerInjectableResource(new FakeJurisdictionDirectory().register(JIAXING).register(SUZHOU));
    }

    private static FilePublicReportCommand file(ReportContact contact, List<ReportPhoto> photos) {
        return new FilePublicReportCommand(REPORT, CODE_HASH, "Taihu", "AGR-1", "JINZE", "Taipu River", PLACE,
                PublicReportCategory.FISH_KILL, "Dead fish along 200 m of the bank", SEEN, photos, contact, SALT);
    }

    private static PublicReportFiledEvent filed(String contactHash) {
        return new PublicReportFiledEvent(REPORT, CODE_HASH, "Taihu", "AGR-1", "JINZE", "Taipu River", PLACE,
                PublicReportCategory.FISH_KILL, "Dead fish along 200 m of the bank", SEEN, PHOTOS, contactHash);
    }

    private static PublicReportAssignedEvent assigned() {
        return new PublicReportAssignedEvent(REPORT, JIAXING, ANSWER_BY);
    }

    private static AnswerPublicReportCommand answer(String by) {
        return new AnswerPublicReportCommand(REPORT, by, "We found a broken outfall and closed it.",
                ActionTaken.ENFORCEMENT, EVIDENCE);
    }

    // --- filing ---

    @Test
    void aReportIsFiledWithOnlyTheSaltedHashOfItsContact() {
        fixture.givenCurrentTime(NOW)
                .when(file(CONTACT, PHOTOS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(filed(CONTACT.saltedHash(SALT)));
    }

    @Test
    void aReportWithoutContactCarriesNoHash() {
        fixture.givenCurrentTime(NOW)
                .when(file(null, PHOTOS))
                .expectEvents(filed(null));
    }

    @Test
    void anEmptyContactIsNoContact() {
        fixture.givenCurrentTime(NOW)
                .when(file(new ReportContact(" ", null, ""), PHOTOS))
                .expectEvents(filed(null));
    }

    @Test
    void theSaltedHashDependsOnTheSaltAndNamesNoField() {
        String one = CONTACT.saltedHash(SALT);
        String other = CONTACT.saltedHash("f".repeat(64));
        org.assertj.core.api.Assertions.assertThat(one).hasSize(64).isNotEqualTo(other)
                .doesNotContain("Li").doesNotContain("138");
        org.assertj.core.api.Assertions.assertThat(CONTACT.toString()).doesNotContain("Li Wei")
                .doesNotContain("138").doesNotContain("li@example.org");
    }

    @Test
    void refusesAReportWithoutItsRequiredFields() {
        fixture.givenCurrentTime(NOW)
                .when(new FilePublicReportCommand(REPORT, CODE_HASH, " ", null, null, null, null, null, "",
                        null, null, null, null))
                .expectException(invalidFields("basin", "place", "category", "description", "observedAt"))
                .expectNoEvents();
    }

    @Test
    void refusesAnObservationInTheFuture() {
        fixture.givenCurrentTime(NOW)
                .when(new FilePublicReportCommand(REPORT, CODE_HASH, "Taihu", null, null, null, PLACE,
                        PublicReportCategory.ODOUR, "smell", NOW.plus(Duration.ofHours(1)), null, null, null))
                .expectException(invalidFields("observedAt"));
    }

    @Test
    void refusesCoordinatesOutOfRangeOrAlone() {
        fixture.givenCurrentTime(NOW)
                .when(new FilePublicReportCommand(REPORT, CODE_HASH, "Taihu", null, null, null,
                        new ReportPlace("bridge", new BigDecimal("91"), new BigDecimal("120")),
                        PublicReportCategory.ODOUR, "smell", SEEN, null, null, null))
                .expectException(invalidFields("place.latitude"));
        fixture.givenCurrentTime(NOW)
                .when(new FilePublicReportCommand(REPORT, CODE_HASH, "Taihu", null, null, null,
                        new ReportPlace("bridge", null, new BigDecimal("120")),
                        PublicReportCategory.ODOUR, "smell", SEEN, null, null, null))
                .expectException(invalidFields("place.latitude"));
    }

    @Test
    void refusesTextsOverTheirBounds() {
        fixture.givenCurrentTime(NOW)
                .when(new FilePublicReportCommand(REPORT, CODE_HASH, "Taihu", null, null, "w".repeat(201),
                        new ReportPlace("p".repeat(501), null, null), PublicReportCategory.OTHER,
                        "d".repeat(PublicReport.MAX_DESCRIPTION + 1), SEEN, null, null, null))
                .expectException(invalidFields("waterBody", "place.description", "description"));
    }

    @Test
    void refusesMoreThanTenPhotos() {
        fixture.givenCurrentTime(NOW)
                .when(file(null, Collections.nCopies(11, PHOTOS.get(0))))
                .expectException(invalidFields("photos"));
    }

    @Test
    void refusesAPhotoWithoutAHashOrWithALinkThatIsNotHttp() {
        fixture.givenCurrentTime(NOW)
                .when(file(null, List.of(new ReportPhoto("XYZ", "javascript:alert(1)"))))
                .expectException(invalidFields("photos[0].sha256", "photos[0].uri"));
    }

    @Test
    void refusesAContactThatIsNotAPhoneNumberOrAnEmailAddress() {
        fixture.givenCurrentTime(NOW)
                .when(file(new ReportContact("Li", "call me <b>", "not an address"), PHOTOS))
                .expectException(invalidFields("contact.phone", "contact.email"));
    }

    @Test
    void refusesAContactWithoutASalt() {
        fixture.givenCurrentTime(NOW)
                .when(new FilePublicReportCommand(REPORT, CODE_HASH, "Taihu", null, null, null, PLACE,
                        PublicReportCategory.ODOUR, "smell", SEEN, null, CONTACT, null))
                .expectException(invalidFields("contact"));
    }

    @Test
    void refusesATrackingCodeHashOfTheWrongShape() {
        fixture.givenCurrentTime(NOW)
                .when(new FilePublicReportCommand(REPORT, "code", "Taihu", null, null, null, PLACE,
                        PublicReportCategory.ODOUR, "smell", SEEN, null, null, null))
                .expectException(invalidFields("trackingCode"));
    }

    // --- assignment and rejection ---

    @Test
    void theRegistrarAssignsAReportWithAnAnswerDateAndTheOverdueDeadlineIsScheduled() {
        fixture.givenCurrentTime(NOW)
                .andGiven(filed(null))
                .when(new AssignPublicReportCommand(REPORT, JIAXING, ANSWER_BY))
                .expectEvents(assigned())
                .expectScheduledDeadline(LedgerCalendar.endOf(ANSWER_BY), REPORT);
    }

    @Test
    void refusesAnAssignmentToAnUnknownJurisdictionOrWithAnAnswerDateInThePast() {
        fixture.givenCurrentTime(NOW)
                .andGiven(filed(null))
                .when(new AssignPublicReportCommand(REPORT, "CN-XX", TODAY.minusDays(1)))
                .expectException(invalidFields("jurisdictionId", "answerBy"))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void refusesAnAnswerDateMoreThanAYearAhead() {
        fixture.givenCurrentTime(NOW)
                .andGiven(filed(null))
                .when(new AssignPublicReportCommand(REPORT, JIAXING, TODAY.plusDays(367)))
                .expectException(invalidFields("answerBy"));
    }

    @Test
    void refusesAssigningTwice() {
        fixture.givenCurrentTime(NOW)
                .andGiven(filed(null), assigned())
                .when(new AssignPublicReportCommand(REPORT, SUZHOU, ANSWER_BY))
                .expectException(InvalidStateException.class)
                .expectNoEvents();
    }

    @Test
    void theRegistrarRejectsAReceivedReportWithAPublicReason() {
        fixture.givenCurrentTime(NOW)
                .andGiven(filed(null))
                .when(new RejectPublicReportCommand(REPORT, "  Not within the basin.  "))
                .expectEvents(new PublicReportRejectedEvent(REPORT, "Not within the basin."));
    }

    @Test
    void refusesARejectionWithoutAReason() {
        fixture.givenCurrentTime(NOW)
                .andGiven(filed(null))
                .when(new RejectPublicReportCommand(REPORT, " "))
                .expectException(invalidFields("reason"));
    }

    @Test
    void refusesRejectingAnAssignedReportAndAssigningARejectedOne() {
        fixture.givenCurrentTime(NOW)
                .andGiven(filed(null), assigned())
                .when(new RejectPublicReportCommand(REPORT, "duplicate"))
                .expectException(InvalidStateException.class);
        fixture.givenCurrentTime(NOW)
                .andGiven(filed(null), new PublicReportRejectedEvent(REPORT, "duplicate"))
                .when(new AssignPublicReportCommand(REPORT, JIAXING, ANSWER_BY))
                .expectException(InvalidStateException.class);
    }

    // --- answers and the deadline ---

    @Test
    void theAssignedJurisdictionAnswersInTime() {
        fixture.givenCurrentTime(NOW)
                .andGiven(filed(null), assigned())
                .when(answer(JIAXING))
                .expectEvents(new PublicReportAnsweredEvent(REPORT, JIAXING, "We found a broken outfall and closed it.",
                        ActionTaken.ENFORCEMENT, EVIDENCE, ANSWER_BY, true));
    }

    @Test
    void anotherJurisdictionMayNotAnswer() {
        fixture.givenCurrentTime(NOW)
                .andGiven(filed(null), assigned())
                .when(answer(SUZHOU))
                .expectException(NotPermittedException.class)
                .expectNoEvents();
    }

    @Test
    void nobodyAnswersAReportNotAssigned() {
        fixture.givenCurrentTime(NOW)
                .andGiven(filed(null))
                .when(answer(JIAXING))
                .expectException(NotPermittedException.class);
    }

    @Test
    void refusesAnsweringTwice() {
        fixture.givenCurrentTime(NOW)
                .andGiven(filed(null), assigned(), new PublicReportAnsweredEvent(REPORT, JIAXING, "done",
                        ActionTaken.INVESTIGATED, List.of(), ANSWER_BY, true))
                .when(answer(JIAXING))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("ANSWERED"));
    }

    @Test
    void refusesAnAnswerWithoutTextOrActionOrWithBadEvidence() {
        fixture.givenCurrentTime(NOW)
                .andGiven(filed(null), assigned())
                .when(new AnswerPublicReportCommand(REPORT, JIAXING, " ", null,
                        List.of(new Evidence("nothex", "ftp://x", null))))
                .expectException(invalidFields("text", "actionTaken", "evidence[0].sha256", "evidence[0].uri"));
    }

    @Test
    void anUnansweredReportFallsOverdueAtTheEndOfItsAnswerDate() {
        fixture.givenCurrentTime(NOW)
                .andGiven(filed(null))
                .andGivenCommands(new AssignPublicReportCommand(REPORT, JIAXING, ANSWER_BY))
                .whenTimeAdvancesTo(LedgerCalendar.endOf(ANSWER_BY))
                .expectTriggeredDeadlinesWithName(PublicReport.OVERDUE)
                .expectEvents(new PublicReportOverdueEvent(REPORT, JIAXING, ANSWER_BY));
    }

    @Test
    void anAnsweredReportIsNeverOverdue() {
        fixture.givenCurrentTime(NOW)
                .andGiven(filed(null))
                .andGivenCommands(new AssignPublicReportCommand(REPORT, JIAXING, ANSWER_BY), answer(JIAXING))
                .whenTimeAdvancesTo(LedgerCalendar.endOf(ANSWER_BY))
                .expectTriggeredDeadlinesWithName(PublicReport.OVERDUE)
                .expectNoEvents();
    }

    @Test
    void anOverdueReportIsStillAnsweredButLate() {
        fixture.givenCurrentTime(LedgerCalendar.endOf(ANSWER_BY).plus(Duration.ofDays(2)))
                .andGiven(filed(null), assigned(), new PublicReportOverdueEvent(REPORT, JIAXING, ANSWER_BY))
                .when(answer(JIAXING))
                .expectEvents(new PublicReportAnsweredEvent(REPORT, JIAXING, "We found a broken outfall and closed it.",
                        ActionTaken.ENFORCEMENT, EVIDENCE, ANSWER_BY, false));
    }
}
