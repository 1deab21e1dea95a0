package org.basinledger.command.agreement;

import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.FIXED_RULE;
import static org.basinledger.command.agreement.AgreementSamples.JIEKOU;
import static org.basinledger.command.agreement.AgreementSamples.MINISTRY;
import static org.basinledger.command.agreement.AgreementSamples.OUTSIDER;
import static org.basinledger.command.agreement.AgreementSamples.UNTIL;
import static org.basinledger.command.agreement.AgreementSamples.WQI_RULE;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;
import static org.basinledger.command.agreement.ComplianceSamples.report;
import static org.basinledger.command.agreement.ComplianceSamples.xinan;
import static org.basinledger.command.support.LedgerMatchers.invalidFields;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.axonframework.test.matchers.Matchers;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementTerms;
import org.basinledger.api.agreement.AmendmentAdoptedEvent;
import org.basinledger.api.agreement.AmendmentProposedEvent;
import org.basinledger.api.agreement.AmendmentRejectedEvent;
import org.basinledger.api.agreement.AmendmentSignedEvent;
import org.basinledger.api.agreement.AmendmentTookEffectEvent;
import org.basinledger.api.agreement.AmendmentTookEffectEvent.AmendmentSignature;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.Party;
import org.basinledger.api.agreement.PartyRole;
import org.basinledger.api.agreement.ProposeAmendmentCommand;
import org.basinledger.api.agreement.RejectAmendmentCommand;
import org.basinledger.api.agreement.SignAmendmentCommand;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.common.SignatureRejectedException;
import org.basinledger.api.compliance.AssessSectionCommand;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.FixedContributionFellDueEvent;
import org.basinledger.api.compliance.SubmitMonitoringReportCommand;
import org.basinledger.command.support.TestKeys;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signed amendments of the Xin'an agreement in force (three parties: Anhui, Zhejiang, the ministry): proposal,
 * signatures of the old and the new parties, adoption, taking effect on {@code validFrom}, rejection, every refusal,
 * and assessments and contributions under the version in effect on their period's first day.
 */
class AmendmentTest {

    private static final String REASON = "the central funds taper";
    /** 10 March 2025, 10:00 in China Standard Time. */
    private static final Instant PROPOSAL_DAY = Instant.parse("2025-03-10T02:00:00Z");
    private static final LocalDate VALID_FROM = LocalDate.of(2025, 4, 1);
    private static final Instant TAKES_EFFECT = LedgerCalendar.startOf(VALID_FROM);
    private static final Money TWO_HUNDRED_MILLION = Money.of("200000000.00", Money.CNY);
    private static final Money HUNDRED_FIFTY_MILLION = Money.of("150000000.00", Money.CNY);

    private final AgreementScenario scenario = AgreementScenario.compensation();
    private final Map<String, TestKeys> keys = Map.of(ANHUI, scenario.anhuiKey, ZHEJIANG, scenario.zhejiangKey,
            MINISTRY, scenario.ministryKey);
    private FixtureConfiguration<Agreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = scenario.fixture();
    }

    /** The terms with the ministry's yearly contribution (and the index's amounts if met) changed. */
    private static AgreementTerms taperedTerms(Money contribution, Money ifMet) {
        AgreementTerms terms = AgreementSamples.compensationTerms();
        List<CompensationRule> rules = new ArrayList<>(terms.compensation());
        CompensationRule wqi = rules.get(WQI_RULE);
        rules.set(WQI_RULE, new CompensationRule(wqi.rule(), wqi.sectionId(), wqi.period(),
                wqi.stabilityCoefficient(), wqi.indicators(), ifMet, wqi.amountIfNotMet(), null, null, null, null));
        CompensationRule fixed = rules.get(FIXED_RULE);
        rules.set(FIXED_RULE, new CompensationRule(fixed.rule(), null, fixed.period(), null, null, null, null, null,
                fixed.payer(), fixed.payee(), contribution));
        return new AgreementTerms(terms.text(), terms.sections(), terms.obligations(), rules);
    }

    private static AgreementTerms taperedTerms() {
        return taperedTerms(TWO_HUNDRED_MILLION, AgreementSamples.HUNDRED_MILLION);
    }

    private ProposeAmendmentCommand propose(String by, AgreementTerms terms, LocalDate effectiveUntil,
                                            List<Party> parties) {
        return new ProposeAmendmentCommand(AGREEMENT_ID, by, REASON, VALID_FROM, terms, effectiveUntil, parties);
    }

    private ProposeAmendmentCommand proposeTaper() {
        return propose(ANHUI, taperedTerms(), null, null);
    }

    private AgreementDraft amended(AgreementTerms terms, LocalDate until, List<Party> parties) {
        AgreementDraft d = scenario.draft;
        return new AgreementDraft(d.title(), d.basin(), parties == null ? d.parties() : parties, d.effectiveFrom(),
                until == null ? d.effectiveUntil() : until, terms == null ? d.terms() : terms, d.predecessorId());
    }

    private AmendmentProposedEvent proposed(int number, LocalDate validFrom, AgreementDraft amended,
                                            String replaces) {
        CanonicalTerms document = CanonicalTerms.ofAmendment(AGREEMENT_ID, number, replaces, validFrom, REASON,
                amended);
        LinkedHashSet<String> signatories = new LinkedHashSet<>();
        scenario.draft.parties().forEach(p -> signatories.add(p.jurisdictionId()));
        amended.parties().forEach(p -> signatories.add(p.jurisdictionId()));
        return new AmendmentProposedEvent(AGREEMENT_ID, number, ANHUI, REASON, validFrom, amended,
                List.copyOf(signatories), document.document(), document.termsHash(), replaces);
    }

    private AmendmentProposedEvent proposedTaper() {
        return proposed(1, VALID_FROM, amended(taperedTerms(), null, null), scenario.canonical.termsHash());
    }

    private String signatureOf(String party, AmendmentProposedEvent amendment) {
        return keys.get(party).sign(amendment.canonicalDocument().getBytes(StandardCharsets.UTF_8));
    }

    private SignAmendmentCommand sign(String party, AmendmentProposedEvent amendment) {
        return new SignAmendmentCommand(AGREEMENT_ID, party, amendment.number(), signatureOf(party, amendment),
                keys.get(party).keyId());
    }

    private AmendmentSignedEvent signed(String party, AmendmentProposedEvent amendment) {
        TestKeys key = keys.get(party);
        return new AmendmentSignedEvent(AGREEMENT_ID, amendment.number(), party, key.keyId(), key.publicKeyBase64(),
                signatureOf(party, amendment), amendment.termsHash());
    }

    private AmendmentAdoptedEvent adopted(AmendmentProposedEvent amendment) {
        return new AmendmentAdoptedEvent(AGREEMENT_ID, amendment.number(), amendment.termsHash(),
                amendment.validFrom());
    }

    private AmendmentTookEffectEvent tookEffect(AmendmentProposedEvent amendment, Instant signedAt) {
        List<AmendmentSignature> signatures = amendment.signatories().stream()
                .map(p -> new AmendmentSignature(p, keys.get(p).keyId(), signedAt))
                .toList();
        return new AmendmentTookEffectEvent(AGREEMENT_ID, amendment.number(), amendment.termsHash(),
                amendment.validFrom(), amendment.draft(), signatures);
    }

    /** In force, amendment proposed and signed by all but {@code lastSigner}. */
    private TestExecutor<Agreement> awaitingSignatureOf(String lastSigner, AmendmentProposedEvent amendment) {
        List<Object> events = new ArrayList<>(scenario.inForce());
        events.add(amendment);
        amendment.signatories().stream().filter(p -> !p.equals(lastSigner)).forEach(p -> events.add(signed(p, amendment)));
        return fixture.givenCurrentTime(PROPOSAL_DAY).andGiven(events);
    }

    /** In force with the taper adopted and in effect from {@link #VALID_FROM}. */
    private List<Object> taperInEffect() {
        AmendmentProposedEvent amendment = proposedTaper();
        List<Object> events = new ArrayList<>(scenario.inForce());
        events.add(amendment);
        amendment.signatories().forEach(p -> events.add(signed(p, amendment)));
        events.add(adopted(amendment));
        events.add(tookEffect(amendment, PROPOSAL_DAY));
        return events;
    }

    // --- proposal ---

    @Test
    void aPartyProposesAnAmendmentWhoseDocumentNamesTheAgreementTheNumberAndTheHashItReplaces() {
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(scenario.inForce())
                .when(proposeTaper())
                .expectEvents(proposedTaper())
                .expectResultMessagePayload(1);
    }

    @Test
    void theAmendedDocumentIsCanonicalAndNamesWhatItAmends() {
        String document = proposedTaper().canonicalDocument();
        org.assertj.core.api.Assertions.assertThat(document)
                .startsWith("{\"agreementId\":\"" + AGREEMENT_ID + "\",\"amendment\":1,")
                .contains("\"replacesTermsHash\":\"" + scenario.canonical.termsHash() + "\"")
                .contains("\"validFrom\":\"2025-04-01\"")
                .contains("\"amount\":\"200000000.00\"");
    }

    @Test
    void anAgreementNotInForceIsNotAmended() {
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(scenario.drafted(), scenario.opened())
                .when(proposeTaper())
                .expectException(InvalidStateException.class)
                .expectNoEvents();
    }

    @Test
    void anOutsiderProposesNothing() {
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(scenario.inForce())
                .when(propose(OUTSIDER, taperedTerms(), null, null))
                .expectException(NotPermittedException.class)
                .expectNoEvents();
    }

    @Test
    void oneAmendmentIsOpenAtATime() {
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(scenario.inForce())
                .andGiven(proposedTaper())
                .when(propose(ZHEJIANG, null, LocalDate.of(2028, 12, 31), null))
                .expectException(InvalidStateException.class)
                .expectNoEvents();
    }

    @Test
    void validFromIsTodayOrLaterInChinaStandardTime() {
        // 17:00 UTC on 31 March is already 1 April in China Standard Time: 31 March has passed there
        fixture.givenCurrentTime(Instant.parse("2025-03-31T17:00:00Z"))
                .andGiven(scenario.inForce())
                .when(new ProposeAmendmentCommand(AGREEMENT_ID, ANHUI, REASON, LocalDate.of(2025, 3, 31),
                        taperedTerms(), null, null))
                .expectException(invalidFields("validFrom"))
                .expectNoEvents();
    }

    @Test
    void validFromIsRequiredAndWithinTheTermsItAmends() {
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(scenario.inForce())
                .when(new ProposeAmendmentCommand(AGREEMENT_ID, ANHUI, REASON, null, taperedTerms(), null, null))
                .expectException(invalidFields("validFrom"));
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(scenario.inForce())
                .when(new ProposeAmendmentCommand(AGREEMENT_ID, ANHUI, REASON, UNTIL.plusDays(1), taperedTerms(),
                        null, null))
                .expectException(invalidFields("validFrom"));
    }

    @Test
    void theAmendedTermsFollowTheDraftsRulesNamingEachField() {
        AgreementTerms blank = new AgreementTerms(" ", taperedTerms().sections(), taperedTerms().obligations(),
                taperedTerms().compensation());
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(scenario.inForce())
                .when(propose(ANHUI, blank, null, null))
                .expectException(invalidFields("terms.text"))
                .expectNoEvents();
    }

    @Test
    void anAmendmentChangesSomethingAndHasAReason() {
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(scenario.inForce())
                .when(propose(ANHUI, null, null, null))
                .expectException(invalidFields("terms"));
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(scenario.inForce())
                .when(new ProposeAmendmentCommand(AGREEMENT_ID, ANHUI, " ", VALID_FROM, taperedTerms(), null, null))
                .expectException(invalidFields("reason"));
    }

    @Test
    void theNewEndIsNotBeforeValidFrom() {
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(scenario.inForce())
                .when(propose(ANHUI, null, LocalDate.of(2025, 3, 31), null))
                .expectException(invalidFields("effectiveUntil"));
    }

    // --- signatures, adoption, taking effect ---

    @Test
    void theLastSignatureAdoptsItAndItTakesEffectAsValidFromBegins() {
        AmendmentProposedEvent amendment = proposedTaper();
        awaitingSignatureOf(MINISTRY, amendment)
                .when(sign(MINISTRY, amendment))
                .expectEvents(signed(MINISTRY, amendment), adopted(amendment))
                .expectScheduledDeadline(TAKES_EFFECT, "1");
    }

    @Test
    void theLedgerPutsItInEffectOnValidFrom() {
        AmendmentProposedEvent amendment = proposedTaper();
        awaitingSignatureOf(MINISTRY, amendment)
                .andGivenCommands(sign(MINISTRY, amendment))
                .whenTimeAdvancesTo(TAKES_EFFECT)
                .expectEvents(tookEffect(amendment, PROPOSAL_DAY));
    }

    @Test
    void adoptedOnValidFromItselfItTakesEffectAtOnce() {
        AmendmentProposedEvent amendment = proposedTaper();
        Instant onTheDay = TAKES_EFFECT.plusSeconds(3600);
        List<Object> events = new ArrayList<>(scenario.inForce());
        events.add(amendment);
        events.add(signed(ANHUI, amendment));
        events.add(signed(ZHEJIANG, amendment));
        fixture.givenCurrentTime(onTheDay)
                .andGiven(events)
                .when(sign(MINISTRY, amendment))
                .expectEvents(signed(MINISTRY, amendment), adopted(amendment), tookEffect(amendment, onTheDay));
    }

    @Test
    void afterValidFromHasEndedItCanNoLongerBeAdopted() {
        AmendmentProposedEvent amendment = proposedTaper();
        List<Object> events = new ArrayList<>(scenario.inForce());
        events.add(amendment);
        fixture.givenCurrentTime(LedgerCalendar.endOf(VALID_FROM))
                .andGiven(events)
                .when(sign(MINISTRY, amendment))
                .expectException(InvalidStateException.class)
                .expectNoEvents();
    }

    @Test
    void aSignatureOverOtherBytesIsRejectedAndChangesNothing() {
        AmendmentProposedEvent amendment = proposedTaper();
        String overTheOriginal = scenario.ministryKey.sign(scenario.canonical.bytes());
        awaitingSignatureOf(MINISTRY, amendment)
                .when(new SignAmendmentCommand(AGREEMENT_ID, MINISTRY, 1, overTheOriginal, null))
                .expectException(SignatureRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void aPartySignsWithItsOwnKeyOnly() {
        AmendmentProposedEvent amendment = proposedTaper();
        String byZhejiangsKey = signatureOf(ZHEJIANG, amendment);
        awaitingSignatureOf(MINISTRY, amendment)
                .when(new SignAmendmentCommand(AGREEMENT_ID, MINISTRY, 1, byZhejiangsKey, scenario.zhejiangKey.keyId()))
                .expectException(SignatureRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void anOutsiderDoesNotSign() {
        AmendmentProposedEvent amendment = proposedTaper();
        awaitingSignatureOf(MINISTRY, amendment)
                .when(new SignAmendmentCommand(AGREEMENT_ID, OUTSIDER, 1, signatureOf(ANHUI, amendment), null))
                .expectException(NotPermittedException.class)
                .expectNoEvents();
    }

    @Test
    void aPartySignsOnce() {
        AmendmentProposedEvent amendment = proposedTaper();
        awaitingSignatureOf(MINISTRY, amendment)
                .when(sign(ANHUI, amendment))
                .expectException(InvalidStateException.class)
                .expectNoEvents();
    }

    @Test
    void anUnknownAmendmentIsNotFoundAndAnAdoptedOneIsSignedNoMore() {
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(scenario.inForce())
                .when(new SignAmendmentCommand(AGREEMENT_ID, ANHUI, 1, "c2ln", null))
                .expectException(NotFoundException.class);
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(taperInEffect())
                .when(sign(ANHUI, proposedTaper()))
                .expectException(InvalidStateException.class)
                .expectNoEvents();
    }

    // --- rejection ---

    @Test
    void anySignatoryRejectsItAndTheTermsStay() {
        AmendmentProposedEvent amendment = proposedTaper();
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(scenario.inForce())
                .andGiven(amendment, signed(ANHUI, amendment))
                .when(new RejectAmendmentCommand(AGREEMENT_ID, MINISTRY, 1, "not before the budget"))
                .expectEvents(new AmendmentRejectedEvent(AGREEMENT_ID, 1, MINISTRY, "not before the budget",
                        List.of(ANHUI)));
    }

    @Test
    void aRejectedAmendmentIsSignedNoMoreAndTheNextOneIsNumberTwo() {
        AmendmentProposedEvent amendment = proposedTaper();
        AmendmentRejectedEvent rejected = new AmendmentRejectedEvent(AGREEMENT_ID, 1, MINISTRY, "no", List.of());
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(scenario.inForce())
                .andGiven(amendment, rejected)
                .when(sign(ANHUI, amendment))
                .expectException(InvalidStateException.class);
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(scenario.inForce())
                .andGiven(amendment, rejected)
                .when(proposeTaper())
                .expectEvents(proposed(2, VALID_FROM, amended(taperedTerms(), null, null),
                        scenario.canonical.termsHash()))
                .expectResultMessagePayload(2);
    }

    @Test
    void anOutsiderDoesNotRejectAndARejectionHasAReason() {
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(scenario.inForce())
                .andGiven(proposedTaper())
                .when(new RejectAmendmentCommand(AGREEMENT_ID, OUTSIDER, 1, "no"))
                .expectException(NotPermittedException.class);
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(scenario.inForce())
                .andGiven(proposedTaper())
                .when(new RejectAmendmentCommand(AGREEMENT_ID, ZHEJIANG, 1, ""))
                .expectException(invalidFields("reason"));
    }

    // --- parties joining and leaving ---

    @Test
    void aJoiningPartySignsTooAndActsOnlyOnceTheAmendmentIsInEffect() {
        // Jiangsu joins as a member: the three old parties and Jiangsu sign
        TestKeys jiangsuKey = TestKeys.generate();
        scenario.directory.register("CN-JS-NEW", jiangsuKey);
        List<Party> joined = new ArrayList<>(scenario.draft.parties());
        joined.add(new Party("CN-JS-NEW", PartyRole.MEMBER));
        AmendmentProposedEvent amendment = proposed(1, VALID_FROM, amended(null, null, joined),
                scenario.canonical.termsHash());
        String jiangsuSignature = jiangsuKey.sign(amendment.canonicalDocument().getBytes(StandardCharsets.UTF_8));
        List<Object> events = new ArrayList<>(scenario.inForce());
        events.add(amendment);
        List.of(ANHUI, ZHEJIANG, MINISTRY).forEach(p -> events.add(signed(p, amendment)));
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(events)
                .when(new SignAmendmentCommand(AGREEMENT_ID, "CN-JS-NEW", 1, jiangsuSignature, null))
                .expectEvents(new AmendmentSignedEvent(AGREEMENT_ID, 1, "CN-JS-NEW", jiangsuKey.keyId(),
                        jiangsuKey.publicKeyBase64(), jiangsuSignature, amendment.termsHash()), adopted(amendment));
        // before validFrom Jiangsu is not a party yet
        fixture = scenario.fixture();
        fixture.givenCurrentTime(PROPOSAL_DAY)
                .andGiven(events)
                .andGivenCommands(new SignAmendmentCommand(AGREEMENT_ID, "CN-JS-NEW", 1, jiangsuSignature, null))
                .when(new SubmitMonitoringReportCommand(AGREEMENT_ID, "R-1", "CN-JS-NEW", JIEKOU, "2025-03",
                        List.of(xinan("2025-03-05T02:00:00Z", "1.8", "0.09", "0.025", "1.1")), null))
                .expectException(NotPermittedException.class);
    }

    @Test
    void aLeavingPartySignsItsLeavingAndThenActsNoMore() {
        // the ministry leaves: its contribution goes with it, and it still signs
        AgreementTerms withoutFunds = new AgreementTerms(taperedTerms().text(), taperedTerms().sections(),
                taperedTerms().obligations(), taperedTerms().compensation().subList(0, 2));
        List<Party> withoutMinistry = scenario.draft.parties().subList(0, 2);
        AmendmentProposedEvent amendment = proposed(1, VALID_FROM, amended(withoutFunds, null, withoutMinistry),
                scenario.canonical.termsHash());
        org.assertj.core.api.Assertions.assertThat(amendment.signatories()).containsExactly(ANHUI, ZHEJIANG, MINISTRY);
        awaitingSignatureOf(MINISTRY, amendment)
                .when(sign(MINISTRY, amendment))
                .expectEvents(signed(MINISTRY, amendment), adopted(amendment));
        List<Object> events = new ArrayList<>(scenario.inForce());
        events.add(amendment);
        List.of(ANHUI, ZHEJIANG, MINISTRY).forEach(p -> events.add(signed(p, amendment)));
        events.add(adopted(amendment));
        events.add(tookEffect(amendment, PROPOSAL_DAY));
        fixture = scenario.fixture();
        fixture.givenCurrentTime(TAKES_EFFECT)
                .andGiven(events)
                .when(new ProposeAmendmentCommand(AGREEMENT_ID, MINISTRY, REASON, LocalDate.of(2025, 5, 1), null,
                        LocalDate.of(2028, 12, 31), null))
                .expectException(NotPermittedException.class);
    }

    // --- versions: assessments and contributions ---

    /** The 2025 yearly assessment of Jiekou by the index, and that of 2026, each at the baselines (met). */
    private static AssessSectionCommand assess(String id, String period) {
        return new AssessSectionCommand(AGREEMENT_ID, id, ZHEJIANG, JIEKOU, period);
    }

    private static Matcher<List<Message<?>>> recorded(Predicate<AssessmentRecordedEvent> check) {
        Matcher<Object> assessment = Matchers.matches(p -> p instanceof AssessmentRecordedEvent e && check.test(e));
        return Matchers.payloadsMatching(Matchers.exactSequenceOf(assessment, Matchers.andNoMore()));
    }

    @Test
    void aPeriodIsAssessedUnderTheTermsInEffectOnItsFirstDay() {
        // the amendment (in effect from 1 April 2025) pays 150 million if met; 2025 began under version 0
        AmendmentProposedEvent amendment = proposed(1, VALID_FROM,
                amended(taperedTerms(TWO_HUNDRED_MILLION, HUNDRED_FIFTY_MILLION), null, null),
                scenario.canonical.termsHash());
        List<Object> events = new ArrayList<>(scenario.inForce());
        events.add(amendment);
        amendment.signatories().forEach(p -> events.add(signed(p, amendment)));
        events.add(adopted(amendment));
        events.add(tookEffect(amendment, PROPOSAL_DAY));
        events.add(report("R-1", ANHUI, JIEKOU, "2025", null, xinan("2025-06-10T02:00:00Z", "1.80", "0.09", "0.025",
                "1.10")));
        events.add(report("R-2", ANHUI, JIEKOU, "2026", null, xinan("2026-06-10T02:00:00Z", "1.80", "0.09", "0.025",
                "1.10")));
        fixture.givenCurrentTime(Instant.parse("2027-01-05T02:00:00Z"))
                .andGiven(events)
                .when(assess("A-1", "2025"))
                .expectEventsMatching(recorded(e -> e.termsVersion() == 0 && e.result().met()
                        && e.result().amount().equals(AgreementSamples.HUNDRED_MILLION)
                        && e.inputs().rule().equals(AgreementSamples.rule(WQI_RULE))));
        fixture.givenCurrentTime(Instant.parse("2027-01-05T02:00:00Z"))
                .andGiven(events)
                .when(assess("A-2", "2026"))
                .expectEventsMatching(recorded(e -> e.termsVersion() == 1 && e.result().met()
                        && e.result().amount().equals(HUNDRED_FIFTY_MILLION)));
    }

    private static FixedContributionFellDueEvent contribution(int year, String period, Money amount) {
        String transferId = UUID.nameUUIDFromBytes(("fixed-transfer:" + AGREEMENT_ID + ":" + FIXED_RULE + ":" + year)
                .getBytes(StandardCharsets.UTF_8)).toString();
        Instant dueAt = LedgerCalendar.startOf(AgreementSamples.FROM.plusYears(year));
        return new FixedContributionFellDueEvent(AGREEMENT_ID, FIXED_RULE, year, period, MINISTRY, ANHUI, amount,
                dueAt, transferId);
    }

    @Test
    void aYearsContributionIsPaidUnderTheTermsInEffectOnTheYearsFirstDay() {
        // 2025 began under version 0 (300 million); 2026 begins under the taper (200 million)
        Instant firstAnniversary = LedgerCalendar.startOf(AgreementSamples.FROM.plusYears(1));
        Instant secondAnniversary = LedgerCalendar.startOf(AgreementSamples.FROM.plusYears(2));
        AmendmentProposedEvent amendment = proposedTaper();
        awaitingSignatureOf(MINISTRY, amendment)
                .andGivenCommands(sign(MINISTRY, amendment))
                .whenTimeAdvancesTo(secondAnniversary)
                .expectEvents(tookEffect(amendment, PROPOSAL_DAY),
                        contribution(1, "2025", AgreementSamples.THREE_HUNDRED_MILLION),
                        contribution(2, "2026", TWO_HUNDRED_MILLION));
        org.assertj.core.api.Assertions.assertThat(firstAnniversary).isBefore(secondAnniversary);
    }

    @Test
    void anExtensionMovesTheExpiryAndAddsItsYears() {
        LocalDate extended = LocalDate.of(2028, 12, 31);
        AmendmentProposedEvent amendment = proposed(1, VALID_FROM, amended(null, extended, null),
                scenario.canonical.termsHash());
        Instant oldEnd = LedgerCalendar.endOf(UNTIL);
        awaitingSignatureOf(MINISTRY, amendment)
                .andGivenCommands(sign(MINISTRY, amendment))
                .whenTimeAdvancesTo(oldEnd)
                .expectEvents(tookEffect(amendment, PROPOSAL_DAY), contribution(1, "2025", AgreementSamples.THREE_HUNDRED_MILLION),
                        contribution(2, "2026", AgreementSamples.THREE_HUNDRED_MILLION),
                        contribution(3, "2027", AgreementSamples.THREE_HUNDRED_MILLION))
                .expectScheduledDeadline(LedgerCalendar.endOf(extended), AGREEMENT_ID);
    }

    @Test
    void aSnapshotKeepsEveryVersionAndTheOpenAmendmentAndReadsBackIntoTheSameState() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .findAndRegisterModules()
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        org.axonframework.serialization.json.JacksonSerializer serializer =
                org.axonframework.serialization.json.JacksonSerializer.builder().objectMapper(mapper).build();
        java.util.concurrent.atomic.AtomicReference<org.axonframework.serialization.SerializedObject<byte[]>> snapshot =
                new java.util.concurrent.atomic.AtomicReference<>();
        fixture.givenCurrentTime(TAKES_EFFECT)
                .andGiven(taperInEffect())
                .when(new ProposeAmendmentCommand(AGREEMENT_ID, ZHEJIANG, REASON, LocalDate.of(2025, 5, 1), null,
                        LocalDate.of(2028, 12, 31), null))
                .expectSuccessfulHandlerExecution()
                .expectState(agreement -> snapshot.set(serializer.serialize(agreement, byte[].class)));
        Agreement restored = serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                snapshot.get().getData(), byte[].class, snapshot.get().getType()));
        com.fasterxml.jackson.databind.JsonNode json = mapper.readTree(snapshot.get().getData());
        org.assertj.core.api.Assertions.assertThat(json.at("/versions").size()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(json.at("/termsVersion").asInt()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(json.at("/openAmendment/number").asInt()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(mapper.readTree(serializer.serialize(restored, byte[].class).getData()))
                .isEqualTo(json);
    }

    @Test
    void aShorterEndExpiresTheAgreementThenAndPaysOnlyTheYearsThatFitInIt() {
        LocalDate shortened = LocalDate.of(2026, 12, 31);
        AmendmentProposedEvent amendment = proposed(1, VALID_FROM, amended(null, shortened, null),
                scenario.canonical.termsHash());
        awaitingSignatureOf(MINISTRY, amendment)
                .andGivenCommands(sign(MINISTRY, amendment))
                .whenTimeAdvancesTo(LedgerCalendar.endOf(UNTIL))
                .expectEvents(tookEffect(amendment, PROPOSAL_DAY),
                        contribution(1, "2025", AgreementSamples.THREE_HUNDRED_MILLION),
                        contribution(2, "2026", AgreementSamples.THREE_HUNDRED_MILLION),
                        new org.basinledger.api.agreement.AgreementExpiredEvent(AGREEMENT_ID, shortened));
    }

    @Test
    void theOldEndsDeadlineFindsTheEndMovedAndDoesNothing() {
        LocalDate extended = LocalDate.of(2028, 12, 31);
        AmendmentProposedEvent amendment = proposed(1, VALID_FROM, amended(null, extended, null),
                scenario.canonical.termsHash());
        List<Object> events = new ArrayList<>(scenario.inForce());
        events.add(amendment);
        amendment.signatories().forEach(p -> events.add(signed(p, amendment)));
        events.add(adopted(amendment));
        events.add(tookEffect(amendment, PROPOSAL_DAY));
        Instant oldEnd = LedgerCalendar.endOf(UNTIL);
        fixture.givenCurrentTime(oldEnd)
                .andGiven(events)
                .whenInvoking(AGREEMENT_ID, agreement -> agreement.onExpires(AGREEMENT_ID, oldEnd))
                .expectNoEvents();
    }

    @Test
    void aContributionTheAmendmentDroppedIsNotPaidWhenItsOldDeadlineRuns() {
        // the ministry's rule is dropped from 1 April 2025: 2026 begins without it, 2025 began with it
        AgreementTerms withoutFunds = new AgreementTerms(taperedTerms().text(), taperedTerms().sections(),
                taperedTerms().obligations(), taperedTerms().compensation().subList(0, 2));
        AmendmentProposedEvent amendment = proposed(1, VALID_FROM, amended(withoutFunds, null, null),
                scenario.canonical.termsHash());
        List<Object> events = new ArrayList<>(scenario.inForce());
        events.add(amendment);
        amendment.signatories().forEach(p -> events.add(signed(p, amendment)));
        events.add(adopted(amendment));
        events.add(tookEffect(amendment, PROPOSAL_DAY));
        Instant secondAnniversary = LedgerCalendar.startOf(AgreementSamples.FROM.plusYears(2));
        fixture.givenCurrentTime(secondAnniversary)
                .andGiven(events)
                .whenInvoking(AGREEMENT_ID, agreement -> {
                    agreement.onFixedContributionDue(new FixedContributionDue(FIXED_RULE, 2));
                    agreement.onFixedContributionDue(new FixedContributionDue(FIXED_RULE, 1));
                })
                .expectEvents(contribution(1, "2025", AgreementSamples.THREE_HUNDRED_MILLION));
    }
}
