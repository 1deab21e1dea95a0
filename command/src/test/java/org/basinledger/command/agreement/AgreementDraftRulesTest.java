package org.basinledger.command.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.FROM;
import static org.basinledger.command.agreement.AgreementSamples.MINISTRY;
import static org.basinledger.command.agreement.AgreementSamples.OUTSIDER;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementTerms;
import org.basinledger.api.agreement.PaymentTerms;
import org.basinledger.api.agreement.EmergencyTerms;
import org.basinledger.api.common.Money;
import org.basinledger.api.incident.WarningLevel;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.ObligationTerm;
import org.basinledger.api.agreement.Party;
import org.basinledger.api.agreement.PartyRole;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.junit.jupiter.api.Test;

class AgreementDraftRulesTest {

    private static final Predicate<String> REGISTERED = Set.of(ANHUI, ZHEJIANG, MINISTRY)::contains;

    private final AgreementDraft valid = AgreementSamples.twoPartyDraft();

    private static List<String> fieldsWithErrors(AgreementDraft draft) {
        return AgreementDraftRules.check(draft, REGISTERED).stream().map(FieldError::field).toList();
    }

    private AgreementDraft withParties(Party... parties) {
        return new AgreementDraft(valid.title(), valid.basin(), List.of(parties), valid.effectiveFrom(),
                valid.effectiveUntil(), valid.terms());
    }

    private AgreementDraft withTerms(AgreementTerms terms) {
        return new AgreementDraft(valid.title(), valid.basin(), valid.parties(), valid.effectiveFrom(),
                valid.effectiveUntil(), terms);
    }

    private AgreementDraft withDates(LocalDate from, LocalDate until) {
        return new AgreementDraft(valid.title(), valid.basin(), valid.parties(), from, until, valid.terms());
    }

    @Test
    void acceptsTheXinanDraft() {
        assertThat(AgreementDraftRules.check(valid, REGISTERED)).isEmpty();
    }

    @Test
    void daysOfNoticeAndGraceAreFrom0To3650WhenGiven() {
        assertThat(fieldsWithErrors(withTerms(valid.terms().withEndings(0, 0)))).isEmpty();
        assertThat(fieldsWithErrors(withTerms(valid.terms().withEndings(3650, 3650)))).isEmpty();
        assertThat(fieldsWithErrors(withTerms(valid.terms().withEndings(-1, 3651))))
                .containsExactly("terms.terminationNoticeDays", "terms.reportingGraceDays");
    }

    @Test
    void refusesAMissingDraft() {
        assertThat(fieldsWithErrors(null)).containsExactly("draft");
    }

    @Test
    void refusesABlankTitleAndBasin() {
        AgreementDraft draft = new AgreementDraft(" ", "", valid.parties(), FROM, valid.effectiveUntil(), valid.terms());
        assertThat(fieldsWithErrors(draft)).containsExactly("title", "basin");
    }

    @Test
    void refusesATitleLongerThan300Characters() {
        AgreementDraft draft = new AgreementDraft("t".repeat(301), valid.basin(), valid.parties(), FROM,
                valid.effectiveUntil(), valid.terms());
        assertThat(fieldsWithErrors(draft)).containsExactly("title");
    }

    @Test
    void refusesFewerThanTwoParties() {
        assertThat(fieldsWithErrors(withParties(new Party(ANHUI, PartyRole.UPSTREAM))))
                .contains("parties");
    }

    @Test
    void refusesAPartyListedTwice() {
        assertThat(fieldsWithErrors(withParties(new Party(ANHUI, PartyRole.UPSTREAM),
                new Party(ZHEJIANG, PartyRole.DOWNSTREAM), new Party(ANHUI, PartyRole.MEMBER))))
                .containsExactly("parties[2].jurisdictionId");
    }

    @Test
    void refusesAnUnregisteredParty() {
        assertThat(fieldsWithErrors(withParties(new Party(ANHUI, PartyRole.UPSTREAM),
                new Party(ZHEJIANG, PartyRole.DOWNSTREAM), new Party(OUTSIDER, PartyRole.MEMBER))))
                .containsExactly("parties[2].jurisdictionId");
    }

    @Test
    void refusesAPartyWithoutRole() {
        assertThat(fieldsWithErrors(withParties(new Party(ANHUI, PartyRole.UPSTREAM), new Party(ZHEJIANG, null))))
                .containsExactly("parties[1].role");
    }

    @Test
    void refusesMissingEffectiveDates() {
        assertThat(fieldsWithErrors(withDates(null, null))).containsExactly("effectiveFrom", "effectiveUntil");
    }

    @Test
    void refusesAnEffectiveUntilThatIsNotAfterEffectiveFrom() {
        assertThat(fieldsWithErrors(withDates(FROM, FROM))).containsExactly("effectiveUntil");
    }

    @Test
    void refusesDatesOutsideASensibleRangeInsteadOfFailingLater() {
        assertThat(fieldsWithErrors(withDates(FROM, LocalDate.MAX))).containsExactly("effectiveUntil");
        assertThat(fieldsWithErrors(withDates(LocalDate.of(1900, 1, 1), FROM))).containsExactly("effectiveFrom");
        assertThat(fieldsWithErrors(withDates(LocalDate.of(1949, 12, 31), LocalDate.of(1960, 1, 1))))
                .containsExactly("effectiveFrom");
        assertThat(fieldsWithErrors(withDates(LocalDate.of(1950, 1, 1), LocalDate.of(2050, 1, 1)))).isEmpty();
        assertThat(fieldsWithErrors(withDates(LocalDate.of(1950, 1, 1), LocalDate.of(2050, 1, 2))))
                .as("more than 100 years in force").containsExactly("effectiveUntil");
        assertThat(fieldsWithErrors(withDates(LocalDate.of(2199, 1, 1), LocalDate.of(2200, 1, 1))))
                .containsExactly("effectiveUntil");
    }

    @Test
    void refusesListsBeyondTheirBounds() {
        AgreementTerms terms = valid.terms();
        List<CompensationRule> rules = java.util.Collections.nCopies(51, terms.compensation().get(0));
        assertThat(fieldsWithErrors(withTerms(new AgreementTerms(terms.text(), terms.sections(), terms.obligations(),
                rules)))).containsExactly("terms.compensation");
        List<ObligationTerm> obligations = java.util.Collections.nCopies(1_001, terms.obligations().get(0));
        assertThat(fieldsWithErrors(withTerms(new AgreementTerms(terms.text(), terms.sections(), obligations,
                terms.compensation())))).containsExactly("terms.obligations");
        List<MonitoringSection> sections = java.util.Collections.nCopies(101, terms.sections().get(0));
        assertThat(fieldsWithErrors(withTerms(new AgreementTerms(terms.text(), sections, terms.obligations(),
                terms.compensation())))).containsExactly("terms.sections");
        Party[] many = java.util.stream.IntStream.range(0, 51).mapToObj(i -> valid.parties().get(0)).toArray(Party[]::new);
        assertThat(fieldsWithErrors(withParties(many))).first().isEqualTo("parties");
    }

    @Test
    void refusesAnObligationDueOutsideTheRange() {
        AgreementTerms terms = valid.terms();
        ObligationTerm first = terms.obligations().get(0);
        ObligationTerm late = new ObligationTerm(first.id(), first.party(), first.description(), LocalDate.MAX);
        assertThat(fieldsWithErrors(withTerms(new AgreementTerms(terms.text(), terms.sections(), List.of(late),
                terms.compensation())))).containsExactly("terms.obligations[0].dueDate");
    }

    @Test
    void refusesMissingTerms() {
        assertThat(fieldsWithErrors(withTerms(null))).containsExactly("terms");
    }

    @Test
    void refusesBlankTermsText() {
        AgreementTerms terms = valid.terms();
        assertThat(fieldsWithErrors(withTerms(new AgreementTerms(" ", terms.sections(), terms.obligations(),
                terms.compensation())))).containsExactly("terms.text");
    }

    private AgreementDraft withPayment(Integer dueDays, String rate) {
        AgreementTerms terms = valid.terms();
        return withTerms(new AgreementTerms(terms.text(), terms.sections(), terms.obligations(), terms.compensation(),
                new PaymentTerms(dueDays, rate == null ? null : new BigDecimal(rate))));
    }

    @Test
    void acceptsPaymentTermsWithOrWithoutALateInterestRate() {
        assertThat(fieldsWithErrors(withPayment(30, "0.0005"))).isEmpty();
        assertThat(fieldsWithErrors(withPayment(0, null))).isEmpty();
        assertThat(fieldsWithErrors(withPayment(AgreementDraftRules.MAX_DUE_DAYS, "0.01"))).isEmpty();
        assertThat(fieldsWithErrors(withPayment(30, "0"))).isEmpty();
    }

    @Test
    void refusesPaymentTermsWithoutDueDaysOrOutOfBounds() {
        assertThat(fieldsWithErrors(withPayment(null, "0.0005"))).containsExactly("terms.payment.dueDays");
        assertThat(fieldsWithErrors(withPayment(-1, "0.0005"))).containsExactly("terms.payment.dueDays");
        assertThat(fieldsWithErrors(withPayment(AgreementDraftRules.MAX_DUE_DAYS + 1, null)))
                .containsExactly("terms.payment.dueDays");
        assertThat(fieldsWithErrors(withPayment(30, "-0.0005"))).containsExactly("terms.payment.lateInterestDailyRate");
        assertThat(fieldsWithErrors(withPayment(30, "0.0100000001")))
                .containsExactly("terms.payment.lateInterestDailyRate");
        assertThat(fieldsWithErrors(withPayment(30, "0.0000000001")))
                .containsExactly("terms.payment.lateInterestDailyRate");
    }

    private AgreementDraft withEmergency(Map<WarningLevel, String> within, Money penalty) {
        return withTerms(valid.terms().withEmergency(new EmergencyTerms(within, penalty)));
    }

    private static Map<WarningLevel, String> within(String blue, String yellow, String orange, String red) {
        Map<WarningLevel, String> within = new EnumMap<>(WarningLevel.class);
        within.put(WarningLevel.BLUE, blue);
        within.put(WarningLevel.YELLOW, yellow);
        within.put(WarningLevel.ORANGE, orange);
        within.put(WarningLevel.RED, red);
        return within;
    }

    @Test
    void acceptsEmergencyDutiesWithOrWithoutAPenalty() {
        assertThat(fieldsWithErrors(withEmergency(within("P1D", "PT12H", "PT6H", "PT1H"), null))).isEmpty();
        assertThat(fieldsWithErrors(withEmergency(within("P30D", "PT1S", "PT2H", "PT1H"),
                Money.of("500000", Money.CNY)))).isEmpty();
    }

    @Test
    void refusesEmergencyDutiesWithAMissingBadOrOutOfBoundsDuration() {
        String at = "terms.emergency.acknowledgeWithin";
        assertThat(fieldsWithErrors(withEmergency(null, null))).containsExactly(at);
        assertThat(fieldsWithErrors(withEmergency(Map.of(), null)))
                .containsExactly(at + ".BLUE", at + ".YELLOW", at + ".ORANGE", at + ".RED");
        assertThat(fieldsWithErrors(withEmergency(within("P1D", "soon", "PT0S", "-PT1H"), null)))
                .containsExactly(at + ".YELLOW", at + ".ORANGE", at + ".RED");
        assertThat(fieldsWithErrors(withEmergency(within("P31D", "PT12H", "PT6H", " "), null)))
                .containsExactly(at + ".BLUE", at + ".RED");
    }

    @Test
    void refusesAPenaltyThatIsNotPositiveTooLargeOrInAnotherCurrency() {
        String at = "terms.emergency.penaltyForMissedAcknowledgement";
        Map<WarningLevel, String> ok = within("P1D", "PT12H", "PT6H", "PT1H");
        assertThat(fieldsWithErrors(withEmergency(ok, Money.of("0", Money.CNY)))).containsExactly(at + ".amount");
        assertThat(fieldsWithErrors(withEmergency(ok, Money.of(AgreementDraftRules.MAX_AMOUNT.add(BigDecimal.ONE),
                Money.CNY)))).containsExactly(at + ".amount");
        assertThat(fieldsWithErrors(withEmergency(ok, Money.of("1000", "USD")))).containsExactly(at + ".currency");
        assertThat(fieldsWithErrors(withEmergency(ok, Money.of("1000", "ABC")))).containsExactly(at + ".currency");
    }

    @Test
    void refusesSectionsWithDuplicateIdsAndNonPartyEnds() {
        AgreementTerms terms = valid.terms();
        List<MonitoringSection> sections = List.of(terms.sections().get(0),
                new MonitoringSection("JIEKOU", "Jiekou 2", "Xin'an River", null, OUTSIDER, ZHEJIANG),
                new MonitoringSection("JIEKOU-3", "Jiekou 3", "Xin'an River", null, ANHUI, ANHUI));
        assertThat(fieldsWithErrors(withTerms(new AgreementTerms(terms.text(), sections, terms.obligations(),
                terms.compensation()))))
                .containsExactly("terms.sections[1].id", "terms.sections[1].upstream", "terms.sections[2].downstream");
    }

    @Test
    void refusesObligationsWithDuplicateIdsNonPartiesAndNoDueDate() {
        AgreementTerms terms = valid.terms();
        List<ObligationTerm> obligations = List.of(terms.obligations().get(0),
                new ObligationTerm(terms.obligations().get(0).id(), OUTSIDER, "patrol", null));
        assertThat(fieldsWithErrors(withTerms(new AgreementTerms(terms.text(), terms.sections(), obligations,
                terms.compensation()))))
                .containsExactly("terms.obligations[1].id", "terms.obligations[1].party", "terms.obligations[1].dueDate");
    }

    @Test
    void refusesCompensationWithoutRuleOrWithUnknownReferences() {
        AgreementTerms terms = valid.terms();
        List<CompensationRule> rules = List.of(
                new CompensationRule(null, "NOWHERE", null, null, null, null, null, null, OUTSIDER, ZHEJIANG, null));
        assertThat(fieldsWithErrors(withTerms(new AgreementTerms(terms.text(), terms.sections(), terms.obligations(),
                rules))))
                .containsExactly("terms.compensation[0].rule", "terms.compensation[0].sectionId",
                        "terms.compensation[0].payer");
    }

    @Test
    void collectsEveryErrorIntoOneException() {
        AgreementDraft draft = new AgreementDraft("", "Xin'an River",
                List.of(new Party(ANHUI, PartyRole.UPSTREAM), new Party(OUTSIDER, PartyRole.DOWNSTREAM)),
                FROM, FROM.minusDays(1), valid.terms());

        assertThatThrownBy(() -> AgreementDraftRules.validate(draft, REGISTERED))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("title", "parties[1].jurisdictionId", "effectiveUntil",
                                "terms.sections[0].downstream"));
    }
}
