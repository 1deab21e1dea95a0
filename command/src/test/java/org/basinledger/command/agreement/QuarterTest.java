package org.basinledger.command.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.EXCEEDANCE_RULE;
import static org.basinledger.command.agreement.AgreementSamples.JIEKOU;
import static org.basinledger.command.agreement.AgreementSamples.MINISTRY;
import static org.basinledger.command.agreement.AgreementSamples.WQI_RULE;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;
import static org.basinledger.command.agreement.ComplianceSamples.report;
import static org.basinledger.command.agreement.ComplianceSamples.sample;
import static org.basinledger.command.agreement.ComplianceSamples.xinan;
import static org.basinledger.command.support.LedgerMatchers.invalidFields;
import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.axonframework.messaging.Message;
import org.axonframework.test.matchers.Matchers;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementTerms;
import org.basinledger.api.agreement.AssessmentPeriod;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.Money;
import org.basinledger.api.compliance.AssessSectionCommand;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.Sample;
import org.basinledger.api.compliance.SubmitMonitoringReportCommand;
import org.basinledger.api.agreement.Pollutant;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

/** QUARTER periods: rules assessed by quarter, reports of a quarter, and the rules that may not be. */
class QuarterTest {

    /** 2025-Q3 (basin time) runs from 2025-06-30T16:00:00Z to 2025-09-30T16:00:00Z: 92 days. */
    private static final Instant Q3_START = Instant.parse("2025-06-30T16:00:00Z");
    private static final Instant Q3_END = Instant.parse("2025-09-30T16:00:00Z");

    /** The index by year, the exceedance by quarter (one assessable rule per section and period kind). */
    private final AgreementScenario scenario = new AgreementScenario(quarterly(AssessmentPeriod.YEAR,
            AssessmentPeriod.QUARTER));
    /** The index by quarter, the exceedance by month. */
    private final AgreementScenario quarterlyIndex = new AgreementScenario(quarterly(AssessmentPeriod.QUARTER,
            AssessmentPeriod.MONTH));

    /** The compensation draft with its index rule and its exceedance rule assessed by the given periods. */
    static AgreementDraft quarterly(AssessmentPeriod indexPeriod, AssessmentPeriod exceedancePeriod) {
        AgreementDraft draft = AgreementSamples.compensationDraft();
        AgreementTerms terms = draft.terms();
        CompensationRule index = withPeriod(terms.compensation().get(WQI_RULE), indexPeriod);
        CompensationRule exceedance = withPeriod(terms.compensation().get(EXCEEDANCE_RULE), exceedancePeriod);
        AgreementTerms changed = new AgreementTerms(terms.text(), terms.sections(), terms.obligations(),
                List.of(index, exceedance, terms.compensation().get(AgreementSamples.FIXED_RULE)));
        return new AgreementDraft(draft.title(), draft.basin(), draft.parties(), draft.effectiveFrom(),
                draft.effectiveUntil(), changed);
    }

    private static CompensationRule withPeriod(CompensationRule r, AssessmentPeriod period) {
        return new CompensationRule(r.rule(), r.sectionId(), period, r.stabilityCoefficient(), r.indicators(),
                r.amountIfMet(), r.amountIfNotMet(), r.pollutants(), r.payer(), r.payee(), r.amount(), r.schedule(),
                r.bands());
    }

    private static AssessSectionCommand assess(String period) {
        return new AssessSectionCommand(AGREEMENT_ID, "A-1", ZHEJIANG, JIEKOU, period);
    }

    private static Matcher<List<Message<?>>> recorded(Predicate<AssessmentRecordedEvent> check) {
        Matcher<Object> assessment = Matchers.matches(p -> p instanceof AssessmentRecordedEvent e && check.test(e));
        return Matchers.payloadsMatching(Matchers.exactSequenceOf(assessment, Matchers.andNoMore()));
    }

    @Test
    void aQuarterOverTheCodmnTargetIsChargedPerTonneOverItsSecondsWithTheFlowsOfTheReportsInsideIt() {
        // flows of the reports inside Q3: 8 (July), 12 (September), 10 (the quarter's own report): mean 10 m³/s.
        // CODMn (7.0 − 6) × 10 × 7,948,800 s / 10^6 = 79.4880 t × 15,000 = 1,192,320.00; NH3-N under its target
        scenario.fixture().givenCurrentTime(Instant.parse("2025-10-02T02:00:00Z"))
                .andGiven(scenario.inForce())
                .andGiven(report("R-1", ANHUI, JIEKOU, "2025-07", "8",
                                sample("2025-07-05T02:00:00Z", Pollutant.CODMN, "7.0"),
                                sample("2025-07-05T02:00:00Z", Pollutant.NH3N, "0.8")),
                        report("R-2", ZHEJIANG, JIEKOU, "2025-09", "12",
                                sample("2025-09-05T02:00:00Z", Pollutant.CODMN, "7.0")),
                        report("R-Q", ZHEJIANG, JIEKOU, "2025-Q3", "10",
                                sample("2025-08-15T02:00:00Z", Pollutant.CODMN, "7.0")),
                        // October belongs to Q4: neither its sample nor its flow counts
                        report("R-4", ANHUI, JIEKOU, "2025-10", "500",
                                sample("2025-10-01T02:00:00Z", Pollutant.CODMN, "30")))
                .when(assess("2025-Q3"))
                .expectEventsMatching(recorded(e -> e.period().equals("2025-Q3")
                        && e.inputs().periodStart().equals(Q3_START) && e.inputs().periodEnd().equals(Q3_END)
                        && e.inputs().secondsInPeriod() == 7_948_800L
                        && e.inputs().reportIds().equals(List.of("R-1", "R-2", "R-Q"))
                        && e.inputs().meanFlow().compareTo(new BigDecimal("10")) == 0
                        && e.result().amount().equals(Money.of("1192320.00", Money.CNY))
                        && e.result().payer().equals(ANHUI) && e.result().payee().equals(ZHEJIANG)));
    }

    @Test
    void aQuarterAtTheBaselinesMeetsTheIndex() {
        Sample[] may = xinan("2025-05-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10");
        quarterlyIndex.fixture().givenCurrentTime(Instant.parse("2025-07-02T02:00:00Z"))
                .andGiven(quarterlyIndex.inForce())
                .andGiven(report("R-1", ANHUI, JIEKOU, "2025-05", null, may))
                .when(assess("2025-Q2"))
                .expectEventsMatching(recorded(e -> e.period().equals("2025-Q2")
                        && e.result().met() && e.result().index().compareTo(new BigDecimal("0.8500")) == 0
                        && e.result().amount().equals(AgreementSamples.HUNDRED_MILLION)));
    }

    @Test
    void aQuarterIsAssessedOnlyOnceItHasEnded() {
        scenario.fixture().givenCurrentTime(Q3_END.minusSeconds(1))
                .andGiven(scenario.inForce())
                .when(assess("2025-Q3"))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("has not ended yet"));
    }

    @Test
    void aMonthIsNotAssessedWithoutAMonthlyRule() {
        scenario.fixture().givenCurrentTime(Q3_END)
                .andGiven(scenario.inForce())
                .when(assess("2025-07"))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("by month"));
    }

    @Test
    void aReportOfAQuarterTakesTheSamplesOfItsThreeMonths() {
        Sample july = sample("2025-07-01T02:00:00Z", Pollutant.CODMN, "1.75");
        Sample october = sample("2025-10-01T02:00:00Z", Pollutant.CODMN, "1.75");
        scenario.fixture().givenCurrentTime(Q3_END)
                .andGiven(scenario.inForce())
                .when(new SubmitMonitoringReportCommand(AGREEMENT_ID, "R-1", ANHUI, JIEKOU, "2025-Q3",
                        List.of(july, october), null))
                .expectException(invalidFields("samples[1].takenAt"));
    }

    @Test
    void theBoundOnWhatAReportLetsAnAssessmentOweCountsTheQuartersSeconds() {
        // (9,000 − 6) × 20,000 m³/s × 15,000 per tonne: over a 31-day month 7.2 × 10^12 (accepted under a monthly
        // rule), over the 92 days of Q3 2.1 × 10^13, above the 10^13 a transfer may carry
        Sample july = sample("2025-07-05T02:00:00Z", Pollutant.CODMN, "9000");
        quarterlyIndex.fixture().givenCurrentTime(Instant.parse("2025-07-10T02:00:00Z"))
                .andGiven(quarterlyIndex.inForce())
                .when(new SubmitMonitoringReportCommand(AGREEMENT_ID, "R-1", ANHUI, JIEKOU, "2025-07", List.of(july),
                        new BigDecimal("20000")))
                .expectSuccessfulHandlerExecution();
        scenario.fixture().givenCurrentTime(Instant.parse("2025-07-10T02:00:00Z"))
                .andGiven(scenario.inForce())
                .when(new SubmitMonitoringReportCommand(AGREEMENT_ID, "R-1", ANHUI, JIEKOU, "2025-07", List.of(july),
                        new BigDecimal("20000")))
                .expectException(invalidFields("samples[0].value", "flowCubicMetresPerSecond"));
    }

    @Test
    void theIndexMayBeYearlyOrQuarterlyAndTheExceedanceMonthlyOrQuarterly() {
        Predicate<String> registered = Set.of(ANHUI, ZHEJIANG, MINISTRY)::contains;
        assertThat(AgreementDraftRules.check(quarterly(AssessmentPeriod.YEAR, AssessmentPeriod.MONTH), registered))
                .isEmpty();
        assertThat(AgreementDraftRules.check(quarterly(AssessmentPeriod.QUARTER, AssessmentPeriod.MONTH), registered))
                .isEmpty();
        assertThat(AgreementDraftRules.check(quarterly(AssessmentPeriod.YEAR, AssessmentPeriod.QUARTER), registered))
                .isEmpty();
        assertThat(AgreementDraftRules.check(quarterly(AssessmentPeriod.MONTH, AssessmentPeriod.YEAR), registered))
                .extracting(FieldError::field)
                .containsExactly("terms.compensation[0].period", "terms.compensation[1].period");
    }
}
