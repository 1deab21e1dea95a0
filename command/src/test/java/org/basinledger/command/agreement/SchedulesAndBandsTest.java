package org.basinledger.command.agreement;

import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.FIXED_RULE;
import static org.basinledger.command.agreement.AgreementSamples.JIEKOU;
import static org.basinledger.command.agreement.AgreementSamples.MINISTRY;
import static org.basinledger.command.agreement.AgreementSamples.UNTIL;
import static org.basinledger.command.agreement.AgreementSamples.WQI_RULE;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;
import static org.basinledger.command.agreement.ComplianceSamples.report;
import static org.basinledger.command.agreement.ComplianceSamples.sample;
import static org.basinledger.command.agreement.ComplianceSamples.xinan;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementExpiredEvent;
import org.basinledger.api.agreement.AgreementTerms;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRule.Band;
import org.basinledger.api.agreement.CompensationRule.BandPayer;
import org.basinledger.api.agreement.CompensationRule.ScheduledAmount;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.Money;
import org.basinledger.api.compliance.AssessSectionCommand;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.FixedContributionFellDueEvent;
import org.basinledger.api.compliance.Sample;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Money that changes over time (DOMAIN.md "Money over time"): a fixed contribution with a per-year schedule (the
 * Xin'an central funds tapering 400 → 300 million, then nothing in 2027), and a water-quality index paid by bands
 * of P, the first band that matches deciding, on the same exact index as every rule.
 */
class SchedulesAndBandsTest {

    private static final Money M400 = Money.of("400000000.00", Money.CNY);
    private static final Money M300 = Money.of("300000000.00", Money.CNY);
    private static final Money M200 = Money.of("200000000.00", Money.CNY);
    private static final Money M100 = Money.of("100000000.00", Money.CNY);
    private static final Instant EARLY_2026 = Instant.parse("2026-01-05T02:00:00Z");

    /** P ≤ 0.85: Zhejiang pays 300 M; ≤ 1: 100 M; ≤ 1.05: nobody pays; above: Anhui pays Zhejiang 200 M. */
    static final List<Band> BANDS = List.of(
            new Band(new BigDecimal("0.85"), BandPayer.DOWNSTREAM, M300),
            new Band(new BigDecimal("1.0"), BandPayer.DOWNSTREAM, M100),
            new Band(new BigDecimal("1.05"), BandPayer.UPSTREAM, Money.of("0", Money.CNY)),
            new Band(null, BandPayer.UPSTREAM, M200));

    private final AgreementScenario scenario = new AgreementScenario(draft());
    private FixtureConfiguration<Agreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = scenario.fixture();
    }

    /** The compensation sample with its index rule paid by {@link #BANDS} and its fixed rule tapering by year. */
    static AgreementDraft draft() {
        AgreementDraft sample = AgreementSamples.compensationDraft();
        AgreementTerms terms = sample.terms();
        List<CompensationRule> rules = new ArrayList<>(terms.compensation());
        CompensationRule index = rules.get(WQI_RULE);
        rules.set(WQI_RULE, new CompensationRule(index.rule(), index.sectionId(), index.period(),
                index.stabilityCoefficient(), index.indicators(), null, null, null, null, null, null, null, BANDS));
        CompensationRule fixed = rules.get(FIXED_RULE);
        rules.set(FIXED_RULE, new CompensationRule(fixed.rule(), null, fixed.period(), null, null, null, null, null,
                fixed.payer(), fixed.payee(), null,
                List.of(new ScheduledAmount("2025", M400), new ScheduledAmount("2026", M300)), null));
        return new AgreementDraft(sample.title(), sample.basin(), sample.parties(), sample.effectiveFrom(),
                sample.effectiveUntil(), new AgreementTerms(terms.text(), terms.sections(), terms.obligations(), rules));
    }

    private static FixedContributionFellDueEvent fellDue(int year, String period, Money amount) {
        String transferId = UUID.nameUUIDFromBytes(("fixed-transfer:" + AGREEMENT_ID + ":" + FIXED_RULE + ":" + year)
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new FixedContributionFellDueEvent(AGREEMENT_ID, FIXED_RULE, year, period, MINISTRY, ANHUI, amount,
                LedgerCalendar.startOf(AgreementSamples.FROM.plusYears(year)), transferId);
    }

    // --- the schedule ---

    @Test
    void eachYearOfTheScheduleFallsDueWithItsOwnAmountAndAYearItDoesNotNamePaysNothing() {
        fixture.givenCurrentTime(Instant.parse("2028-03-01T02:00:00Z"))
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI), scenario.signed(ZHEJIANG))
                .when(scenario.sign(MINISTRY))
                .expectEvents(scenario.signed(MINISTRY), scenario.fullySigned(), scenario.enteredIntoForce(),
                        scenario.obligationOverdue(), fellDue(1, "2025", M400), fellDue(2, "2026", M300),
                        new AgreementExpiredEvent(AGREEMENT_ID, UNTIL));
    }

    @Test
    void enteringIntoForceSchedulesOnlyTheYearsTheScheduleNames() {
        fixture.givenCurrentTime(Instant.parse("2024-12-01T02:00:00Z"))
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI), scenario.signed(ZHEJIANG))
                .andGivenCommands(scenario.sign(MINISTRY))
                .whenTimeAdvancesTo(LedgerCalendar.startOf(AgreementSamples.FROM))
                .expectScheduledDeadline(LedgerCalendar.startOf(AgreementSamples.FROM.plusYears(1)),
                        new FixedContributionDue(FIXED_RULE, 1))
                .expectScheduledDeadline(LedgerCalendar.startOf(AgreementSamples.FROM.plusYears(2)),
                        new FixedContributionDue(FIXED_RULE, 2))
                .expectNoScheduledDeadlineWithName(LedgerCalendar.startOf(AgreementSamples.FROM.plusYears(3)),
                        Agreement.FIXED_CONTRIBUTION_DUE);
    }

    @Test
    void eachYearFallsDueOnItsAnniversaryAtItsScheduledAmount() {
        fixture.givenCurrentTime(Instant.parse("2024-12-01T02:00:00Z"))
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI), scenario.signed(ZHEJIANG))
                .andGivenCommands(scenario.sign(MINISTRY))
                .whenTimeAdvancesTo(LedgerCalendar.startOf(AgreementSamples.FROM.plusYears(2)))
                .expectEvents(scenario.enteredIntoForce(), scenario.obligationOverdue(), fellDue(1, "2025", M400),
                        fellDue(2, "2026", M300));
    }

    // --- bands ---

    private static AssessSectionCommand assess() {
        return new AssessSectionCommand(AGREEMENT_ID, "A-1", ANHUI, JIEKOU, "2025");
    }

    private static Matcher<List<Message<?>>> recorded(Predicate<AssessmentRecordedEvent> check) {
        Matcher<Object> assessment = Matchers.matches(p -> p instanceof AssessmentRecordedEvent e && check.test(e));
        return Matchers.payloadsMatching(Matchers.exactSequenceOf(assessment, Matchers.andNoMore()));
    }

    private void assessed(Sample[] samples, Predicate<AssessmentRecordedEvent> check) {
        fixture.givenCurrentTime(EARLY_2026)
                .andGiven(scenario.inForce())
                .andGiven(report("R-1", ANHUI, JIEKOU, "2025", null, samples))
                .when(assess())
                .expectEventsMatching(recorded(check));
    }

    @Test
    void anIndexOnABandsUpperBoundFallsInThatBand() {
        // at the baselines P = 0.8500: the first band (≤ 0.85), Zhejiang pays Anhui 300 million
        assessed(xinan("2025-06-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10"),
                e -> e.result().index().equals(new BigDecimal("0.8500")) && e.result().met()
                        && ZHEJIANG.equals(e.result().payer()) && ANHUI.equals(e.result().payee())
                        && M300.equals(e.result().amount()) && e.transferId() != null);
    }

    @Test
    void theFirstBandThatMatchesDecides() {
        // 10% over the baselines: P = 0.9350, in the second band (≤ 1.0) and every later one: the second decides
        assessed(xinan("2025-06-10T02:00:00Z", "1.98", "0.099", "0.0275", "1.21"),
                e -> e.result().index().equals(new BigDecimal("0.9350")) && e.result().met()
                        && ZHEJIANG.equals(e.result().payer()) && M100.equals(e.result().amount()));
    }

    @Test
    void aBandOfZeroOwesNothingAndCreatesNoTransfer() {
        // 20% over: P = 1.0200, not met, in the band up to 1.05 where nobody pays
        assessed(xinan("2025-06-10T02:00:00Z", "2.16", "0.108", "0.030", "1.32"),
                e -> e.result().index().equals(new BigDecimal("1.0200")) && !e.result().met()
                        && e.result().payer() == null && e.result().amount() == null && e.transferId() == null);
    }

    @Test
    void theLastBandTakesEveryIndexAboveTheOthers() {
        // 30% over: P = 1.1050, above every upTo: Anhui pays Zhejiang 200 million
        assessed(xinan("2025-06-10T02:00:00Z", "2.34", "0.117", "0.0325", "1.43"),
                e -> e.result().index().equals(new BigDecimal("1.1050")) && ANHUI.equals(e.result().payer())
                        && ZHEJIANG.equals(e.result().payee()) && M200.equals(e.result().amount()));
    }

    @Test
    void aBandBoundaryIsDecidedByTheExactIndexRoundedOnce() {
        // P = 0.85 × 0.25 × (52.2072 / 17 / 1.80 + 3) = 1.00005 exactly → 1.0001: above 1.0, in the band where
        // nobody pays (an index divided to 34 digits on the way, 1.0000, would have taken the 100 million band)
        Sample[] samples = new Sample[20];
        for (int i = 0; i < 16; i++) {
            samples[i] = sample("2025-06-10T02:00:00Z", Pollutant.CODMN, "3.0710");
        }
        samples[16] = sample("2025-06-10T02:00:00Z", Pollutant.CODMN, "3.0712");
        samples[17] = sample("2025-06-10T02:00:00Z", Pollutant.NH3N, "0.09");
        samples[18] = sample("2025-06-10T02:00:00Z", Pollutant.TP, "0.025");
        samples[19] = sample("2025-06-10T02:00:00Z", Pollutant.TN, "1.10");
        assessed(samples, e -> e.result().index().equals(new BigDecimal("1.0001")) && !e.result().met()
                && e.result().amount() == null && e.transferId() == null);
    }
}
