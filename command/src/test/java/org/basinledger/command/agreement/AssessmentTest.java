package org.basinledger.command.agreement;

import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.EXCEEDANCE_RULE;
import static org.basinledger.command.agreement.AgreementSamples.HUNDRED_MILLION;
import static org.basinledger.command.agreement.AgreementSamples.JIEKOU;
import static org.basinledger.command.agreement.AgreementSamples.MINISTRY;
import static org.basinledger.command.agreement.AgreementSamples.OUTSIDER;
import static org.basinledger.command.agreement.AgreementSamples.QIANDAO;
import static org.basinledger.command.agreement.AgreementSamples.UNTIL;
import static org.basinledger.command.agreement.AgreementSamples.WQI_RULE;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;
import static org.basinledger.command.agreement.ComplianceSamples.report;
import static org.basinledger.command.agreement.ComplianceSamples.sample;
import static org.basinledger.command.agreement.ComplianceSamples.xinan;
import static org.basinledger.command.support.LedgerMatchers.invalidFields;
import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.basinledger.api.agreement.AgreementExpiredEvent;
import org.basinledger.api.agreement.AgreementTerminatedEvent;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.agreement.TerminateAgreementCommand;
import org.basinledger.api.common.AlreadyExistsException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.compliance.AssessSectionCommand;
import org.basinledger.api.compliance.AssessmentInputs;
import org.basinledger.api.compliance.AssessmentInputs.PollutantMean;
import org.basinledger.api.compliance.AssessmentInputs.ReportUsed;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.AssessmentResult;
import org.basinledger.api.compliance.AssessmentResult.PollutantExcess;
import org.basinledger.api.compliance.MonitoringReportSubmittedEvent;
import org.basinledger.api.compliance.Sample;
import org.basinledger.api.compliance.WaterClass;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssessmentTest {

    /** 2025 (basin time) ends at 2025-12-31T16:00:00Z. */
    private static final Instant END_OF_2025 = Instant.parse("2025-12-31T16:00:00Z");
    private static final Instant EARLY_2026 = Instant.parse("2026-01-05T02:00:00Z");
    private static final MonitoringSection JIEKOU_SECTION = AgreementSamples.compensationTerms().sections().get(0);
    private static final String TRANSFER_OF_A1 =
            UUID.nameUUIDFromBytes("assessment-transfer:A-1".getBytes(StandardCharsets.UTF_8)).toString();

    private final AgreementScenario scenario = AgreementScenario.compensation();
    private FixtureConfiguration<Agreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = scenario.fixture();
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static AssessSectionCommand assess(String by, String sectionId, String period) {
        return new AssessSectionCommand(AGREEMENT_ID, "A-1", by, sectionId, period);
    }

    private TestExecutor<Agreement> inForceAt(Instant now, Object... reports) {
        return fixture.givenCurrentTime(now).andGiven(scenario.inForce()).andGiven(reports);
    }

    /** Exactly one {@link AssessmentRecordedEvent}, which passes the check. */
    private static Matcher<List<Message<?>>> recorded(Predicate<AssessmentRecordedEvent> check) {
        Matcher<Object> assessment = Matchers.matches(p -> p instanceof AssessmentRecordedEvent e && check.test(e));
        return Matchers.payloadsMatching(Matchers.exactSequenceOf(assessment, Matchers.andNoMore()));
    }

    // --- water quality index (yearly) ---

    @Test
    void aYearAtTheBaselinesMeetsTheStandardAndZhejiangPaysAnhui() {
        Sample[] march = xinan("2025-03-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10");
        Sample dissolvedOxygen = sample("2025-03-10T02:00:00Z", Pollutant.DO, "8.2");
        Sample[] september = xinan("2025-09-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10");
        Sample nextYear = sample("2026-01-02T02:00:00Z", Pollutant.CODMN, "9.9");
        Sample lake = sample("2025-05-10T02:00:00Z", Pollutant.CODMN, "9.9");

        // the samples by reference: each report used, named with the event that stored it (R-3 is of 2026, R-4
        // of the other section); per pollutant the count, exact sum and mean of its samples in the year
        Supplier<AssessmentInputs> inputs = () -> new AssessmentInputs(JIEKOU_SECTION, AgreementSamples.rule(WQI_RULE),
                "WATER_QUALITY_INDEX/2", Instant.parse("2024-12-31T16:00:00Z"), END_OF_2025, 31_536_000L,
                List.of("R-1", "R-2"), List.of(),
                List.of(mean(Pollutant.CODMN, 2, "1.8", "3.60"), mean(Pollutant.NH3N, 2, "0.09", "0.18"),
                        mean(Pollutant.TP, 2, "0.025", "0.050"), mean(Pollutant.TN, 2, "1.1", "2.20"),
                        mean(Pollutant.DO, 1, "8.2", "8.2")),
                List.of(), null, reportsUsed("R-1", "R-2"));
        // TP 0.025 in a river is class II, the worst; TN does not count for a river
        AssessmentResult result = new AssessmentResult(true, d("0.8500"), null, WaterClass.II, ZHEJIANG, ANHUI,
                HUNDRED_MILLION);

        inForceAt(EARLY_2026,
                report("R-1", ANHUI, JIEKOU, "2025-03", "40", append(march, dissolvedOxygen)),
                report("R-2", ZHEJIANG, JIEKOU, "2025-09", null, september),
                report("R-3", ANHUI, JIEKOU, "2026-01", null, nextYear),
                report("R-4", ANHUI, QIANDAO, "2025-05", null, lake))
                .when(assess(ZHEJIANG, JIEKOU, "2025"))
                .expectEventsMatching(recorded(e -> e.equals(new AssessmentRecordedEvent(AGREEMENT_ID, "A-1",
                        ZHEJIANG, JIEKOU, CompensationRuleType.WATER_QUALITY_INDEX, "2025", inputs.get(), result,
                        TRANSFER_OF_A1))))
                .expectResultMessagePayload("A-1");
    }

    @Test
    void aYearTwentyPercentOverTheBaselinesFailsTheStandardAndAnhuiPaysZhejiang() {
        inForceAt(EARLY_2026, report("R-1", ANHUI, JIEKOU, "2025", null,
                xinan("2025-06-10T02:00:00Z", "2.16", "0.108", "0.030", "1.32")))
                .when(assess(ANHUI, JIEKOU, "2025"))
                .expectEventsMatching(recorded(e -> e.result().index().equals(d("1.0200")) && !e.result().met()
                        && e.result().payer().equals(ANHUI) && e.result().payee().equals(ZHEJIANG)
                        && e.result().amount().equals(HUNDRED_MILLION) && TRANSFER_OF_A1.equals(e.transferId()))
                        );
    }

    @Test
    void aYearExactlyOnTheRoundingBoundaryIsDecidedFromTheExactMeans() {
        // 17 CODMn samples summing to 52.2072: the mean 3.0710117647… never terminates, and
        // P = 0.85 × 0.25 × (52.2072 / 17 / 1.80 + 1 + 1 + 1) = 1.00005 exactly → 1.0001, not met: Anhui pays.
        // Divided to 34 digits on the way, P came out 1.0000, met, and Zhejiang paid.
        Sample[] samples = new Sample[20];
        for (int i = 0; i < 16; i++) {
            samples[i] = sample("2025-06-10T02:00:00Z", Pollutant.CODMN, "3.0710");
        }
        samples[16] = sample("2025-06-10T02:00:00Z", Pollutant.CODMN, "3.0712");
        samples[17] = sample("2025-06-10T02:00:00Z", Pollutant.NH3N, "0.09");
        samples[18] = sample("2025-06-10T02:00:00Z", Pollutant.TP, "0.025");
        samples[19] = sample("2025-06-10T02:00:00Z", Pollutant.TN, "1.10");

        inForceAt(EARLY_2026, report("R-1", ANHUI, JIEKOU, "2025", null, samples))
                .when(assess(ZHEJIANG, JIEKOU, "2025"))
                .expectEventsMatching(recorded(e -> e.result().index().equals(d("1.0001")) && !e.result().met()
                        && e.result().payer().equals(ANHUI) && e.result().payee().equals(ZHEJIANG)
                        // the recorded mean is shown to 34 digits; the exact one is the samples' sum over their count
                        && e.inputs().means().get(0).equals(mean(Pollutant.CODMN, 17,
                                "3.071011764705882352941176470588235", "52.2072"))));
    }

    @Test
    void aPeriodCanBeAssessedFromTheInstantItEnds() {
        inForceAt(END_OF_2025, report("R-1", ANHUI, JIEKOU, "2025", null,
                xinan("2025-06-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10")))
                .when(assess(MINISTRY, JIEKOU, "2025"))
                .expectEventsMatching(recorded(e -> e.result().met()));
    }

    @Test
    void refusesAPeriodThatHasNotEnded() {
        inForceAt(END_OF_2025.minusSeconds(1), report("R-1", ANHUI, JIEKOU, "2025", null,
                xinan("2025-06-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10")))
                .when(assess(ANHUI, JIEKOU, "2025"))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("not ended"));
    }

    @Test
    void refusesAnIndexWithoutASampleOfEveryIndicator() {
        inForceAt(EARLY_2026, report("R-1", ANHUI, JIEKOU, "2025", null,
                sample("2025-06-10T02:00:00Z", Pollutant.CODMN, "1.8"), sample("2025-06-10T02:00:00Z", Pollutant.NH3N, "0.09"),
                sample("2025-06-10T02:00:00Z", Pollutant.TP, "0.025")))
                .when(assess(ANHUI, JIEKOU, "2025"))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("no TN sample"));
    }

    // --- exceedance per tonne (monthly) ---

    @Test
    void aMonthOverTheCodmnTargetHasAnhuiPayPerTonne() {
        Sample codmnEarly = sample("2025-04-05T02:00:00Z", Pollutant.CODMN, "7.0");
        Sample nh3nEarly = sample("2025-04-05T02:00:00Z", Pollutant.NH3N, "0.8");
        Sample codmnLate = sample("2025-04-25T02:00:00Z", Pollutant.CODMN, "7.0");
        Sample nh3nLate = sample("2025-04-25T02:00:00Z", Pollutant.NH3N, "0.9");
        Sample fromTheYearReport = sample("2025-04-15T02:00:00Z", Pollutant.CODMN, "7.0");
        Sample inMay = sample("2025-05-02T02:00:00Z", Pollutant.CODMN, "20");

        Supplier<AssessmentInputs> inputs = () -> new AssessmentInputs(JIEKOU_SECTION,
                AgreementSamples.rule(EXCEEDANCE_RULE), "EXCEEDANCE_PER_TONNE/2", Instant.parse("2025-03-31T16:00:00Z"),
                Instant.parse("2025-04-30T16:00:00Z"), 2_592_000L, List.of("R-1", "R-2", "R-Y"), List.of(),
                List.of(mean(Pollutant.CODMN, 3, "7", "21.0"), mean(Pollutant.NH3N, 2, "0.85", "1.7")),
                List.of(d("8"), d("12")), d("10"), reportsUsed("R-1", "R-2", "R-Y"));
        // CODMn (7.0 − 6) × 10 m³/s × 2,592,000 s / 10^6 = 25.92 t × 15,000; NH3-N under its target
        AssessmentResult result = new AssessmentResult(false, null, List.of(
                new PollutantExcess(Pollutant.CODMN, d("7"), d("6"), d("25.92"), Money.of("388800.00", Money.CNY)),
                new PollutantExcess(Pollutant.NH3N, d("0.85"), d("1.0"), BigDecimal.ZERO, Money.of("0.00", Money.CNY))),
                WaterClass.IV, ANHUI, ZHEJIANG, Money.of("388800.00", Money.CNY));

        inForceAt(Instant.parse("2025-05-03T02:00:00Z"),
                report("R-1", ANHUI, JIEKOU, "2025-04", "8", codmnEarly, nh3nEarly),
                report("R-2", ZHEJIANG, JIEKOU, "2025-04", "12", codmnLate, nh3nLate),
                // a yearly report's samples in April count, its flow does not (its period is not inside April)
                report("R-Y", ZHEJIANG, JIEKOU, "2025", "100", fromTheYearReport),
                report("R-5", ANHUI, JIEKOU, "2025-05", "50", inMay))
                .when(assess(ZHEJIANG, JIEKOU, "2025-04"))
                .expectEventsMatching(recorded(e -> e.equals(new AssessmentRecordedEvent(AGREEMENT_ID, "A-1",
                        ZHEJIANG, JIEKOU, CompensationRuleType.EXCEEDANCE_PER_TONNE, "2025-04", inputs.get(), result,
                        TRANSFER_OF_A1))));
    }

    @Test
    void refusesAMonthThatWouldOweMoreThanATransferMayCarry() {
        // reports accepted before the ledger bounded them at the report: 8,994 × 100,000 × 38,880 ≈ 3.5 × 10^13
        inForceAt(Instant.parse("2025-05-03T02:00:00Z"), report("R-1", ANHUI, JIEKOU, "2025-04", "100000",
                sample("2025-04-05T02:00:00Z", Pollutant.CODMN, "9000"), sample("2025-04-05T02:00:00Z", Pollutant.NH3N, "0.5")))
                .when(assess(ZHEJIANG, JIEKOU, "2025-04"))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("a transfer may carry"))
                .expectNoEvents();
    }

    @Test
    void aMonthUnderTargetOwesNothingAndNamesNoTransfer() {
        inForceAt(Instant.parse("2025-05-03T02:00:00Z"), report("R-1", ANHUI, JIEKOU, "2025-04", "10",
                sample("2025-04-05T02:00:00Z", Pollutant.CODMN, "5.5"), sample("2025-04-05T02:00:00Z", Pollutant.NH3N, "1.0")))
                .when(assess(ANHUI, JIEKOU, "2025-04"))
                .expectEventsMatching(recorded(e -> e.result().met() && e.result().payer() == null
                        && e.result().payee() == null && e.result().amount() == null && e.transferId() == null
                        && e.result().waterClass() == WaterClass.III)
                        );
    }

    @Test
    void refusesAMonthWithoutAFlow() {
        inForceAt(Instant.parse("2025-05-03T02:00:00Z"),
                report("R-1", ANHUI, JIEKOU, "2025-04", null, sample("2025-04-05T02:00:00Z", Pollutant.CODMN, "7"),
                        sample("2025-04-05T02:00:00Z", Pollutant.NH3N, "1.0")),
                report("R-Y", ANHUI, JIEKOU, "2025", "100", sample("2025-04-06T02:00:00Z", Pollutant.CODMN, "7")))
                .when(assess(ANHUI, JIEKOU, "2025-04"))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("no flow"));
    }

    @Test
    void refusesAMonthWithoutASampleOfAPollutantOfTheRule() {
        inForceAt(Instant.parse("2025-05-03T02:00:00Z"), report("R-1", ANHUI, JIEKOU, "2025-04", "10",
                sample("2025-04-05T02:00:00Z", Pollutant.CODMN, "7")))
                .when(assess(ANHUI, JIEKOU, "2025-04"))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("no NH3N sample"));
    }

    // --- refusals common to every rule ---

    @Test
    void refusesAJurisdictionThatIsNotAParty() {
        inForceAt(EARLY_2026).when(assess(OUTSIDER, JIEKOU, "2025"))
                .expectException(NotPermittedException.class);
    }

    @Test
    void refusesAnAgreementThatHasNotBeenInForce() {
        fixture.givenCurrentTime(EARLY_2026).andGiven(scenario.openForSignature())
                .when(assess(ANHUI, JIEKOU, "2025"))
                .expectException(InvalidStateException.class);
    }

    @Test
    void refusesAnAgreementTerminatedBeforeItWasInForce() {
        fixture.givenCurrentTime(EARLY_2026)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI), scenario.signed(ZHEJIANG),
                        scenario.signed(MINISTRY), scenario.fullySigned(),
                        new AgreementTerminatedEvent(AGREEMENT_ID, ANHUI, "never mind"))
                .when(assess(ANHUI, JIEKOU, "2025"))
                .expectException(InvalidStateException.class);
    }

    @Test
    void refusesASectionThatIsNotOfTheAgreement() {
        inForceAt(EARLY_2026).when(assess(ANHUI, "NOWHERE", "2025"))
                .expectException(invalidFields("sectionId"));
    }

    @Test
    void refusesAPeriodThatIsNeitherAYearNorAQuarterNorAMonth() {
        inForceAt(EARLY_2026).when(assess(ANHUI, JIEKOU, "2025-W12"))
                .expectException(invalidFields("period"));
    }

    @Test
    void refusesAPeriodOutsideTheEffectiveDates() {
        inForceAt(EARLY_2026).when(assess(ANHUI, JIEKOU, "2024"))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("has no day in force"));
    }

    @Test
    void refusesASectionWithoutARuleForTheKindOfPeriod() {
        inForceAt(EARLY_2026, report("R-1", ANHUI, QIANDAO, "2025", null,
                xinan("2025-06-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10")))
                .when(assess(ANHUI, QIANDAO, "2025"))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("no rule"));
    }

    @Test
    void refusesASecondAssessmentOfTheSamePeriod() {
        Object report = report("R-1", ANHUI, JIEKOU, "2025", null,
                xinan("2025-06-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10"));

        inForceAt(EARLY_2026, report)
                .andGivenCommands(assess(ANHUI, JIEKOU, "2025"))
                .when(new AssessSectionCommand(AGREEMENT_ID, "A-2", ZHEJIANG, JIEKOU, "2025"))
                .expectException(AlreadyExistsException.class);
    }

    @Test
    void refusesAnAssessmentIdThatIsTaken() {
        Object report = report("R-1", ANHUI, JIEKOU, "2025-04", "10",
                sample("2025-04-05T02:00:00Z", Pollutant.CODMN, "7"), sample("2025-04-05T02:00:00Z", Pollutant.NH3N, "1.0"),
                sample("2025-06-10T02:00:00Z", Pollutant.CODMN, "7"));

        inForceAt(EARLY_2026, report)
                .andGivenCommands(assess(ANHUI, JIEKOU, "2025-04"))
                .when(assess(ANHUI, JIEKOU, "2025-05"))
                .expectException(AlreadyExistsException.class);
    }

    @Test
    void theSameSectionIsAssessedByMonthAndByYearSeparately() {
        Object report = report("R-1", ANHUI, JIEKOU, "2025-04", "10",
                append(xinan("2025-04-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10")));

        inForceAt(EARLY_2026, report)
                .andGivenCommands(assess(ANHUI, JIEKOU, "2025-04"))
                .when(new AssessSectionCommand(AGREEMENT_ID, "A-2", ANHUI, JIEKOU, "2025"))
                .expectEventsMatching(recorded(e -> e.rule() == CompensationRuleType.WATER_QUALITY_INDEX));
    }

    // --- after the agreement ended ---

    @Test
    void aPeriodIsAssessedAfterTheAgreementExpired() {
        inForceAt(Instant.parse("2028-02-01T02:00:00Z"), report("R-1", ANHUI, JIEKOU, "2027", null,
                xinan("2027-06-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10")))
                .andGiven(new AgreementExpiredEvent(AGREEMENT_ID, UNTIL))
                .when(assess(ANHUI, JIEKOU, "2027"))
                .expectEventsMatching(recorded(e -> e.period().equals("2027")));
    }

    @Test
    void aPeriodThatEndedWhileInForceIsAssessedAfterTermination() {
        fixture.givenCurrentTime(EARLY_2026)
                .andGiven(scenario.inForce())
                .andGiven(report("R-1", ANHUI, JIEKOU, "2025", null,
                        xinan("2025-06-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10")))
                .andGivenCommands(new TerminateAgreementCommand(AGREEMENT_ID, ZHEJIANG, "superseded by round 2"))
                .when(assess(ANHUI, JIEKOU, "2025"))
                .expectEventsMatching(recorded(e -> e.period().equals("2025")));
    }

    @Test
    void aPeriodCutByATerminationIsAssessedOverItsDaysInForce() {
        Instant terminatedAt = Instant.parse("2025-11-01T02:00:00Z");
        fixture.givenCurrentTime(terminatedAt)
                .andGiven(scenario.inForce())
                .andGiven(report("R-1", ANHUI, JIEKOU, "2025", null,
                        xinan("2025-06-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10")))
                .andGivenCommands(new TerminateAgreementCommand(AGREEMENT_ID, ZHEJIANG, "superseded by round 2"))
                .andGivenCurrentTime(terminatedAt.plusSeconds(60))
                .when(assess(ANHUI, JIEKOU, "2025"))
                .expectEventsMatching(recorded(e -> e.inputs().periodStart().equals(Instant.parse("2024-12-31T16:00:00Z"))
                        && e.inputs().periodEnd().equals(terminatedAt)
                        && e.inputs().secondsInPeriod() == java.time.Duration.between(
                                Instant.parse("2024-12-31T16:00:00Z"), terminatedAt).toSeconds()
                        && e.result().met()));
    }

    @Test
    void refusesAPeriodBegunAfterTheTermination() {
        fixture.givenCurrentTime(Instant.parse("2025-11-01T02:00:00Z"))
                .andGiven(scenario.inForce())
                .andGivenCommands(new TerminateAgreementCommand(AGREEMENT_ID, ZHEJIANG, "superseded by round 2"))
                .andGivenCurrentTime(Instant.parse("2027-01-05T02:00:00Z"))
                .when(assess(ANHUI, JIEKOU, "2026"))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("has no day in force"));
    }

    private static PollutantMean mean(Pollutant pollutant, int samples, String mean, String sum) {
        return new PollutantMean(pollutant, samples, d(mean), d(sum));
    }

    /** The reports, each named with the id of the (given) event that stored it. */
    private List<ReportUsed> reportsUsed(String... reportIds) {
        Map<String, String> eventIds = new HashMap<>();
        fixture.getEventStore().readEvents(AGREEMENT_ID).asStream()
                .filter(m -> m.getPayload() instanceof MonitoringReportSubmittedEvent)
                .forEach(m -> eventIds.put(((MonitoringReportSubmittedEvent) m.getPayload()).reportId(),
                        m.getIdentifier()));
        return Arrays.stream(reportIds).map(id -> new ReportUsed(id, eventIds.get(id))).toList();
    }

    private static Sample[] append(Sample[] samples, Sample... more) {
        Sample[] all = new Sample[samples.length + more.length];
        System.arraycopy(samples, 0, all, 0, samples.length);
        System.arraycopy(more, 0, all, samples.length, more.length);
        return all;
    }
}
