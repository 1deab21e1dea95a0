package org.basinledger.command.agreement;

import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.JIEKOU;
import static org.basinledger.command.agreement.AgreementSamples.OBLIGATION;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;
import static org.basinledger.command.agreement.ComplianceSamples.report;
import static org.basinledger.command.agreement.ComplianceSamples.sample;
import static org.basinledger.command.agreement.ComplianceSamples.xinan;
import static org.basinledger.command.support.LedgerMatchers.invalidFields;
import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.axonframework.test.matchers.Matchers;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.AlreadyExistsException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.UnderDisputeException;
import org.basinledger.api.compliance.AssessSectionCommand;
import org.basinledger.api.compliance.AssessmentInputs.PollutantMean;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.MonitoringReportSubmittedEvent;
import org.basinledger.api.dispute.CloseSubjectDisputeCommand;
import org.basinledger.api.dispute.OpenSubjectDisputeCommand;
import org.basinledger.api.dispute.RemedyType;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectConsequence;
import org.basinledger.api.dispute.SubjectDisputeClosedEvent;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.api.dispute.SubjectType;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubjectDisputeTest {

    private static final Instant EARLY_2026 = Instant.parse("2026-01-05T02:00:00Z");
    private static final String DISPUTE = "DSP-1";
    private static final String OTHER_DISPUTE = "DSP-2";
    private static final Subject THE_AGREEMENT = new Subject(SubjectType.AGREEMENT, AGREEMENT_ID);
    private static final Subject THE_OBLIGATION = new Subject(SubjectType.OBLIGATION, OBLIGATION);
    private static final Subject REPORT_2 = new Subject(SubjectType.MONITORING_REPORT, "R-2");
    private static final Subject ASSESSMENT_1 = new Subject(SubjectType.ASSESSMENT, "A-1");

    /** Two reports of 2025 at Jiekou: R-1 at the baselines (met), R-2 far above them. */
    private static final MonitoringReportSubmittedEvent R1 = report("R-1", ANHUI, JIEKOU, "2025", null,
            xinan("2025-03-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10"));
    private static final MonitoringReportSubmittedEvent R2 = report("R-2", ZHEJIANG, JIEKOU, "2025", null,
            xinan("2025-09-10T02:00:00Z", "3.60", "0.18", "0.050", "2.20"));

    private final AgreementScenario scenario = AgreementScenario.compensation();
    private FixtureConfiguration<Agreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = scenario.fixture();
    }

    private TestExecutor<Agreement> inForceWithReports() {
        return fixture.givenCurrentTime(EARLY_2026).andGiven(scenario.inForce()).andGiven(R1, R2);
    }

    private static OpenSubjectDisputeCommand open(String disputeId, Subject subject) {
        return new OpenSubjectDisputeCommand(AGREEMENT_ID, disputeId, subject);
    }

    private static CloseSubjectDisputeCommand close(RulingOutcome outcome) {
        return new CloseSubjectDisputeCommand(AGREEMENT_ID, DISPUTE, outcome);
    }

    private static AssessSectionCommand assess(String assessmentId, String period) {
        return new AssessSectionCommand(AGREEMENT_ID, assessmentId, ANHUI, JIEKOU, period);
    }

    private static String transferOf(String assessmentId) {
        return UUID.nameUUIDFromBytes(("assessment-transfer:" + assessmentId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Exactly one {@link AssessmentRecordedEvent}, which passes the check. */
    private static Matcher<List<Message<?>>> recorded(Predicate<AssessmentRecordedEvent> check) {
        Matcher<Object> assessment = Matchers.matches(p -> p instanceof AssessmentRecordedEvent e && check.test(e));
        return Matchers.payloadsMatching(Matchers.exactSequenceOf(assessment, Matchers.andNoMore()));
    }

    private static boolean usesOnly(AssessmentRecordedEvent event, String... reportIds) {
        return event.inputs().reportIds().equals(List.of(reportIds));
    }

    private static BigDecimal meanOf(AssessmentRecordedEvent event, Pollutant pollutant) {
        return event.inputs().means().stream().filter(m -> m.pollutant() == pollutant).map(PollutantMean::mean)
                .findFirst().orElseThrow();
    }

    // --- opening a dispute on a subject ---

    @Test
    void theAgreementItselfIsDisputed() {
        inForceWithReports().when(open(DISPUTE, THE_AGREEMENT))
                .expectEvents(new SubjectDisputedEvent(AGREEMENT_ID, DISPUTE, THE_AGREEMENT, null));
    }

    @Test
    void anObligationOfTheTermsIsDisputed() {
        inForceWithReports().when(open(DISPUTE, THE_OBLIGATION))
                .expectEvents(new SubjectDisputedEvent(AGREEMENT_ID, DISPUTE, THE_OBLIGATION, null));
    }

    @Test
    void aReportOfTheAgreementIsDisputed() {
        inForceWithReports().when(open(DISPUTE, REPORT_2))
                .expectEvents(new SubjectDisputedEvent(AGREEMENT_ID, DISPUTE, REPORT_2, null));
    }

    @Test
    void aDisputedAssessmentNamesTheTransferItCreated() {
        inForceWithReports().andGivenCommands(assess("A-1", "2025"))
                .when(open(DISPUTE, ASSESSMENT_1))
                .expectEvents(new SubjectDisputedEvent(AGREEMENT_ID, DISPUTE, ASSESSMENT_1, transferOf("A-1")));
    }

    @Test
    void aDisputedAssessmentThatOwedNothingNamesNoTransfer() {
        fixture.givenCurrentTime(Instant.parse("2025-05-03T02:00:00Z")).andGiven(scenario.inForce())
                .andGiven(report("R-4", ANHUI, JIEKOU, "2025-04", "10",
                        sample("2025-04-05T02:00:00Z", Pollutant.CODMN, "5.5"),
                        sample("2025-04-05T02:00:00Z", Pollutant.NH3N, "1.0")))
                .andGivenCommands(assess("A-4", "2025-04"))
                .when(open(DISPUTE, new Subject(SubjectType.ASSESSMENT, "A-4")))
                .expectEvents(new SubjectDisputedEvent(AGREEMENT_ID, DISPUTE, new Subject(SubjectType.ASSESSMENT, "A-4"),
                        null));
    }

    @Test
    void refusesASubjectThatIsNotPartOfTheAgreement() {
        for (Subject subject : List.of(new Subject(SubjectType.AGREEMENT, "AGR-TAIHU-1"),
                new Subject(SubjectType.OBLIGATION, "NO-SUCH-DUTY"), new Subject(SubjectType.MONITORING_REPORT, "R-9"),
                new Subject(SubjectType.ASSESSMENT, "A-9"))) {
            inForceWithReports().when(open(DISPUTE, subject))
                    .expectException(invalidFields("subject.id"))
                    .expectExceptionMessage(containsString("is not part of agreement " + AGREEMENT_ID));
        }
    }

    @Test
    void refusesATransferAsASubjectOfTheAgreement() {
        inForceWithReports().when(open(DISPUTE, new Subject(SubjectType.TRANSFER, "T-1")))
                .expectException(invalidFields("subject.type"));
    }

    @Test
    void refusesASubjectAlreadyUnderAnOpenDispute() {
        inForceWithReports().andGivenCommands(open(DISPUTE, REPORT_2))
                .when(open(OTHER_DISPUTE, REPORT_2))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("already under dispute " + DISPUTE));
    }

    @Test
    void anotherSubjectIsDisputedAlongside() {
        inForceWithReports().andGivenCommands(open(DISPUTE, REPORT_2))
                .when(open(OTHER_DISPUTE, THE_AGREEMENT))
                .expectEvents(new SubjectDisputedEvent(AGREEMENT_ID, OTHER_DISPUTE, THE_AGREEMENT, null));
    }

    @Test
    void aReleasedSubjectMayBeDisputedAgain() {
        inForceWithReports().andGivenCommands(open(DISPUTE, REPORT_2), close(RulingOutcome.DISMISSED))
                .when(open(OTHER_DISPUTE, REPORT_2))
                .expectEvents(new SubjectDisputedEvent(AGREEMENT_ID, OTHER_DISPUTE, REPORT_2, null));
    }

    @Test
    void refusesARejectedReport() {
        inForceWithReports().andGivenCommands(open(DISPUTE, REPORT_2), close(RulingOutcome.UPHELD))
                .when(open(OTHER_DISPUTE, REPORT_2))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("rejected"));
    }

    @Test
    void refusesAnAnnulledAssessment() {
        inForceWithReports().andGivenCommands(assess("A-1", "2025"), open(DISPUTE, ASSESSMENT_1),
                        close(RulingOutcome.UPHELD))
                .when(open(OTHER_DISPUTE, ASSESSMENT_1))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("annulled"));
    }

    // --- closing: the consequence for each kind of subject ---

    @Test
    void anUpheldClaimRejectsTheReport() {
        inForceWithReports().andGivenCommands(open(DISPUTE, REPORT_2))
                .when(close(RulingOutcome.UPHELD))
                .expectEvents(new SubjectDisputeClosedEvent(AGREEMENT_ID, DISPUTE, REPORT_2, RulingOutcome.UPHELD,
                        SubjectConsequence.REPORT_REJECTED));
    }

    @Test
    void anyOtherEndReleasesTheReport() {
        for (RulingOutcome outcome : new RulingOutcome[] {RulingOutcome.DISMISSED, RulingOutcome.SETTLED_BY_CONSENT,
                null}) {
            inForceWithReports().andGivenCommands(open(DISPUTE, REPORT_2))
                    .when(close(outcome))
                    .expectEvents(new SubjectDisputeClosedEvent(AGREEMENT_ID, DISPUTE, REPORT_2, outcome,
                            SubjectConsequence.RELEASED));
        }
    }

    @Test
    void anUpheldClaimAnnulsTheAssessment() {
        inForceWithReports().andGivenCommands(assess("A-1", "2025"), open(DISPUTE, ASSESSMENT_1))
                .when(close(RulingOutcome.UPHELD))
                .expectEvents(new SubjectDisputeClosedEvent(AGREEMENT_ID, DISPUTE, ASSESSMENT_1, RulingOutcome.UPHELD,
                        SubjectConsequence.ASSESSMENT_ANNULLED));
    }

    @Test
    void anUpheldClaimToRejectTheReportRejectsIt() {
        inForceWithReports().andGivenCommands(open(DISPUTE, REPORT_2))
                .when(new CloseSubjectDisputeCommand(AGREEMENT_ID, DISPUTE, RulingOutcome.UPHELD, RemedyType.REJECT))
                .expectEvents(new SubjectDisputeClosedEvent(AGREEMENT_ID, DISPUTE, REPORT_2, RulingOutcome.UPHELD,
                        SubjectConsequence.REPORT_REJECTED));
    }

    @Test
    void anUpheldClaimToAnnulTheAssessmentAnnulsIt() {
        inForceWithReports().andGivenCommands(assess("A-1", "2025"), open(DISPUTE, ASSESSMENT_1))
                .when(new CloseSubjectDisputeCommand(AGREEMENT_ID, DISPUTE, RulingOutcome.UPHELD, RemedyType.ANNUL))
                .expectEvents(new SubjectDisputeClosedEvent(AGREEMENT_ID, DISPUTE, ASSESSMENT_1, RulingOutcome.UPHELD,
                        SubjectConsequence.ASSESSMENT_ANNULLED));
    }

    @Test
    void anUpheldClaimToAdjustTheAssessmentsTransferLetsTheAssessmentStand() {
        inForceWithReports().andGivenCommands(assess("A-1", "2025"), open(DISPUTE, ASSESSMENT_1))
                .when(new CloseSubjectDisputeCommand(AGREEMENT_ID, DISPUTE, RulingOutcome.UPHELD, RemedyType.ADJUST))
                .expectEvents(new SubjectDisputeClosedEvent(AGREEMENT_ID, DISPUTE, ASSESSMENT_1, RulingOutcome.UPHELD,
                        SubjectConsequence.RELEASED));
    }

    @Test
    void refusesAnUpheldClaimToAdjustAnAssessmentThatCreatedNoTransfer() {
        fixture.givenCurrentTime(Instant.parse("2025-05-03T02:00:00Z")).andGiven(scenario.inForce())
                .andGiven(report("R-4", ANHUI, JIEKOU, "2025-04", "10",
                        sample("2025-04-05T02:00:00Z", Pollutant.CODMN, "5.5"),
                        sample("2025-04-05T02:00:00Z", Pollutant.NH3N, "1.0")))
                .andGivenCommands(assess("A-4", "2025-04"), open(DISPUTE, new Subject(SubjectType.ASSESSMENT, "A-4")))
                .when(new CloseSubjectDisputeCommand(AGREEMENT_ID, DISPUTE, RulingOutcome.UPHELD, RemedyType.ADJUST))
                .expectException(invalidFields("remedy.type"));
    }

    @Test
    void refusesARemedyThatDoesNotFitTheSubject() {
        inForceWithReports().andGivenCommands(open(DISPUTE, REPORT_2))
                .when(new CloseSubjectDisputeCommand(AGREEMENT_ID, DISPUTE, RulingOutcome.UPHELD, RemedyType.ANNUL))
                .expectException(invalidFields("remedy.type"));
    }

    @Test
    void anyOtherEndLetsTheAssessmentStand() {
        for (RulingOutcome outcome : new RulingOutcome[] {RulingOutcome.DISMISSED, RulingOutcome.ADJUSTED,
                RulingOutcome.SETTLED_BY_CONSENT, null}) {
            inForceWithReports().andGivenCommands(assess("A-1", "2025"), open(DISPUTE, ASSESSMENT_1))
                    .when(close(outcome))
                    .expectEvents(new SubjectDisputeClosedEvent(AGREEMENT_ID, DISPUTE, ASSESSMENT_1, outcome,
                            SubjectConsequence.RELEASED));
        }
    }

    @Test
    void aRulingOnTheAgreementOrAnObligationIsRecorded() {
        for (Subject subject : List.of(THE_AGREEMENT, THE_OBLIGATION)) {
            for (RulingOutcome outcome : new RulingOutcome[] {RulingOutcome.UPHELD, RulingOutcome.DISMISSED,
                    RulingOutcome.SETTLED_BY_CONSENT}) {
                inForceWithReports().andGivenCommands(open(DISPUTE, subject))
                        .when(close(outcome))
                        .expectEvents(new SubjectDisputeClosedEvent(AGREEMENT_ID, DISPUTE, subject, outcome,
                                SubjectConsequence.RECORDED));
            }
        }
    }

    @Test
    void aWithdrawalReleasesTheAgreementOrAnObligation() {
        for (Subject subject : List.of(THE_AGREEMENT, THE_OBLIGATION)) {
            inForceWithReports().andGivenCommands(open(DISPUTE, subject))
                    .when(close(null))
                    .expectEvents(new SubjectDisputeClosedEvent(AGREEMENT_ID, DISPUTE, subject, null,
                            SubjectConsequence.RELEASED));
        }
    }

    @Test
    void refusesToCloseADisputeThatHoldsNoSubject() {
        inForceWithReports().when(close(RulingOutcome.DISMISSED))
                .expectException(InvalidStateException.class);
        inForceWithReports().andGivenCommands(open(OTHER_DISPUTE, REPORT_2))
                .when(close(RulingOutcome.DISMISSED))
                .expectException(InvalidStateException.class);
        inForceWithReports().andGivenCommands(open(DISPUTE, REPORT_2), close(RulingOutcome.DISMISSED))
                .when(close(RulingOutcome.DISMISSED))
                .expectException(InvalidStateException.class);
    }

    @Test
    void refusesToAdjustAnAssessmentThatCreatedNoTransfer() {
        fixture.givenCurrentTime(Instant.parse("2025-05-03T02:00:00Z")).andGiven(scenario.inForce())
                .andGiven(report("R-4", ANHUI, JIEKOU, "2025-04", "10",
                        sample("2025-04-05T02:00:00Z", Pollutant.CODMN, "5.5"),
                        sample("2025-04-05T02:00:00Z", Pollutant.NH3N, "1.0")))
                .andGivenCommands(assess("A-4", "2025-04"), open(DISPUTE, new Subject(SubjectType.ASSESSMENT, "A-4")))
                .when(close(RulingOutcome.ADJUSTED))
                .expectException(invalidFields("adjustedAmount"));
    }

    @Test
    void refusesToAdjustAReport() {
        inForceWithReports().andGivenCommands(open(DISPUTE, REPORT_2))
                .when(close(RulingOutcome.ADJUSTED))
                .expectException(invalidFields("outcome"));
    }

    // --- what a dispute does to assessments ---

    @Test
    void refusesToAssessAPeriodWhileOneOfItsReportsIsDisputed() {
        inForceWithReports().andGivenCommands(open(DISPUTE, REPORT_2))
                .when(assess("A-1", "2025"))
                .expectException(disputedBy(DISPUTE))
                .expectExceptionMessage(containsString("report R-2 (2025) is under dispute " + DISPUTE));
    }

    @Test
    void refusesToAssessAMonthWhileAReportOfItsYearIsDisputed() {
        inForceWithReports().andGivenCommands(open(DISPUTE, REPORT_2))
                .when(assess("A-4", "2025-04"))
                .expectException(disputedBy(DISPUTE));
    }

    @Test
    void aDisputedReportOfAnotherPeriodOrSectionDoesNotHoldTheAssessment() {
        fixture.givenCurrentTime(Instant.parse("2025-05-03T02:00:00Z")).andGiven(scenario.inForce())
                .andGiven(report("R-3", ANHUI, JIEKOU, "2025-03", "10",
                                sample("2025-03-05T02:00:00Z", Pollutant.CODMN, "7.5")),
                        report("R-4", ANHUI, JIEKOU, "2025-04", "10",
                                sample("2025-04-05T02:00:00Z", Pollutant.CODMN, "5.5"),
                                sample("2025-04-05T02:00:00Z", Pollutant.NH3N, "1.0")),
                        report("R-5", ANHUI, AgreementSamples.QIANDAO, "2025-04", null,
                                sample("2025-04-06T02:00:00Z", Pollutant.CODMN, "9.5")))
                .andGivenCommands(open(DISPUTE, new Subject(SubjectType.MONITORING_REPORT, "R-3")),
                        open(OTHER_DISPUTE, new Subject(SubjectType.MONITORING_REPORT, "R-5")))
                .when(assess("A-4", "2025-04"))
                .expectEventsMatching(recorded(e -> usesOnly(e, "R-4")));
    }

    @Test
    void anAssessmentRefusedForADisputedReportIsAcceptedOnceTheReportIsReleased() {
        inForceWithReports().andGivenCommands(open(DISPUTE, REPORT_2), close(RulingOutcome.DISMISSED))
                .when(assess("A-1", "2025"))
                .expectEventsMatching(recorded(e -> usesOnly(e, "R-1", "R-2")));
    }

    /** The 409 that names the dispute holding a report of the period. */
    private static Matcher<Object> disputedBy(String disputeId) {
        return Matchers.matches(e -> e instanceof UnderDisputeException u && u.disputeId().equals(disputeId)
                && u.problemProperties().equals(java.util.Map.of("disputeId", disputeId)));
    }

    @Test
    void aReportReleasedByADismissalCountsAgain() {
        inForceWithReports().andGivenCommands(open(DISPUTE, REPORT_2), close(RulingOutcome.DISMISSED))
                .when(assess("A-1", "2025"))
                .expectEventsMatching(recorded(e -> usesOnly(e, "R-1", "R-2") && !e.result().met()
                        && meanOf(e, Pollutant.CODMN).compareTo(new BigDecimal("2.70")) == 0));
    }

    @Test
    void aReportReleasedByAWithdrawalCountsAgain() {
        inForceWithReports().andGivenCommands(open(DISPUTE, REPORT_2), close(null))
                .when(assess("A-1", "2025"))
                .expectEventsMatching(recorded(e -> usesOnly(e, "R-1", "R-2")));
    }

    @Test
    void aRejectedReportStaysOutOfAssessments() {
        inForceWithReports().andGivenCommands(open(DISPUTE, REPORT_2), close(RulingOutcome.UPHELD))
                .when(assess("A-1", "2025"))
                .expectEventsMatching(recorded(e -> usesOnly(e, "R-1") && e.result().met()));
    }

    @Test
    void aDisputedAssessmentStillHoldsItsPeriod() {
        inForceWithReports().andGivenCommands(assess("A-1", "2025"), open(DISPUTE, ASSESSMENT_1))
                .when(assess("A-2", "2025"))
                .expectException(AlreadyExistsException.class);
    }

    @Test
    void anAssessmentThatStandsStillHoldsItsPeriod() {
        inForceWithReports().andGivenCommands(assess("A-1", "2025"), open(DISPUTE, ASSESSMENT_1),
                        close(RulingOutcome.DISMISSED))
                .when(assess("A-2", "2025"))
                .expectException(AlreadyExistsException.class);
    }

    @Test
    void anAnnulledAssessmentsPeriodIsAssessedAgainWithANewTransfer() {
        // the report behind the annulled assessment is rejected too: the new assessment uses R-1 alone
        inForceWithReports().andGivenCommands(assess("A-1", "2025"), open(DISPUTE, ASSESSMENT_1),
                        close(RulingOutcome.UPHELD),
                        open(OTHER_DISPUTE, REPORT_2),
                        new CloseSubjectDisputeCommand(AGREEMENT_ID, OTHER_DISPUTE, RulingOutcome.UPHELD))
                .when(assess("A-2", "2025"))
                .expectEventsMatching(recorded(e -> e.assessmentId().equals("A-2") && e.period().equals("2025")
                        && usesOnly(e, "R-1") && e.result().met() && transferOf("A-2").equals(e.transferId())))
                .expectResultMessagePayload("A-2");
    }

    @Test
    void anAnnulledAssessmentsIdIsNotReused() {
        inForceWithReports().andGivenCommands(assess("A-1", "2025"), open(DISPUTE, ASSESSMENT_1),
                        close(RulingOutcome.UPHELD))
                .when(assess("A-1", "2025"))
                .expectException(AlreadyExistsException.class);
    }
}
