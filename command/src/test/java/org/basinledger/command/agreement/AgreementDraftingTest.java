package org.basinledger.command.agreement;

import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.OUTSIDER;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;
import static org.basinledger.command.support.LedgerMatchers.invalidFields;
import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import java.util.ArrayList;

import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.basinledger.api.agreement.AgreementAmendedEvent;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementDraftedEvent;
import org.basinledger.api.agreement.AgreementOpenedForSignatureEvent;
import org.basinledger.api.agreement.AgreementRejectedEvent;
import org.basinledger.api.agreement.AgreementTerms;
import org.basinledger.api.agreement.AmendAgreementCommand;
import org.basinledger.api.agreement.AssessmentPeriod;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRule.Indicator;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.DraftAgreementCommand;
import org.basinledger.api.agreement.OpenAgreementForSignatureCommand;
import org.basinledger.api.agreement.Party;
import org.basinledger.api.agreement.PartyRole;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.common.StaleVersionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgreementDraftingTest {

    private final AgreementScenario scenario = AgreementScenario.twoParties();
    private final AgreementDraft amended = AgreementSamples.draft("Xin'an River compensation, round 1",
            List.of(new Party(ANHUI, PartyRole.UPSTREAM), new Party(ZHEJIANG, PartyRole.DOWNSTREAM)));
    private FixtureConfiguration<Agreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = scenario.fixture();
    }

    @Test
    void draftsAnAgreementAndAnswersItsId() {
        fixture.givenNoPriorActivity()
                .when(new DraftAgreementCommand(AGREEMENT_ID, ANHUI, scenario.draft))
                .expectResultMessagePayload(AGREEMENT_ID)
                .expectEvents(new AgreementDraftedEvent(AGREEMENT_ID, ANHUI, scenario.draft));
    }

    private AgreementDraft continuing(String predecessorId) {
        AgreementDraft d = scenario.draft;
        return new AgreementDraft(d.title(), d.basin(), d.parties(), d.effectiveFrom(), d.effectiveUntil(), d.terms(),
                predecessorId);
    }

    @Test
    void aDraftContinuesAnEarlierRoundThatHasBeenPublicAndSignsItsId() {
        AgreementDraft round = continuing(AgreementScenario.PREVIOUS_ROUND);
        fixture.givenNoPriorActivity()
                .when(new DraftAgreementCommand(AGREEMENT_ID, ANHUI, round))
                .expectEvents(new AgreementDraftedEvent(AGREEMENT_ID, ANHUI, round));
        org.assertj.core.api.Assertions.assertThat(CanonicalTerms.of(AGREEMENT_ID, round).document())
                .contains("\"predecessorId\":\"" + AgreementScenario.PREVIOUS_ROUND + "\"");
    }

    @Test
    void refusesAPredecessorThatDoesNotExistOrWasNeverPublicAlike() {
        for (String missing : List.of("AGR-NONE", AgreementScenario.PRIVATE_DRAFT)) {
            fixture.givenNoPriorActivity()
                    .when(new DraftAgreementCommand(AGREEMENT_ID, ANHUI, continuing(missing)))
                    .expectException(invalidFields("predecessorId"))
                    .expectExceptionMessage(containsString("no agreement " + missing + " has been opened"))
                    .expectNoEvents();
        }
    }

    @Test
    void refusesAnAgreementThatContinuesItself() {
        fixture.givenNoPriorActivity()
                .when(new DraftAgreementCommand(AGREEMENT_ID, ANHUI, continuing(AGREEMENT_ID)))
                .expectException(invalidFields("predecessorId"))
                .expectNoEvents();
    }

    @Test
    void anAmendedDraftMayNameItsPredecessorAndIsCheckedTheSameWay() {
        fixture.given(scenario.drafted())
                .when(new AmendAgreementCommand(AGREEMENT_ID, ZHEJIANG, 0, continuing("AGR-NONE")))
                .expectException(invalidFields("predecessorId"));
        fixture.given(scenario.drafted())
                .when(new AmendAgreementCommand(AGREEMENT_ID, ZHEJIANG, 0, continuing(AgreementScenario.PREVIOUS_ROUND)))
                .expectEvents(new AgreementAmendedEvent(AGREEMENT_ID, ZHEJIANG,
                        continuing(AgreementScenario.PREVIOUS_ROUND)));
    }

    @Test
    void refusesADraftWithInvalidFields() {
        AgreementDraft reversedDates = new AgreementDraft("T", "B", scenario.draft.parties(),
                AgreementSamples.UNTIL, AgreementSamples.FROM, scenario.draft.terms());
        fixture.givenNoPriorActivity()
                .when(new DraftAgreementCommand(AGREEMENT_ID, ANHUI, reversedDates))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("effectiveUntil"))
                .expectNoEvents();
    }

    @Test
    void refusesARuleThatWeighsDissolvedOxygen() {
        AgreementScenario compensation = AgreementScenario.compensation();
        AgreementDraft draft = withRule(compensation.draft, AgreementSamples.WQI_RULE, new CompensationRule(
                CompensationRuleType.WATER_QUALITY_INDEX, AgreementSamples.JIEKOU, AssessmentPeriod.YEAR,
                new BigDecimal("0.85"), List.of(new Indicator(Pollutant.CODMN, new BigDecimal("1.80"), new BigDecimal("0.5")),
                        new Indicator(Pollutant.DO, new BigDecimal("7.5"), new BigDecimal("0.5"))),
                AgreementSamples.HUNDRED_MILLION, AgreementSamples.HUNDRED_MILLION, null, null, null, null));

        compensation.fixture().givenNoPriorActivity()
                .when(new DraftAgreementCommand(AGREEMENT_ID, ANHUI, draft))
                .expectException(invalidFields("terms.compensation[0].indicators[1].pollutant"))
                .expectNoEvents();
    }

    @Test
    void refusesRulesInTwoCurrencies() {
        AgreementScenario compensation = AgreementScenario.compensation();
        AgreementDraft draft = withRule(compensation.draft, AgreementSamples.FIXED_RULE, new CompensationRule(
                CompensationRuleType.FIXED_CONTRIBUTION, null, AssessmentPeriod.YEAR, null, null, null, null, null,
                AgreementSamples.MINISTRY, ANHUI, Money.of("300000000.00", "EUR")));

        compensation.fixture().givenNoPriorActivity()
                .when(new DraftAgreementCommand(AGREEMENT_ID, ANHUI, draft))
                .expectException(invalidFields("terms.compensation[2].amount.currency"))
                .expectNoEvents();
    }

    private static AgreementDraft withRule(AgreementDraft draft, int index, CompensationRule rule) {
        List<CompensationRule> rules = new ArrayList<>(draft.terms().compensation());
        rules.set(index, rule);
        AgreementTerms terms = draft.terms();
        return new AgreementDraft(draft.title(), draft.basin(), draft.parties(), draft.effectiveFrom(),
                draft.effectiveUntil(), new AgreementTerms(terms.text(), terms.sections(), terms.obligations(), rules));
    }

    @Test
    void refusesADraftWithAnUnregisteredParty() {
        AgreementDraft withUnknown = AgreementSamples.draft("T",
                List.of(new Party(ANHUI, PartyRole.UPSTREAM), new Party("CN-XX", PartyRole.DOWNSTREAM)));
        fixture.givenNoPriorActivity()
                .when(new DraftAgreementCommand(AGREEMENT_ID, ANHUI, withUnknown))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("parties[1].jurisdictionId"));
    }

    @Test
    void refusesADrafterThatIsNotAParty() {
        fixture.givenNoPriorActivity()
                .when(new DraftAgreementCommand(AGREEMENT_ID, OUTSIDER, scenario.draft))
                .expectException(NotPermittedException.class)
                .expectNoEvents();
    }

    @Test
    void amendsADraftAtTheCurrentVersion() {
        fixture.given(scenario.drafted())
                .when(new AmendAgreementCommand(AGREEMENT_ID, ZHEJIANG, 0, amended))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AgreementAmendedEvent(AGREEMENT_ID, ZHEJIANG, amended));
    }

    @Test
    void refusesAnAmendmentAtAStaleVersion() {
        fixture.given(scenario.drafted(), new AgreementAmendedEvent(AGREEMENT_ID, ZHEJIANG, amended))
                .when(new AmendAgreementCommand(AGREEMENT_ID, ANHUI, 0, scenario.draft))
                .expectException(StaleVersionException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAnAmendmentByANonParty() {
        fixture.given(scenario.drafted())
                .when(new AmendAgreementCommand(AGREEMENT_ID, OUTSIDER, 0, amended))
                .expectException(NotPermittedException.class);
    }

    @Test
    void refusesAnAmendmentOnceOpenForSignature() {
        fixture.given(scenario.openForSignature())
                .when(new AmendAgreementCommand(AGREEMENT_ID, ANHUI, 1, amended))
                .expectException(InvalidStateException.class);
    }

    @Test
    void refusesAnInvalidAmendment() {
        AgreementDraft onlyOneParty = AgreementSamples.draft("T", List.of(new Party(ANHUI, PartyRole.UPSTREAM)));
        fixture.given(scenario.drafted())
                .when(new AmendAgreementCommand(AGREEMENT_ID, ANHUI, 0, onlyOneParty))
                .expectException(InvalidInputException.class);
    }

    @Test
    void refusesAnAmendmentThatRemovesTheActingParty() {
        AgreementDraft withoutAnhui = new AgreementDraft("T", "B",
                List.of(new Party(ZHEJIANG, PartyRole.DOWNSTREAM), new Party(AgreementSamples.MINISTRY, PartyRole.FUNDER)),
                AgreementSamples.FROM, AgreementSamples.UNTIL,
                new AgreementTerms("words", List.of(), List.of(), List.of()));
        fixture.given(scenario.drafted())
                .when(new AmendAgreementCommand(AGREEMENT_ID, ANHUI, 0, withoutAnhui))
                .expectException(NotPermittedException.class);
    }

    @Test
    void amendsAgainAfterARejection() {
        fixture.given(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI),
                        new AgreementRejectedEvent(AGREEMENT_ID, ZHEJIANG, "the baseline is too strict", List.of(ANHUI)))
                .when(new AmendAgreementCommand(AGREEMENT_ID, ZHEJIANG, 3, amended))
                .expectEvents(new AgreementAmendedEvent(AGREEMENT_ID, ZHEJIANG, amended));
    }

    @Test
    void opensForSignatureWithTheCanonicalDocumentAndItsHash() {
        fixture.given(scenario.drafted())
                .when(new OpenAgreementForSignatureCommand(AGREEMENT_ID, ANHUI))
                .expectEvents(scenario.opened());
    }

    @Test
    void opensTheAmendedTerms() {
        CanonicalTerms amendedTerms = CanonicalTerms.of(AGREEMENT_ID, amended);
        fixture.given(scenario.drafted(), new AgreementAmendedEvent(AGREEMENT_ID, ZHEJIANG, amended))
                .when(new OpenAgreementForSignatureCommand(AGREEMENT_ID, ZHEJIANG))
                .expectEvents(new AgreementOpenedForSignatureEvent(AGREEMENT_ID, ZHEJIANG,
                        amendedTerms.document(), amendedTerms.termsHash()));
    }

    @Test
    void refusesToOpenForANonParty() {
        fixture.given(scenario.drafted())
                .when(new OpenAgreementForSignatureCommand(AGREEMENT_ID, OUTSIDER))
                .expectException(NotPermittedException.class);
    }

    @Test
    void refusesToOpenTwice() {
        fixture.given(scenario.openForSignature())
                .when(new OpenAgreementForSignatureCommand(AGREEMENT_ID, ANHUI))
                .expectException(InvalidStateException.class);
    }
}
