package org.basinledger.command.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.saga.FixtureExecutionResult;
import org.axonframework.test.saga.SagaTestFixture;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.Money;
import org.basinledger.api.dispute.CloseSubjectDisputeCommand;
import org.basinledger.api.dispute.DisputeRaisedEvent;
import org.basinledger.api.dispute.DisputeRuledEvent;
import org.basinledger.api.dispute.DisputeWithdrawnEvent;
import org.basinledger.api.dispute.OpenSubjectDisputeCommand;
import org.basinledger.api.dispute.Remedy;
import org.basinledger.api.dispute.RemedyType;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.api.transfer.AdjustTransferCommand;
import org.basinledger.api.transfer.CancelTransferCommand;
import org.basinledger.api.transfer.DisputeTransferCommand;
import org.basinledger.api.transfer.ReleaseTransferCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DisputeEffectsSagaTest {

    private static final String DISPUTE = "DSP-1";
    private static final String AGREEMENT = "AGR-XINAN-1";
    private static final String ANHUI = "CN-AH";
    private static final String ZHEJIANG = "CN-ZJ";
    private static final String MEDIATOR = "TAIHU-BASIN-AUTHORITY";
    private static final String TRANSFER_ID = "T-1";
    private static final String ASSESSMENT_TRANSFER_ID = "T-A-1";
    private static final Subject TRANSFER = new Subject(SubjectType.TRANSFER, TRANSFER_ID);
    private static final Subject ASSESSMENT = new Subject(SubjectType.ASSESSMENT, "A-1");
    private static final Subject REPORT = new Subject(SubjectType.MONITORING_REPORT, "R-1");
    private static final Subject THE_AGREEMENT = new Subject(SubjectType.AGREEMENT, AGREEMENT);
    private static final Subject OBLIGATION = new Subject(SubjectType.OBLIGATION, "JOINT-MONITORING");
    private static final Money FIFTY_MILLION = Money.of("50000000.00", Money.CNY);

    private SagaTestFixture<DisputeEffectsSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(DisputeEffectsSaga.class);
    }

    private static DisputeRaisedEvent raised(Subject subject) {
        return new DisputeRaisedEvent(DISPUTE, AGREEMENT, ZHEJIANG, subject, List.of(ANHUI), "The claim.");
    }

    private static SubjectDisputedEvent subjectDisputed(Subject subject, String relatedTransferId) {
        return new SubjectDisputedEvent(AGREEMENT, DISPUTE, subject, relatedTransferId);
    }

    private static final Remedy ADJUST_TO_FIFTY_MILLION = new Remedy(RemedyType.ADJUST, FIFTY_MILLION);

    private static DisputeRaisedEvent raised(Subject subject, Remedy remedy) {
        return new DisputeRaisedEvent(DISPUTE, AGREEMENT, ZHEJIANG, subject, List.of(ANHUI), "The claim.", remedy);
    }

    /** A ruling as the dispute records it: with the remedy of a claim that named none. */
    private static DisputeRuledEvent ruled(Subject subject, RulingOutcome outcome) {
        Remedy remedy = switch (outcome) {
            case UPHELD -> RemedyType.defaultFor(subject.type()) == null ? null
                    : new Remedy(RemedyType.defaultFor(subject.type()), null);
            case ADJUSTED -> ADJUST_TO_FIFTY_MILLION;
            case DISMISSED, SETTLED_BY_CONSENT -> null;
        };
        return ruled(subject, outcome, remedy);
    }

    private static DisputeRuledEvent ruled(Subject subject, RulingOutcome outcome, Remedy remedy) {
        return new DisputeRuledEvent(DISPUTE, AGREEMENT, subject, MEDIATOR, outcome, "Reasons.",
                outcome == RulingOutcome.ADJUSTED ? FIFTY_MILLION : null, remedy);
    }

    private static CloseSubjectDisputeCommand close(RulingOutcome outcome, RemedyType remedy) {
        return new CloseSubjectDisputeCommand(AGREEMENT, DISPUTE, outcome, remedy);
    }

    private static DisputeWithdrawnEvent withdrawn(Subject subject) {
        return new DisputeWithdrawnEvent(DISPUTE, AGREEMENT, subject, ZHEJIANG);
    }

    private FixtureExecutionResult whenRuled(Subject subject, String relatedTransferId, RulingOutcome outcome) {
        return fixture.givenAPublished(raised(subject))
                .andThenAPublished(subjectDisputed(subject, relatedTransferId))
                .whenPublishingA(ruled(subject, outcome));
    }

    // --- a transfer ---

    @Test
    void aDisputeOnATransferDisputesTheTransfer() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(raised(TRANSFER))
                .expectActiveSagas(1)
                .expectAssociationWith("disputeId", DISPUTE)
                .expectDispatchedCommands(new DisputeTransferCommand(TRANSFER_ID, DISPUTE, AGREEMENT));
    }

    @Test
    void anUpheldClaimCancelsTheTransfer() {
        fixture.givenAPublished(raised(TRANSFER))
                .whenPublishingA(ruled(TRANSFER, RulingOutcome.UPHELD))
                .expectDispatchedCommands(new CancelTransferCommand(TRANSFER_ID, DISPUTE))
                .expectActiveSagas(0);
    }

    @Test
    void aDismissalReleasesTheTransfer() {
        fixture.givenAPublished(raised(TRANSFER))
                .whenPublishingA(ruled(TRANSFER, RulingOutcome.DISMISSED))
                .expectDispatchedCommands(new ReleaseTransferCommand(TRANSFER_ID, DISPUTE))
                .expectActiveSagas(0);
    }

    @Test
    void aSettlementByConsentReleasesTheTransfer() {
        fixture.givenAPublished(raised(TRANSFER))
                .whenPublishingA(ruled(TRANSFER, RulingOutcome.SETTLED_BY_CONSENT))
                .expectDispatchedCommands(new ReleaseTransferCommand(TRANSFER_ID, DISPUTE))
                .expectActiveSagas(0);
    }

    @Test
    void anAdjustmentSetsTheTransfersNewAmount() {
        fixture.givenAPublished(raised(TRANSFER))
                .whenPublishingA(ruled(TRANSFER, RulingOutcome.ADJUSTED))
                .expectDispatchedCommands(new AdjustTransferCommand(TRANSFER_ID, DISPUTE, FIFTY_MILLION))
                .expectActiveSagas(0);
    }

    @Test
    void aClaimToAdjustATransferPassesItsAmountOnForTheCurrencyCheck() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(raised(TRANSFER, ADJUST_TO_FIFTY_MILLION))
                .expectDispatchedCommands(new DisputeTransferCommand(TRANSFER_ID, DISPUTE, AGREEMENT, FIFTY_MILLION));
    }

    @Test
    void anUpheldClaimToAdjustATransferAdjustsIt() {
        fixture.givenAPublished(raised(TRANSFER, ADJUST_TO_FIFTY_MILLION))
                .whenPublishingA(ruled(TRANSFER, RulingOutcome.UPHELD, ADJUST_TO_FIFTY_MILLION))
                .expectDispatchedCommands(new AdjustTransferCommand(TRANSFER_ID, DISPUTE, FIFTY_MILLION))
                .expectActiveSagas(0);
    }

    @Test
    void anUpheldClaimToCancelATransferCancelsIt() {
        Remedy cancel = new Remedy(RemedyType.CANCEL, null);
        fixture.givenAPublished(raised(TRANSFER, cancel))
                .whenPublishingA(ruled(TRANSFER, RulingOutcome.UPHELD, cancel))
                .expectDispatchedCommands(new CancelTransferCommand(TRANSFER_ID, DISPUTE))
                .expectActiveSagas(0);
    }

    @Test
    void aRulingRecordedWithoutARemedyIsAppliedAsItsOutcomeMeantBefore() {
        fixture.givenAPublished(raised(TRANSFER))
                .whenPublishingA(new DisputeRuledEvent(DISPUTE, AGREEMENT, TRANSFER, MEDIATOR, RulingOutcome.UPHELD,
                        "Reasons.", null))
                .expectDispatchedCommands(new CancelTransferCommand(TRANSFER_ID, DISPUTE));
        fixture = new SagaTestFixture<>(DisputeEffectsSaga.class);
        fixture.givenAPublished(raised(TRANSFER))
                .whenPublishingA(new DisputeRuledEvent(DISPUTE, AGREEMENT, TRANSFER, MEDIATOR,
                        RulingOutcome.ADJUSTED, "Reasons.", FIFTY_MILLION))
                .expectDispatchedCommands(new AdjustTransferCommand(TRANSFER_ID, DISPUTE, FIFTY_MILLION));
        fixture = new SagaTestFixture<>(DisputeEffectsSaga.class);
        fixture.givenAPublished(raised(ASSESSMENT))
                .andThenAPublished(subjectDisputed(ASSESSMENT, ASSESSMENT_TRANSFER_ID))
                .whenPublishingA(new DisputeRuledEvent(DISPUTE, AGREEMENT, ASSESSMENT, MEDIATOR, RulingOutcome.UPHELD,
                        "Reasons.", null))
                .expectDispatchedCommands(close(RulingOutcome.UPHELD, RemedyType.ANNUL),
                        new CancelTransferCommand(ASSESSMENT_TRANSFER_ID, DISPUTE));
    }

    @Test
    void aWithdrawalReleasesTheTransfer() {
        fixture.givenAPublished(raised(TRANSFER))
                .whenPublishingA(withdrawn(TRANSFER))
                .expectDispatchedCommands(new ReleaseTransferCommand(TRANSFER_ID, DISPUTE))
                .expectActiveSagas(0);
    }

    // --- the agreement's own subjects ---

    @Test
    void aDisputeOnAnyOtherSubjectOpensItOnTheAgreement() {
        for (Subject subject : List.of(THE_AGREEMENT, OBLIGATION, REPORT, ASSESSMENT)) {
            fixture = new SagaTestFixture<>(DisputeEffectsSaga.class);
            fixture.givenNoPriorActivity()
                    .whenPublishingA(raised(subject))
                    .expectActiveSagas(1)
                    .expectAssociationWith("disputeId", DISPUTE)
                    .expectDispatchedCommands(new OpenSubjectDisputeCommand(AGREEMENT, DISPUTE, subject));
        }
    }

    @Test
    void aSubjectWithoutATransferNeedsNothingMoreOnceDisputed() {
        fixture.givenAPublished(raised(REPORT))
                .whenPublishingA(subjectDisputed(REPORT, null))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void aDisputedAssessmentsTransferIsDisputedWithIt() {
        fixture.givenAPublished(raised(ASSESSMENT))
                .whenPublishingA(subjectDisputed(ASSESSMENT, ASSESSMENT_TRANSFER_ID))
                .expectDispatchedCommands(new DisputeTransferCommand(ASSESSMENT_TRANSFER_ID, DISPUTE, AGREEMENT));
    }

    @Test
    void theSubjectOfAnotherDisputeIsNotThisSagasConcern() {
        fixture.givenAPublished(raised(ASSESSMENT))
                .whenPublishingA(new SubjectDisputedEvent(AGREEMENT, "DSP-2", ASSESSMENT, ASSESSMENT_TRANSFER_ID))
                .expectNoDispatchedCommands();
    }

    @Test
    void aRulingOnAReportAnObligationOrTheAgreementClosesItWithTheOutcome() {
        for (Subject subject : List.of(REPORT, OBLIGATION, THE_AGREEMENT)) {
            for (RulingOutcome outcome : List.of(RulingOutcome.UPHELD, RulingOutcome.DISMISSED,
                    RulingOutcome.SETTLED_BY_CONSENT)) {
                fixture = new SagaTestFixture<>(DisputeEffectsSaga.class);
                whenRuled(subject, null, outcome)
                        .expectDispatchedCommands(close(outcome, outcome == RulingOutcome.UPHELD
                                ? RemedyType.defaultFor(subject.type()) : null))
                        .expectActiveSagas(0);
            }
        }
    }

    @Test
    void aWithdrawalReleasesAReportAnObligationOrTheAgreement() {
        for (Subject subject : List.of(REPORT, OBLIGATION, THE_AGREEMENT)) {
            fixture = new SagaTestFixture<>(DisputeEffectsSaga.class);
            fixture.givenAPublished(raised(subject))
                    .andThenAPublished(subjectDisputed(subject, null))
                    .whenPublishingA(withdrawn(subject))
                    .expectDispatchedCommands(new CloseSubjectDisputeCommand(AGREEMENT, DISPUTE, null))
                    .expectActiveSagas(0);
        }
    }

    // --- an assessment and its transfer ---

    @Test
    void anUpheldClaimAnnulsTheAssessmentAndCancelsItsTransfer() {
        whenRuled(ASSESSMENT, ASSESSMENT_TRANSFER_ID, RulingOutcome.UPHELD)
                .expectDispatchedCommands(close(RulingOutcome.UPHELD, RemedyType.ANNUL),
                        new CancelTransferCommand(ASSESSMENT_TRANSFER_ID, DISPUTE))
                .expectActiveSagas(0);
    }

    @Test
    void anAdjustmentOfAnAssessmentSetsItsTransfersNewAmount() {
        whenRuled(ASSESSMENT, ASSESSMENT_TRANSFER_ID, RulingOutcome.ADJUSTED)
                .expectDispatchedCommands(close(RulingOutcome.ADJUSTED, RemedyType.ADJUST),
                        new AdjustTransferCommand(ASSESSMENT_TRANSFER_ID, DISPUTE, FIFTY_MILLION))
                .expectActiveSagas(0);
    }

    @Test
    void anUpheldClaimToAdjustAnAssessmentAdjustsItsTransferAndLetsItStand() {
        fixture.givenAPublished(raised(ASSESSMENT, ADJUST_TO_FIFTY_MILLION))
                .andThenAPublished(subjectDisputed(ASSESSMENT, ASSESSMENT_TRANSFER_ID))
                .whenPublishingA(ruled(ASSESSMENT, RulingOutcome.UPHELD, ADJUST_TO_FIFTY_MILLION))
                .expectDispatchedCommands(close(RulingOutcome.UPHELD, RemedyType.ADJUST),
                        new AdjustTransferCommand(ASSESSMENT_TRANSFER_ID, DISPUTE, FIFTY_MILLION))
                .expectActiveSagas(0);
    }

    @Test
    void aClaimToAdjustAnAssessmentDisputesItsTransferWithTheAmount() {
        fixture.givenAPublished(raised(ASSESSMENT, ADJUST_TO_FIFTY_MILLION))
                .whenPublishingA(subjectDisputed(ASSESSMENT, ASSESSMENT_TRANSFER_ID))
                .expectDispatchedCommands(new DisputeTransferCommand(ASSESSMENT_TRANSFER_ID, DISPUTE, AGREEMENT,
                        FIFTY_MILLION));
    }

    @Test
    void refusesAClaimToAdjustAnAssessmentThatOwedNothing() {
        AtomicReference<Exception> failure = new AtomicReference<>();
        fixture.registerListenerInvocationErrorHandler((exception, event, handler) -> failure.set(exception));

        fixture.givenAPublished(raised(ASSESSMENT, ADJUST_TO_FIFTY_MILLION))
                .whenPublishingA(subjectDisputed(ASSESSMENT, null))
                .expectNoDispatchedCommands();

        assertThat(failure.get()).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                .extracting(FieldError::field).containsExactly("remedy.type"));
    }

    @Test
    void aDismissalOfAnAssessmentReleasesItsTransfer() {
        whenRuled(ASSESSMENT, ASSESSMENT_TRANSFER_ID, RulingOutcome.DISMISSED)
                .expectDispatchedCommands(new CloseSubjectDisputeCommand(AGREEMENT, DISPUTE, RulingOutcome.DISMISSED),
                        new ReleaseTransferCommand(ASSESSMENT_TRANSFER_ID, DISPUTE))
                .expectActiveSagas(0);
    }

    @Test
    void aSettlementOfAnAssessmentByConsentReleasesItsTransfer() {
        whenRuled(ASSESSMENT, ASSESSMENT_TRANSFER_ID, RulingOutcome.SETTLED_BY_CONSENT)
                .expectDispatchedCommands(
                        new CloseSubjectDisputeCommand(AGREEMENT, DISPUTE, RulingOutcome.SETTLED_BY_CONSENT),
                        new ReleaseTransferCommand(ASSESSMENT_TRANSFER_ID, DISPUTE))
                .expectActiveSagas(0);
    }

    @Test
    void aRulingOnAnAssessmentThatOwedNothingOnlyClosesIt() {
        whenRuled(ASSESSMENT, null, RulingOutcome.UPHELD)
                .expectDispatchedCommands(close(RulingOutcome.UPHELD, RemedyType.ANNUL))
                .expectActiveSagas(0);
    }

    @Test
    void aWithdrawalReleasesTheAssessmentAndItsTransfer() {
        fixture.givenAPublished(raised(ASSESSMENT))
                .andThenAPublished(subjectDisputed(ASSESSMENT, ASSESSMENT_TRANSFER_ID))
                .whenPublishingA(withdrawn(ASSESSMENT))
                .expectDispatchedCommands(new CloseSubjectDisputeCommand(AGREEMENT, DISPUTE, null),
                        new ReleaseTransferCommand(ASSESSMENT_TRANSFER_ID, DISPUTE))
                .expectActiveSagas(0);
    }

    // --- refusals reach the dispute command ---

    @Test
    void aSubjectsRefusalIsPassedOnToTheDisputeCommand() {
        AtomicReference<Exception> failure = new AtomicReference<>();
        fixture.registerListenerInvocationErrorHandler((exception, event, handler) -> failure.set(exception));
        fixture.setCallbackBehavior((command, metaData) -> {
            throw new InvalidStateException("MONITORING_REPORT R-1 is already under dispute DSP-0");
        });

        fixture.givenNoPriorActivity().whenPublishingA(raised(REPORT));

        assertThat(failure.get()).isInstanceOf(InvalidStateException.class)
                .hasMessageContaining("already under dispute DSP-0");
    }

    @Test
    void anUnknownTransferIsNotPartOfTheAgreement() {
        AtomicReference<Exception> failure = new AtomicReference<>();
        fixture.registerListenerInvocationErrorHandler((exception, event, handler) -> failure.set(exception));
        fixture.setCallbackBehavior((command, metaData) -> {
            throw new AggregateNotFoundException(TRANSFER_ID, "The aggregate was not found in the event store");
        });

        fixture.givenNoPriorActivity().whenPublishingA(raised(TRANSFER));

        assertThat(failure.get()).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                .extracting(FieldError::field).containsExactly("subject.id"));
    }

    @Test
    void aRefusalOfTheRulingsEffectIsPassedOnToo() {
        AtomicReference<Exception> failure = new AtomicReference<>();
        fixture.registerListenerInvocationErrorHandler((exception, event, handler) -> failure.set(exception));

        fixture.givenAPublished(raised(TRANSFER));
        fixture.setCallbackBehavior((command, metaData) -> {
            throw new InvalidInputException("adjustedAmount", "must be in the transfer's currency CNY");
        });
        fixture.whenPublishingA(ruled(TRANSFER, RulingOutcome.ADJUSTED));

        assertThat(failure.get()).isInstanceOf(InvalidInputException.class);
    }
}
