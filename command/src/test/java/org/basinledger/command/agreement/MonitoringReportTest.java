package org.basinledger.command.agreement;

import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.JIEKOU;
import static org.basinledger.command.agreement.AgreementSamples.OUTSIDER;
import static org.basinledger.command.agreement.AgreementSamples.UNTIL;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;
import static org.basinledger.command.agreement.ComplianceSamples.report;
import static org.basinledger.command.agreement.ComplianceSamples.sample;
import static org.basinledger.command.support.LedgerMatchers.invalidFields;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.basinledger.api.agreement.AgreementExpiredEvent;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.AlreadyExistsException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.compliance.Sample;
import org.basinledger.api.compliance.SubmitMonitoringReportCommand;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.api.dispute.SubjectType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitoringReportTest {

    private static final Instant IN_MARCH_2025 = Instant.parse("2025-03-20T02:00:00Z");
    private static final Sample CODMN = sample("2025-03-10T02:00:00Z", Pollutant.CODMN, "1.75");
    private static final Sample TP = sample("2025-03-10T02:00:00Z", Pollutant.TP, "0.024");

    private final AgreementScenario scenario = AgreementScenario.compensation();
    private FixtureConfiguration<Agreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = scenario.fixture();
    }

    private static SubmitMonitoringReportCommand submit(String by, String sectionId, String period, String flow,
                                                        Sample... samples) {
        return new SubmitMonitoringReportCommand(AGREEMENT_ID, "R-1", by, sectionId, period,
                samples == null ? null : new ArrayList<>(Arrays.asList(samples)),
                flow == null ? null : new BigDecimal(flow));
    }

    private TestExecutor<Agreement> inForce() {
        return fixture.givenCurrentTime(IN_MARCH_2025).andGiven(scenario.inForce());
    }

    @Test
    void aPartyReportsSamplesAndTheFlowOfAMonth() {
        inForce().when(submit(ZHEJIANG, JIEKOU, "2025-03", "45.5", CODMN, TP))
                .expectEvents(report("R-1", ZHEJIANG, JIEKOU, "2025-03", "45.5", CODMN, TP))
                .expectResultMessagePayload("R-1");
    }

    @Test
    void aYearlyReportWithoutFlowIsAccepted() {
        inForce().when(submit(ANHUI, JIEKOU, " 2025 ", null, CODMN))
                .expectEvents(report("R-1", ANHUI, JIEKOU, "2025", null, CODMN));
    }

    @Test
    void theFirstAndLastInstantsOfThePeriodAreInside() {
        Sample first = sample("2025-02-28T16:00:00Z", Pollutant.DO, "8.1");
        Sample last = sample("2025-03-31T15:59:59Z", Pollutant.DO, "7.9");

        inForce().when(submit(ANHUI, JIEKOU, "2025-03", null, first, last))
                .expectEvents(report("R-1", ANHUI, JIEKOU, "2025-03", null, first, last));
    }

    @Test
    void refusesAJurisdictionThatIsNotAParty() {
        inForce().when(submit(OUTSIDER, JIEKOU, "2025-03", null, CODMN))
                .expectException(NotPermittedException.class);
    }

    @Test
    void refusesAReportBeforeTheAgreementIsInForce() {
        fixture.givenCurrentTime(IN_MARCH_2025)
                .andGiven(scenario.openForSignature())
                .when(submit(ANHUI, JIEKOU, "2025-03", null, CODMN))
                .expectException(InvalidStateException.class);
    }

    @Test
    void refusesAReportOnceTheGraceAfterExpiryHasPassed() {
        fixture.givenCurrentTime(LedgerCalendar.endOf(UNTIL).plus(Duration.ofDays(90)))
                .andGiven(scenario.inForce())
                .andGiven(new AgreementExpiredEvent(AGREEMENT_ID, UNTIL))
                .when(submit(ANHUI, JIEKOU, "2025-03", null, CODMN))
                .expectException(InvalidStateException.class);
    }

    @Test
    void refusesAReportIdThatIsTaken() {
        inForce().andGiven(report("R-1", ANHUI, JIEKOU, "2025-03", null, CODMN))
                .when(submit(ZHEJIANG, JIEKOU, "2025-03", null, TP))
                .expectException(AlreadyExistsException.class);
    }

    @Test
    void refusesABlankReportId() {
        inForce().when(new SubmitMonitoringReportCommand(AGREEMENT_ID, " ", ANHUI, JIEKOU, "2025-03", List.of(CODMN), null))
                .expectException(invalidFields("reportId"));
    }

    @Test
    void refusesASectionThatIsNotOfTheAgreement() {
        inForce().when(submit(ANHUI, "NOWHERE", "2025-03", null, CODMN))
                .expectException(invalidFields("sectionId"));
    }

    @Test
    void refusesAPeriodThatIsNeitherAYearNorAMonth() {
        inForce().when(submit(ANHUI, JIEKOU, "March 2025", null, CODMN))
                .expectException(invalidFields("period"));
    }

    @Test
    void refusesAPeriodOutsideTheEffectiveDates() {
        Sample inJanuary2028 = sample("2028-01-10T02:00:00Z", Pollutant.CODMN, "1.75");

        inForce().when(submit(ANHUI, JIEKOU, "2028-01", null, inJanuary2028))
                .expectException(invalidFields("period", "samples[0].takenAt"));
    }

    @Test
    void refusesAReportWithoutSamples() {
        inForce().when(submit(ANHUI, JIEKOU, "2025-03", null))
                .expectException(invalidFields("samples"));
    }

    @Test
    void namesEveryBrokenSample() {
        inForce().when(submit(ANHUI, JIEKOU, "2025-03", null,
                        sample("2025-02-28T15:59:59Z", Pollutant.CODMN, "1.75"),
                        sample("2025-03-31T16:00:00Z", Pollutant.CODMN, "1.75"),
                        new Sample(null, null, null, null),
                        sample("2025-03-10T02:00:00Z", Pollutant.CODMN, "-0.01"),
                        sample("2025-03-10T02:00:00Z", Pollutant.COD, "10000"),
                        new Sample(Instant.parse("2025-03-10T02:00:00Z"), Pollutant.TP, new BigDecimal("0.02"), "mg/l"),
                        null))
                .expectException(invalidFields("samples[0].takenAt", "samples[1].takenAt", "samples[2].takenAt",
                        "samples[2].pollutant", "samples[2].value", "samples[2].unit", "samples[3].value",
                        "samples[4].value", "samples[5].unit", "samples[6]"));
    }

    @Test
    void acceptsValuesFromZeroToJustBelowTenThousand() {
        Sample zero = sample("2025-03-10T02:00:00Z", Pollutant.TP, "0");
        Sample high = sample("2025-03-10T02:00:00Z", Pollutant.COD, "9999.999");

        inForce().when(submit(ANHUI, JIEKOU, "2025-03", null, zero, high))
                .expectEvents(report("R-1", ANHUI, JIEKOU, "2025-03", null, zero, high));
    }

    @Test
    void valuesAndFlowsHaveAtMostNineDecimals() {
        Sample fine = sample("2025-03-10T02:00:00Z", Pollutant.CODMN, "1.000000001");
        Sample tooFine = sample("2025-03-10T02:00:00Z", Pollutant.CODMN, "1.0000000001");
        Sample absurd = sample("2025-03-10T02:00:00Z", Pollutant.TP, "1E-100000000");

        inForce().when(submit(ANHUI, JIEKOU, "2025-03", "45.000000001", fine))
                .expectEvents(report("R-1", ANHUI, JIEKOU, "2025-03", "45.000000001", fine));
        inForce().when(submit(ANHUI, JIEKOU, "2025-03", "45.0000000001", tooFine, absurd))
                .expectException(invalidFields("samples[0].value", "samples[1].value", "flowCubicMetresPerSecond"));
    }

    @Test
    void refusesAFlowThatIsNotPositive() {
        inForce().when(submit(ANHUI, JIEKOU, "2025-03", "0", CODMN))
                .expectException(invalidFields("flowCubicMetresPerSecond"));
    }

    @Test
    void refusesAFlowOfAMillionCubicMetresPerSecond() {
        inForce().when(submit(ANHUI, JIEKOU, "2025-03", "1000000", CODMN))
                .expectException(invalidFields("flowCubicMetresPerSecond"));
    }

    @Test
    void namesEveryBrokenFieldAtOnce() {
        inForce().when(submit(ANHUI, "NOWHERE", "2025-13", "-1", CODMN))
                .expectException(invalidFields("sectionId", "period", "flowCubicMetresPerSecond"));
    }

    // --- amounts an exceedance assessment could owe (JIEKOU: CODMn over 6 mg/L at 15,000 yuan a tonne) ---
    // March 2025 has 2,678,400 s: (C − 6) × Q × 2,678,400 / 10^6 × 15,000 = (C − 6) × Q × 40,176 yuan.

    @Test
    void acceptsAReportWhoseMonthCouldOweAtMostTheLargestTransfer() {
        // 2,489.0481 × 100,000 × 40,176 = 9,999,999,645,600 ≤ 10^13
        Sample high = sample("2025-03-10T02:00:00Z", Pollutant.CODMN, "2495.0481");

        inForce().when(submit(ANHUI, JIEKOU, "2025-03", "100000", high))
                .expectEvents(report("R-1", ANHUI, JIEKOU, "2025-03", "100000", high));
    }

    @Test
    void refusesAReportWhoseMonthCouldOweMoreThanTheLargestTransfer() {
        // 2,489.0482 × 100,000 × 40,176 = 10,000,000,047,360 > 10^13
        Sample high = sample("2025-03-10T02:00:00Z", Pollutant.CODMN, "2495.0482");

        inForce().when(submit(ANHUI, JIEKOU, "2025-03", "100000", CODMN, high))
                .expectException(invalidFields("samples[1].value", "flowCubicMetresPerSecond"))
                .expectNoEvents();
    }

    @Test
    void refusesTheSampleThatWouldTakeAnotherReportsFlowOverTheLimit() {
        Sample high = sample("2025-03-10T02:00:00Z", Pollutant.CODMN, "2495.0482");

        inForce().andGiven(report("R-0", ZHEJIANG, JIEKOU, "2025-03", "100000", CODMN))
                .when(submit(ANHUI, JIEKOU, "2025", null, high))
                .expectException(invalidFields("samples[0].value"));
    }

    @Test
    void refusesTheFlowThatWouldTakeAnotherReportsSampleOverTheLimit() {
        Sample high = sample("2025-03-10T02:00:00Z", Pollutant.CODMN, "2495.0482");

        inForce().andGiven(report("R-0", ZHEJIANG, JIEKOU, "2025", null, high))
                .when(submit(ANHUI, JIEKOU, "2025-03", "100000", CODMN))
                .expectException(invalidFields("flowCubicMetresPerSecond"));
    }

    @Test
    void aDisputedReportStillCountsTowardsTheLimitAsItMayCountAgain() {
        Sample high = sample("2025-03-10T02:00:00Z", Pollutant.CODMN, "2495.0482");

        inForce().andGiven(report("R-0", ZHEJIANG, JIEKOU, "2025", null, high),
                        new SubjectDisputedEvent(AGREEMENT_ID, "D-1", new Subject(SubjectType.MONITORING_REPORT, "R-0"),
                                null))
                .when(submit(ANHUI, JIEKOU, "2025-03", "100000", CODMN))
                .expectException(invalidFields("flowCubicMetresPerSecond"));
    }

    @Test
    void aLargeFlowIsAcceptedWhileNoPollutantIsOverItsTarget() {
        Sample clean = sample("2025-03-10T02:00:00Z", Pollutant.CODMN, "5.9");

        inForce().when(submit(ANHUI, JIEKOU, "2025-03", "999999", clean))
                .expectEvents(report("R-1", ANHUI, JIEKOU, "2025-03", "999999", clean));
    }
}
