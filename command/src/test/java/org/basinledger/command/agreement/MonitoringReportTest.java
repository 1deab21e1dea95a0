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
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.compliance.Sample;
import org.basinledger.api.compliance.SubmitMonitoringReportCommand;
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
    void refusesAReportAfterExpiry() {
        inForce().andGiven(new AgreementExpiredEvent(AGREEMENT_ID, UNTIL))
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
                .expectException(invalidFields("period"));
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
}
