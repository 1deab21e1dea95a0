package org.basinledger.command.dispute;

import static org.basinledger.command.support.LedgerMatchers.invalidFields;
import static org.hamcrest.Matchers.containsString;

import java.util.Arrays;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.dispute.AddStatementCommand;
import org.basinledger.api.dispute.AssignMediatorCommand;
import org.basinledger.api.dispute.DisputeRaisedEvent;
import org.basinledger.api.dispute.DisputeRuledEvent;
import org.basinledger.api.dispute.DisputeWithdrawnEvent;
import org.basinledger.api.dispute.MediatorAssignedEvent;
import org.basinledger.api.dispute.RaiseDisputeCommand;
import org.basinledger.api.dispute.Remedy;
import org.basinledger.api.dispute.RemedyType;
import org.basinledger.api.dispute.RuleOnDisputeCommand;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.StatementAddedEvent;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.api.dispute.WithdrawDisputeCommand;
import org.basinledger.command.support.FakeAgreementDirectory;
import org.basinledger.command.support.FakeMediatorDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DisputeTest {

    private static final String DISPUTE = "DSP-1";
    private static final String AGREEMENT = "AGR-XINAN-1";
    private static final String ANHUI = "CN-AH";
    private static final String ZHEJIANG = "CN-ZJ";
    private static final String MINISTRY = "CN-MOF";
    private static final String OUTSIDER = "CN-JS";
    private static final String MEDIATOR = "TAIHU-BASIN-AUTHORITY";
    private static final String OTHER_MEDIATOR = "YANGTZE-COMMISSION";
    private static final Subject TRANSFER = new Subject(SubjectType.TRANSFER, "T-1");
    private static final Subject REPORT = new Subject(SubjectType.MONITORING_REPORT, "R-1");
    private static final String CLAIM = "The 2025 index used a sample taken upstream of the Jiekou section.";
    private static final Money FIFTY_MILLION = Money.of("50000000.00", Money.CNY);
    private static final Evidence LAB_REPORT = new Evidence(
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "https://sthjt.zj.gov.cn/jiekou/lab-2025-06.pdf", "laboratory report");

    private FixtureConfiguration<Dispute> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Dispute.class);
        fixture.registerInjectableResource(new FakeAgreementDirectory()
                .put(AGREEMENT, AgreementStatus.IN_FORCE, ANHUI, ZHEJIANG, MINISTRY));
        fixture.registerInjectableResource(new FakeMediatorDirectory().register(MEDIATOR, OTHER_MEDIATOR));
    }

    private static RaiseDisputeCommand raise(String by, Subject subject, String claim, String... respondents) {
        return new RaiseDisputeCommand(DISPUTE, AGREEMENT, by, subject, respondents == null ? null
                : Arrays.asList(respondents), claim);
    }

    private static DisputeRaisedEvent raised(Subject subject) {
        return new DisputeRaisedEvent(DISPUTE, AGREEMENT, ZHEJIANG, subject, List.of(ANHUI), CLAIM);
    }

    private static DisputeRaisedEvent raised(Subject subject, Remedy remedy) {
        return new DisputeRaisedEvent(DISPUTE, AGREEMENT, ZHEJIANG, subject, List.of(ANHUI), CLAIM, remedy);
    }

    private static RaiseDisputeCommand raise(Subject subject, Remedy remedy) {
        return new RaiseDisputeCommand(DISPUTE, AGREEMENT, ZHEJIANG, subject, List.of(ANHUI), CLAIM, remedy);
    }

    private static MediatorAssignedEvent assigned() {
        return new MediatorAssignedEvent(DISPUTE, AGREEMENT, MEDIATOR);
    }

    private static DisputeRuledEvent ruled() {
        return new DisputeRuledEvent(DISPUTE, AGREEMENT, TRANSFER, MEDIATOR, RulingOutcome.DISMISSED, "as measured",
                null);
    }

    private static DisputeWithdrawnEvent withdrawn() {
        return new DisputeWithdrawnEvent(DISPUTE, AGREEMENT, TRANSFER, ZHEJIANG);
    }

    private static RuleOnDisputeCommand rule(String by, RulingOutcome outcome, Money adjustedAmount) {
        return new RuleOnDisputeCommand(DISPUTE, by, outcome, "The sample was taken 2 km upstream.", adjustedAmount);
    }

    private static AddStatementCommand statement(String jurisdiction, String mediator, String text,
                                                 List<Evidence> evidence) {
        return new AddStatementCommand(DISPUTE, jurisdiction, mediator, text, evidence);
    }

    private TestExecutor<Dispute> given(Object... events) {
        return fixture.given(events);
    }

    // --- raising ---

    @Test
    void aPartyRaisesAnOpenDisputeAgainstAnotherParty() {
        fixture.givenNoPriorActivity()
                .when(raise(ZHEJIANG, TRANSFER, CLAIM, ANHUI))
                .expectEvents(raised(TRANSFER))
                .expectResultMessagePayload(DISPUTE);
    }

    @Test
    void aDisputeMayNameSeveralRespondents() {
        fixture.givenNoPriorActivity()
                .when(raise(ZHEJIANG, REPORT, CLAIM, ANHUI, MINISTRY))
                .expectEvents(new DisputeRaisedEvent(DISPUTE, AGREEMENT, ZHEJIANG, REPORT, List.of(ANHUI, MINISTRY),
                        CLAIM));
    }

    @Test
    void aClaimNamesTheRemedyItAsksFor() {
        Remedy adjust = new Remedy(RemedyType.ADJUST, FIFTY_MILLION);
        Subject assessment = new Subject(SubjectType.ASSESSMENT, "A-1");

        fixture.givenNoPriorActivity().when(raise(TRANSFER, adjust)).expectEvents(raised(TRANSFER, adjust));
        fixture.givenNoPriorActivity().when(raise(TRANSFER, new Remedy(RemedyType.CANCEL, null)))
                .expectEvents(raised(TRANSFER, new Remedy(RemedyType.CANCEL, null)));
        fixture.givenNoPriorActivity().when(raise(assessment, adjust)).expectEvents(raised(assessment, adjust));
        fixture.givenNoPriorActivity().when(raise(assessment, new Remedy(RemedyType.ANNUL, null)))
                .expectEvents(raised(assessment, new Remedy(RemedyType.ANNUL, null)));
        fixture.givenNoPriorActivity().when(raise(REPORT, new Remedy(RemedyType.REJECT, null)))
                .expectEvents(raised(REPORT, new Remedy(RemedyType.REJECT, null)));
    }

    @Test
    void refusesARemedyThatDoesNotFitTheSubject() {
        fixture.givenNoPriorActivity().when(raise(REPORT, new Remedy(RemedyType.CANCEL, null)))
                .expectException(invalidFields("remedy.type"))
                .expectExceptionMessage(containsString("CANCEL does not apply to MONITORING_REPORT (one of [REJECT])"));
        fixture.givenNoPriorActivity().when(raise(TRANSFER, new Remedy(RemedyType.ANNUL, null)))
                .expectException(invalidFields("remedy.type"));
        fixture.givenNoPriorActivity()
                .when(raise(new Subject(SubjectType.AGREEMENT, AGREEMENT), new Remedy(RemedyType.CANCEL, null)))
                .expectException(invalidFields("remedy.type"))
                .expectExceptionMessage(containsString("no remedy the ledger applies"));
        fixture.givenNoPriorActivity().when(raise(TRANSFER, new Remedy(null, null)))
                .expectException(invalidFields("remedy.type"));
    }

    @Test
    void anAdjustRemedyNeedsAnAmountAndNoOtherRemedyTakesOne() {
        fixture.givenNoPriorActivity().when(raise(TRANSFER, new Remedy(RemedyType.ADJUST, null)))
                .expectException(invalidFields("remedy.amount"));
        fixture.givenNoPriorActivity().when(raise(TRANSFER, new Remedy(RemedyType.ADJUST, Money.zero(Money.CNY))))
                .expectException(invalidFields("remedy.amount"));
        fixture.givenNoPriorActivity()
                .when(raise(TRANSFER, new Remedy(RemedyType.ADJUST, Money.of("10000000000000.01", Money.CNY))))
                .expectException(invalidFields("remedy.amount"));
        fixture.givenNoPriorActivity().when(raise(TRANSFER, new Remedy(RemedyType.CANCEL, FIFTY_MILLION)))
                .expectException(invalidFields("remedy.amount"));
    }

    @Test
    void refusesAnUnknownAgreement() {
        fixture.givenNoPriorActivity()
                .when(new RaiseDisputeCommand(DISPUTE, "AGR-NONE", ZHEJIANG, TRANSFER, List.of(ANHUI), CLAIM))
                .expectException(NotFoundException.class);
    }

    @Test
    void refusesAClaimantThatIsNotAParty() {
        fixture.givenNoPriorActivity()
                .when(raise(OUTSIDER, TRANSFER, CLAIM, ANHUI))
                .expectException(NotPermittedException.class);
    }

    @Test
    void refusesADisputeWithoutRespondents() {
        fixture.givenNoPriorActivity().when(raise(ZHEJIANG, TRANSFER, CLAIM))
                .expectException(invalidFields("respondents"));
        fixture.givenNoPriorActivity().when(raise(ZHEJIANG, TRANSFER, CLAIM, (String[]) null))
                .expectException(invalidFields("respondents"));
    }

    @Test
    void refusesARespondentThatIsNotAParty() {
        fixture.givenNoPriorActivity()
                .when(raise(ZHEJIANG, TRANSFER, CLAIM, ANHUI, OUTSIDER))
                .expectException(invalidFields("respondents[1]"))
                .expectExceptionMessage(containsString("not a party"));
    }

    @Test
    void refusesTheClaimantAsItsOwnRespondent() {
        fixture.givenNoPriorActivity()
                .when(raise(ZHEJIANG, TRANSFER, CLAIM, ZHEJIANG))
                .expectException(invalidFields("respondents[0]"));
    }

    @Test
    void refusesARespondentNamedTwice() {
        fixture.givenNoPriorActivity()
                .when(raise(ZHEJIANG, TRANSFER, CLAIM, ANHUI, ANHUI))
                .expectException(invalidFields("respondents[1]"));
    }

    @Test
    void refusesABlankRespondent() {
        fixture.givenNoPriorActivity()
                .when(raise(ZHEJIANG, TRANSFER, CLAIM, ANHUI, " "))
                .expectException(invalidFields("respondents[1]"));
    }

    @Test
    void refusesABlankOrOverlongClaim() {
        fixture.givenNoPriorActivity().when(raise(ZHEJIANG, TRANSFER, " ", ANHUI))
                .expectException(invalidFields("claim"));
        fixture.givenNoPriorActivity().when(raise(ZHEJIANG, TRANSFER, "c".repeat(5001), ANHUI))
                .expectException(invalidFields("claim"));
    }

    @Test
    void aClaimMayBe5000CharactersLong() {
        String claim = "c".repeat(5000);

        fixture.givenNoPriorActivity().when(raise(ZHEJIANG, TRANSFER, claim, ANHUI))
                .expectEvents(new DisputeRaisedEvent(DISPUTE, AGREEMENT, ZHEJIANG, TRANSFER, List.of(ANHUI), claim));
    }

    @Test
    void refusesADisputeWithoutASubject() {
        fixture.givenNoPriorActivity().when(raise(ZHEJIANG, null, CLAIM, ANHUI))
                .expectException(invalidFields("subject"));
        fixture.givenNoPriorActivity().when(raise(ZHEJIANG, new Subject(null, " "), CLAIM, ANHUI))
                .expectException(invalidFields("subject.type", "subject.id"));
    }

    @Test
    void namesEveryBrokenRuleAtOnce() {
        fixture.givenNoPriorActivity().when(raise(ZHEJIANG, new Subject(SubjectType.TRANSFER, null), "", OUTSIDER))
                .expectException(invalidFields("subject.id", "respondents[0]", "claim"));
    }

    // --- the mediator ---

    @Test
    void theRegistrarAssignsARegisteredMediatorToAnOpenDispute() {
        given(raised(TRANSFER)).when(new AssignMediatorCommand(DISPUTE, MEDIATOR))
                .expectEvents(assigned());
    }

    @Test
    void refusesAnUnregisteredMediator() {
        given(raised(TRANSFER)).when(new AssignMediatorCommand(DISPUTE, "NOBODY"))
                .expectException(invalidFields("mediatorId"));
        given(raised(TRANSFER)).when(new AssignMediatorCommand(DISPUTE, null))
                .expectException(invalidFields("mediatorId"));
    }

    @Test
    void aMediatorIsAssignedOnlyToAnOpenDispute() {
        given(raised(TRANSFER), assigned()).when(new AssignMediatorCommand(DISPUTE, OTHER_MEDIATOR))
                .expectException(InvalidStateException.class);
        given(raised(TRANSFER), assigned(), ruled()).when(new AssignMediatorCommand(DISPUTE, OTHER_MEDIATOR))
                .expectException(InvalidStateException.class);
        given(raised(TRANSFER), withdrawn()).when(new AssignMediatorCommand(DISPUTE, MEDIATOR))
                .expectException(InvalidStateException.class);
    }

    // --- statements ---

    @Test
    void theClaimantAddsTheFirstStatement() {
        given(raised(TRANSFER)).when(statement(ZHEJIANG, null, "Our sample log.", List.of(LAB_REPORT)))
                .expectEvents(new StatementAddedEvent(DISPUTE, AGREEMENT, 1, "CLAIMANT", ZHEJIANG, "Our sample log.",
                        List.of(LAB_REPORT)));
    }

    @Test
    void aRespondentAndTheMediatorAddTheNextStatementsInOrder() {
        StatementAddedEvent first = new StatementAddedEvent(DISPUTE, AGREEMENT, 1, "CLAIMANT", ZHEJIANG, "Claim.",
                List.of());

        given(raised(TRANSFER), first).when(statement(ANHUI, null, "Reply.", List.of()))
                .expectEvents(new StatementAddedEvent(DISPUTE, AGREEMENT, 2, "RESPONDENT", ANHUI, "Reply.", List.of()));
        given(raised(TRANSFER), assigned(), first,
                new StatementAddedEvent(DISPUTE, AGREEMENT, 2, "RESPONDENT", ANHUI, "Reply.", List.of()))
                .when(statement(null, MEDIATOR, "Site visit on 3 March.", List.of(LAB_REPORT)))
                .expectEvents(new StatementAddedEvent(DISPUTE, AGREEMENT, 3, "MEDIATOR", MEDIATOR,
                        "Site visit on 3 March.", List.of(LAB_REPORT)));
    }

    @Test
    void aStatementWithoutEvidenceHasAnEmptyList() {
        given(raised(TRANSFER)).when(statement(ZHEJIANG, null, "No documents yet.", null))
                .expectEvents(new StatementAddedEvent(DISPUTE, AGREEMENT, 1, "CLAIMANT", ZHEJIANG, "No documents yet.",
                        List.of()));
    }

    @Test
    void aPartyThatIsNeitherClaimantNorRespondentCannotAddAStatement() {
        given(raised(TRANSFER)).when(statement(MINISTRY, null, "Comment.", List.of()))
                .expectException(NotPermittedException.class);
        given(raised(TRANSFER)).when(statement(OUTSIDER, null, "Comment.", List.of()))
                .expectException(NotPermittedException.class);
    }

    @Test
    void onlyTheAssignedMediatorAddsAMediatorsStatement() {
        given(raised(TRANSFER), assigned()).when(statement(null, OTHER_MEDIATOR, "Comment.", List.of()))
                .expectException(NotPermittedException.class);
        given(raised(TRANSFER)).when(statement(null, MEDIATOR, "Comment.", List.of()))
                .expectException(NotPermittedException.class);
    }

    @Test
    void aStatementHasExactlyOneAuthor() {
        given(raised(TRANSFER), assigned()).when(statement(ZHEJIANG, MEDIATOR, "Comment.", List.of()))
                .expectException(NotPermittedException.class);
        given(raised(TRANSFER), assigned()).when(statement(null, null, "Comment.", List.of()))
                .expectException(NotPermittedException.class);
    }

    @Test
    void statementsAreAddedOnlyWhileTheDisputeIsOpen() {
        given(raised(TRANSFER), assigned(), ruled()).when(statement(ZHEJIANG, null, "Late.", List.of()))
                .expectException(InvalidStateException.class);
        given(raised(TRANSFER), withdrawn()).when(statement(ANHUI, null, "Late.", List.of()))
                .expectException(InvalidStateException.class);
    }

    @Test
    void refusesABlankOrOverlongText() {
        given(raised(TRANSFER)).when(statement(ZHEJIANG, null, " ", List.of()))
                .expectException(invalidFields("text"));
        given(raised(TRANSFER)).when(statement(ZHEJIANG, null, "t".repeat(10001), List.of()))
                .expectException(invalidFields("text"));
    }

    @Test
    void namesEachBrokenPieceOfEvidence() {
        Evidence upperCaseHash = new Evidence(LAB_REPORT.sha256().toUpperCase(), LAB_REPORT.uri(), null);
        Evidence noUri = new Evidence(LAB_REPORT.sha256(), " ", null);

        given(raised(TRANSFER)).when(statement(ZHEJIANG, null, "Documents.", Arrays.asList(upperCaseHash, LAB_REPORT,
                        noUri, null)))
                .expectException(invalidFields("evidence[0].sha256", "evidence[2].uri", "evidence[3]"));
    }

    @Test
    void refusesEvidenceThatIsNotAnHttpAddress() {
        Evidence script = new Evidence(LAB_REPORT.sha256(), "javascript:alert(document.cookie)", null);
        Evidence local = new Evidence(LAB_REPORT.sha256(), "file:///etc/passwd", null);

        given(raised(TRANSFER)).when(statement(ZHEJIANG, null, "Documents.", List.of(LAB_REPORT, script, local)))
                .expectException(invalidFields("evidence[1].uri", "evidence[2].uri"));
    }

    // --- the ruling ---

    @Test
    void theAssignedMediatorRules() {
        given(raised(TRANSFER), assigned()).when(rule(MEDIATOR, RulingOutcome.DISMISSED, null))
                .expectEvents(new DisputeRuledEvent(DISPUTE, AGREEMENT, TRANSFER, MEDIATOR, RulingOutcome.DISMISSED,
                        "The sample was taken 2 km upstream.", null, null));
    }

    @Test
    void anUpheldClaimWithoutARemedyCancelsATransferAsBefore() {
        given(raised(TRANSFER), assigned()).when(rule(MEDIATOR, RulingOutcome.UPHELD, null))
                .expectEvents(new DisputeRuledEvent(DISPUTE, AGREEMENT, TRANSFER, MEDIATOR, RulingOutcome.UPHELD,
                        "The sample was taken 2 km upstream.", null, new Remedy(RemedyType.CANCEL, null)));
    }

    @Test
    void anUpheldClaimWithoutARemedyAppliesEachSubjectsDefault() {
        Subject assessment = new Subject(SubjectType.ASSESSMENT, "A-1");
        Subject obligation = new Subject(SubjectType.OBLIGATION, "O-1");

        given(raised(assessment), assigned()).when(rule(MEDIATOR, RulingOutcome.UPHELD, null))
                .expectEvents(new DisputeRuledEvent(DISPUTE, AGREEMENT, assessment, MEDIATOR, RulingOutcome.UPHELD,
                        "The sample was taken 2 km upstream.", null, new Remedy(RemedyType.ANNUL, null)));
        given(raised(REPORT), assigned()).when(rule(MEDIATOR, RulingOutcome.UPHELD, null))
                .expectEvents(new DisputeRuledEvent(DISPUTE, AGREEMENT, REPORT, MEDIATOR, RulingOutcome.UPHELD,
                        "The sample was taken 2 km upstream.", null, new Remedy(RemedyType.REJECT, null)));
        given(raised(obligation), assigned()).when(rule(MEDIATOR, RulingOutcome.UPHELD, null))
                .expectEvents(new DisputeRuledEvent(DISPUTE, AGREEMENT, obligation, MEDIATOR, RulingOutcome.UPHELD,
                        "The sample was taken 2 km upstream.", null, null));
    }

    @Test
    void anUpheldClaimAppliesTheRemedyItAskedFor() {
        Remedy adjust = new Remedy(RemedyType.ADJUST, FIFTY_MILLION);

        given(raised(TRANSFER, adjust), assigned()).when(rule(MEDIATOR, RulingOutcome.UPHELD, null))
                .expectEvents(new DisputeRuledEvent(DISPUTE, AGREEMENT, TRANSFER, MEDIATOR, RulingOutcome.UPHELD,
                        "The sample was taken 2 km upstream.", null, adjust));
    }

    @Test
    void aDismissalAppliesNoRemedy() {
        given(raised(TRANSFER, new Remedy(RemedyType.CANCEL, null)), assigned())
                .when(rule(MEDIATOR, RulingOutcome.SETTLED_BY_CONSENT, null))
                .expectEvents(new DisputeRuledEvent(DISPUTE, AGREEMENT, TRANSFER, MEDIATOR,
                        RulingOutcome.SETTLED_BY_CONSENT, "The sample was taken 2 km upstream.", null, null));
    }

    @Test
    void anAdjustedRulingSetsTheAmountOfATransfer() {
        given(raised(TRANSFER, new Remedy(RemedyType.CANCEL, null)), assigned())
                .when(rule(MEDIATOR, RulingOutcome.ADJUSTED, FIFTY_MILLION))
                .expectEvents(new DisputeRuledEvent(DISPUTE, AGREEMENT, TRANSFER, MEDIATOR, RulingOutcome.ADJUSTED,
                        "The sample was taken 2 km upstream.", FIFTY_MILLION,
                        new Remedy(RemedyType.ADJUST, FIFTY_MILLION)));
    }

    @Test
    void anAdjustedRulingSetsTheAmountOfAnAssessment() {
        Subject assessment = new Subject(SubjectType.ASSESSMENT, "A-1");

        given(raised(assessment), assigned()).when(rule(MEDIATOR, RulingOutcome.ADJUSTED, FIFTY_MILLION))
                .expectEvents(new DisputeRuledEvent(DISPUTE, AGREEMENT, assessment, MEDIATOR, RulingOutcome.ADJUSTED,
                        "The sample was taken 2 km upstream.", FIFTY_MILLION,
                        new Remedy(RemedyType.ADJUST, FIFTY_MILLION)));
    }

    @Test
    void onlyTheAssignedMediatorRules() {
        given(raised(TRANSFER), assigned()).when(rule(OTHER_MEDIATOR, RulingOutcome.UPHELD, null))
                .expectException(NotPermittedException.class);
        given(raised(TRANSFER), assigned()).when(rule(null, RulingOutcome.UPHELD, null))
                .expectException(NotPermittedException.class);
    }

    @Test
    void aDisputeIsRuledOnlyUnderMediation() {
        given(raised(TRANSFER)).when(rule(MEDIATOR, RulingOutcome.UPHELD, null))
                .expectException(InvalidStateException.class);
        given(raised(TRANSFER), assigned(), ruled()).when(rule(MEDIATOR, RulingOutcome.UPHELD, null))
                .expectException(InvalidStateException.class);
        given(raised(TRANSFER), assigned(), withdrawn()).when(rule(MEDIATOR, RulingOutcome.UPHELD, null))
                .expectException(InvalidStateException.class);
    }

    @Test
    void aRulingNeedsAnOutcomeAndReasoning() {
        given(raised(TRANSFER), assigned())
                .when(new RuleOnDisputeCommand(DISPUTE, MEDIATOR, null, " ", null))
                .expectException(invalidFields("outcome", "reasoning"));
    }

    @Test
    void anAdjustedRulingNeedsAPositiveAmount() {
        given(raised(TRANSFER), assigned()).when(rule(MEDIATOR, RulingOutcome.ADJUSTED, null))
                .expectException(invalidFields("adjustedAmount"));
        given(raised(TRANSFER), assigned()).when(rule(MEDIATOR, RulingOutcome.ADJUSTED, Money.zero(Money.CNY)))
                .expectException(invalidFields("adjustedAmount"));
        given(raised(TRANSFER), assigned()).when(rule(MEDIATOR, RulingOutcome.ADJUSTED, Money.of("-1.00", Money.CNY)))
                .expectException(invalidFields("adjustedAmount"));
    }

    @Test
    void onlyATransferOrAnAssessmentIsAdjusted() {
        given(raised(REPORT), assigned()).when(rule(MEDIATOR, RulingOutcome.ADJUSTED, FIFTY_MILLION))
                .expectException(invalidFields("outcome"));
        given(raised(new Subject(SubjectType.AGREEMENT, AGREEMENT)), assigned())
                .when(rule(MEDIATOR, RulingOutcome.ADJUSTED, FIFTY_MILLION))
                .expectException(invalidFields("outcome"));
    }

    @Test
    void anAmountIsGivenOnlyWithAnAdjustedRuling() {
        given(raised(TRANSFER), assigned()).when(rule(MEDIATOR, RulingOutcome.DISMISSED, FIFTY_MILLION))
                .expectException(invalidFields("adjustedAmount"));
    }

    // --- withdrawal ---

    @Test
    void theClaimantWithdrawsAnOpenDispute() {
        given(raised(TRANSFER)).when(new WithdrawDisputeCommand(DISPUTE, ZHEJIANG))
                .expectEvents(withdrawn());
    }

    @Test
    void theClaimantWithdrawsADisputeUnderMediation() {
        given(raised(TRANSFER), assigned()).when(new WithdrawDisputeCommand(DISPUTE, ZHEJIANG))
                .expectEvents(withdrawn());
    }

    @Test
    void onlyTheClaimantWithdraws() {
        given(raised(TRANSFER)).when(new WithdrawDisputeCommand(DISPUTE, ANHUI))
                .expectException(NotPermittedException.class);
    }

    @Test
    void aRuledOrWithdrawnDisputeCannotBeWithdrawn() {
        given(raised(TRANSFER), assigned(), ruled()).when(new WithdrawDisputeCommand(DISPUTE, ZHEJIANG))
                .expectException(InvalidStateException.class);
        given(raised(TRANSFER), withdrawn()).when(new WithdrawDisputeCommand(DISPUTE, ZHEJIANG))
                .expectException(InvalidStateException.class);
    }
}
