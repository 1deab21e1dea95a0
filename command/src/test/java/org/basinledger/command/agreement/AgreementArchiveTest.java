package org.basinledger.command.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.JIEKOU;
import static org.basinledger.command.agreement.AgreementSamples.QIANDAO;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;
import static org.basinledger.command.agreement.ComplianceSamples.report;
import static org.basinledger.command.agreement.ComplianceSamples.sample;
import static org.basinledger.command.agreement.ComplianceSamples.xinan;
import static org.basinledger.command.support.LedgerMatchers.invalidFields;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import org.axonframework.messaging.Message;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.axonframework.test.matchers.Matchers;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.AlreadyExistsException;
import org.basinledger.api.common.UnderDisputeException;
import org.basinledger.api.compliance.AssessSectionCommand;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.MonitoringReportSubmittedEvent;
import org.basinledger.api.compliance.Sample;
import org.basinledger.api.compliance.SubmitMonitoringReportCommand;
import org.basinledger.api.dispute.CloseSubjectDisputeCommand;
import org.basinledger.api.dispute.OpenSubjectDisputeCommand;
import org.basinledger.api.dispute.RemedyType;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.api.dispute.SubjectType;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

/**
 * An agreement keeps a report's summary only while an assessment may need it, then only the report's place in its
 * stream; the commands that need an archived report after all read it back from the stream and decide as if it
 * had been kept. Jiekou is assessed yearly by the Xin'an index and monthly per tonne, the lake by no rule.
 */
class AgreementArchiveTest {

    private static final Instant EARLY_2026 = Instant.parse("2026-01-05T02:00:00Z");
    private static final MonitoringReportSubmittedEvent MARCH = report("R-MAR", ANHUI, JIEKOU, "2025-03", "40",
            xinan("2025-03-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10"));
    private static final MonitoringReportSubmittedEvent SEPTEMBER = report("R-SEP", ZHEJIANG, JIEKOU, "2025-09", "60",
            xinan("2025-09-10T02:00:00Z", "3.60", "0.18", "0.050", "2.20"));
    private static final MonitoringReportSubmittedEvent LAKE = report("R-LAKE", ANHUI, QIANDAO, "2025-05", null,
            sample("2025-05-10T02:00:00Z", Pollutant.CODMN, "2.1"));
    private static final Subject REPORT_SEP = new Subject(SubjectType.MONITORING_REPORT, "R-SEP");
    private static final Subject ASSESSMENT_1 = new Subject(SubjectType.ASSESSMENT, "A-1");

    private final AgreementScenario scenario = AgreementScenario.compensation();
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
    /** The sequence numbers every read-back asked for, in order. */
    private final List<Long> readBack = new ArrayList<>();
    private final FixtureConfiguration<Agreement> fixture = scenario.fixture(stored -> (agreementId, sequenceNumbers) -> {
        readBack.addAll(sequenceNumbers.stream().sorted().toList());
        return stored.read(agreementId, sequenceNumbers);
    });

    private static AssessSectionCommand assess(String assessmentId, String period) {
        return new AssessSectionCommand(AGREEMENT_ID, assessmentId, ANHUI, JIEKOU, period);
    }

    /** In force in early 2026 with the March and September reports at Jiekou and one at the lake. */
    private TestExecutor<Agreement> withReports() {
        return fixture.givenCurrentTime(EARLY_2026).andGiven(scenario.inForce()).andGiven(MARCH, SEPTEMBER, LAKE);
    }

    /** Every period of 2025 at Jiekou with a report assessed (A-1 the year): both reports archived. */
    private TestExecutor<Agreement> allAssessed() {
        return withReports().andGivenCommands(assess("M-03", "2025-03"), assess("M-09", "2025-09"),
                assess("A-1", "2025"));
    }

    /** {@link #allAssessed()}, then A-1 annulled by a ruling: 2025 may be assessed again. */
    private TestExecutor<Agreement> yearAnnulled() {
        return allAssessed().andGivenCommands(new OpenSubjectDisputeCommand(AGREEMENT_ID, "D-1", ASSESSMENT_1),
                new CloseSubjectDisputeCommand(AGREEMENT_ID, "D-1", RulingOutcome.UPHELD, RemedyType.ANNUL));
    }

    private JsonNode state(Agreement agreement) {
        try {
            return mapper.readTree(serializer.serialize(agreement, byte[].class).getData());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long sequenceNumberOf(String reportId) {
        return fixture.getEventStore().readEvents(AGREEMENT_ID).asStream()
                .filter(m -> m.getPayload() instanceof MonitoringReportSubmittedEvent r && r.reportId().equals(reportId))
                .findFirst().orElseThrow().getSequenceNumber();
    }

    private AssessmentRecordedEvent recordedAssessment(String assessmentId) {
        return fixture.getEventStore().readEvents(AGREEMENT_ID).asStream()
                .map(Message::getPayload)
                .filter(p -> p instanceof AssessmentRecordedEvent e && e.assessmentId().equals(assessmentId))
                .map(AssessmentRecordedEvent.class::cast)
                .findFirst().orElseThrow();
    }

    private static Matcher<List<Message<?>>> recorded(Predicate<AssessmentRecordedEvent> check) {
        Matcher<Object> assessment = Matchers.matches(p -> p instanceof AssessmentRecordedEvent e && check.test(e));
        return Matchers.payloadsMatching(Matchers.exactSequenceOf(assessment, Matchers.andNoMore()));
    }

    // --- what is archived, and when ---

    @Test
    void aReportAtASectionNoRuleAssessesIsArchivedAtOnceAndAMonthAssessedKeepsItsReportsForTheYear() {
        withReports()
                .when(assess("M-03", "2025-03"))
                .expectSuccessfulHandlerExecution()
                .expectState(agreement -> {
                    JsonNode compliance = state(agreement).path("compliance");
                    // March is assessed by month, not yet by year: its report is still needed
                    assertThat(compliance.path("reports").has("R-MAR")).isTrue();
                    assertThat(compliance.path("reports").has("R-SEP")).isTrue();
                    assertThat(compliance.path("reports").has("R-LAKE")).isFalse();
                    assertThat(compliance.at("/archivedReports/R-LAKE").asLong()).isEqualTo(sequenceNumberOf("R-LAKE"));
                });
        assertThat(readBack).isEmpty();
    }

    @Test
    void aReportIsArchivedOnceEveryPeriodCoveringItsMonthsIsAssessed() {
        withReports().andGivenCommands(assess("M-03", "2025-03"))
                .when(assess("A-1", "2025"))
                .expectSuccessfulHandlerExecution()
                .expectState(agreement -> {
                    JsonNode compliance = state(agreement).path("compliance");
                    // September is assessed by year, not yet by month
                    assertThat(compliance.path("reports").has("R-SEP")).isTrue();
                    assertThat(compliance.path("reports").has("R-MAR")).isFalse();
                    assertThat(compliance.at("/archivedReports/R-MAR").asLong()).isEqualTo(sequenceNumberOf("R-MAR"));
                    assertThat(compliance.at("/archivedByMonth/2025-03 JIEKOU/0").asLong())
                            .isEqualTo(sequenceNumberOf("R-MAR"));
                    assertThat(compliance.path("reportsByMonth").has("2025-03 JIEKOU")).isFalse();
                });
        assertThat(readBack).isEmpty();
    }

    @Test
    void onceEveryPeriodIsAssessedNoSummaryIsKept() {
        allAssessed()
                .when(new SubmitMonitoringReportCommand(AGREEMENT_ID, "R-MAR-2", ANHUI, JIEKOU, "2025-03",
                        List.of(xinan("2025-03-20T02:00:00Z", "1.80", "0.09", "0.025", "1.10")), null))
                .expectSuccessfulHandlerExecution()
                .expectState(agreement -> {
                    JsonNode compliance = state(agreement).path("compliance");
                    // a late report for periods already assessed is archived as it is stored
                    assertThat(compliance.path("reports").isEmpty()).as(compliance.toString()).isTrue();
                    assertThat(compliance.path("reportsByMonth").isEmpty()).isTrue();
                    assertThat(compliance.path("archivedReports").size()).isEqualTo(4);
                    assertThat(compliance.at("/archivedByMonth/2025-03 JIEKOU").size()).isEqualTo(2);
                });
        // its exceedance bound still counts the month's archived report (its flow)
        assertThat(readBack).containsExactly(sequenceNumberOf("R-MAR"));
    }

    @Test
    void anArchivedReportIsStillTheAgreementsOwn() {
        allAssessed()
                .when(new SubmitMonitoringReportCommand(AGREEMENT_ID, "R-MAR", ANHUI, JIEKOU, "2025-04",
                        List.of(xinan("2025-04-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10")), null))
                .expectException(AlreadyExistsException.class)
                .expectExceptionMessage(containsString("already has report R-MAR"));
    }

    // --- what must stay: every read here fails if a report still needed had been archived ---

    @Test
    void theReportsOfPeriodsNotYetAssessedAreKeptNeverReadBack() {
        FixtureConfiguration<Agreement> noReadBack = scenario.fixture(stored -> (agreementId, sequenceNumbers) -> {
            throw new AssertionError("read back " + sequenceNumbers + ": a report still needed was archived");
        });
        // the year first: March and September are still to be assessed by month, from their kept summaries
        noReadBack.givenCurrentTime(EARLY_2026).andGiven(scenario.inForce()).andGiven(MARCH, SEPTEMBER, LAKE)
                .andGivenCommands(assess("A-1", "2025"), assess("M-03", "2025-03"))
                .when(assess("M-09", "2025-09"))
                .expectEventsMatching(recorded(e -> e.inputs().reportIds().equals(List.of("R-SEP"))
                        && e.inputs().flows().size() == 1 && e.inputs().flows().get(0).compareTo(SEPTEMBER
                        .flowCubicMetresPerSecond()) == 0));
        // the months first: the year still counts both reports
        scenario.fixture(stored -> (agreementId, sequenceNumbers) -> {
                    throw new AssertionError("read back " + sequenceNumbers + ": a report still needed was archived");
                })
                .givenCurrentTime(EARLY_2026).andGiven(scenario.inForce()).andGiven(MARCH, SEPTEMBER, LAKE)
                .andGivenCommands(assess("M-03", "2025-03"), assess("M-09", "2025-09"))
                .when(assess("A-1", "2025"))
                .expectEventsMatching(recorded(e -> e.inputs().reportIds().equals(List.of("R-MAR", "R-SEP"))
                        && e.inputs().means().stream().allMatch(m -> m.samples() == 2)));
    }

    // --- read back when needed after all ---

    @Test
    void anAssessmentAnnulledByARulingIsMadeAgainFromTheArchivedReportsReadBack() {
        yearAnnulled()
                .when(assess("A-2", "2025"))
                .expectEventsMatching(recorded(again -> {
                    AssessmentRecordedEvent first = recordedAssessment("A-1");
                    // the same inputs (each report named with its event), the same result, as if nothing was archived
                    return again.inputs().equals(first.inputs()) && again.result().equals(first.result())
                            && first.inputs().reportIds().equals(List.of("R-MAR", "R-SEP"));
                }))
                .expectResultMessagePayload("A-2");
        assertThat(readBack).containsExactly(sequenceNumberOf("R-MAR"), sequenceNumberOf("R-SEP"));
    }

    @Test
    void anArchivedReportCanBeDisputed() {
        allAssessed()
                .when(new OpenSubjectDisputeCommand(AGREEMENT_ID, "D-2", REPORT_SEP))
                .expectEvents(new SubjectDisputedEvent(AGREEMENT_ID, "D-2", REPORT_SEP, null));
    }

    @Test
    void aDisputedArchivedReportHoldsBackTheNewAssessmentOfItsPeriodNamedFromItsEventReadBack() {
        yearAnnulled().andGivenCommands(new OpenSubjectDisputeCommand(AGREEMENT_ID, "D-2", REPORT_SEP))
                .when(assess("A-2", "2025"))
                .expectException(UnderDisputeException.class)
                .expectExceptionMessage(allOf(containsString("monitoring report R-SEP (2025-09) is under dispute D-2"),
                        containsString("JIEKOU 2025")));
        assertThat(readBack).containsExactly(sequenceNumberOf("R-SEP"));
    }

    @Test
    void aRejectedArchivedReportIsLeftOutOfTheNewAssessment() {
        yearAnnulled().andGivenCommands(new OpenSubjectDisputeCommand(AGREEMENT_ID, "D-2", REPORT_SEP),
                        new CloseSubjectDisputeCommand(AGREEMENT_ID, "D-2", RulingOutcome.UPHELD, RemedyType.REJECT))
                .when(assess("A-2", "2025"))
                .expectEventsMatching(recorded(e -> e.inputs().reportIds().equals(List.of("R-MAR"))
                        && e.inputs().means().stream().allMatch(m -> m.samples() == 1)));
    }

    @Test
    void aLateReportInAnArchivedMonthIsBoundedWithTheArchivedReportsReadBack() {
        // March's report gave a flow of 500,000 m³/s with clean water: archived once March and 2025 are assessed
        MonitoringReportSubmittedEvent bigRiver = report("R-MAR", ANHUI, JIEKOU, "2025-03", "500000",
                xinan("2025-03-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10"));
        List<Sample> dirty = List.of(xinan("2025-03-20T02:00:00Z", "1.80", "9999", "0.025", "1.10"));
        fixture.givenCurrentTime(EARLY_2026).andGiven(scenario.inForce()).andGiven(bigRiver)
                .andGivenCommands(assess("M-03", "2025-03"), assess("A-1", "2025"))
                // no flow of its own: only with the archived report's flow could March owe more than 10^13
                .when(new SubmitMonitoringReportCommand(AGREEMENT_ID, "R-LATE", ANHUI, JIEKOU, "2025-03", dirty, null))
                .expectException(invalidFields("samples[1].value"))
                .expectExceptionMessage(containsString("could owe up to"));
        assertThat(readBack).containsExactly(sequenceNumberOf("R-MAR"));
    }

    // --- bounded ---

    /** Daily reports at Jiekou (one sample of each Xin'an pollutant, each with a flow) for the given years. */
    private static List<Object> dailyReports(int fromYear, int toYear) {
        List<Object> reports = new ArrayList<>();
        for (LocalDate day = LocalDate.of(fromYear, 1, 1); day.getYear() <= toYear; day = day.plusDays(1)) {
            reports.add(report("R-" + day, ANHUI, JIEKOU, YearMonth.from(day).toString(), "40",
                    xinan(day + "T02:00:00Z", "1.80", "0.09", "0.025", "1.10")));
        }
        return reports;
    }

    /** Every month and the year of each year, assessed. */
    private static List<Object> assessments(int fromYear, int toYear) {
        List<Object> commands = new ArrayList<>();
        for (int year = fromYear; year <= toYear; year++) {
            for (int month = 1; month <= 12; month++) {
                commands.add(assess("M-" + YearMonth.of(year, month), YearMonth.of(year, month).toString()));
            }
            commands.add(assess("A-" + year, String.valueOf(year)));
        }
        return commands;
    }

    /** The agreement's snapshot (its state as Jackson writes it) after these reports and assessments, in bytes. */
    private int snapshotSize(List<Object> reports, List<Object> commands, Collection<JsonNode> states) {
        int[] size = new int[1];
        scenario.fixture().givenCurrentTime(Instant.parse("2028-01-05T02:00:00Z")).andGiven(scenario.inForce())
                .andGiven(reports).andGivenCommands(commands)
                .when(new OpenSubjectDisputeCommand(AGREEMENT_ID, "D-1", new Subject(SubjectType.AGREEMENT,
                        AGREEMENT_ID)))
                .expectSuccessfulHandlerExecution()
                .expectState(agreement -> {
                    size[0] = serializer.serialize(agreement, byte[].class).getData().length;
                    states.add(state(agreement));
                });
        return size[0];
    }

    @Test
    void theStateAfterThreeAssessedYearsOfDailyReportsKeepsNoMoreSummariesThanAfterOne() {
        List<JsonNode> states = new ArrayList<>();
        int oneYear = snapshotSize(dailyReports(2025, 2025), assessments(2025, 2025), states);
        int threeYears = snapshotSize(dailyReports(2025, 2027), assessments(2025, 2027), states);
        int unassessed = snapshotSize(dailyReports(2025, 2027), List.of(), states);
        System.out.printf("agreement snapshot: %,d bytes after 1 assessed year of daily reports, %,d after 3,"
                + " %,d after 3 unassessed years%n", oneYear, threeYears, unassessed);

        assertThat(states.get(0).at("/compliance/reports").isEmpty()).isTrue();
        assertThat(states.get(1).at("/compliance/reports").isEmpty()).isTrue();
        assertThat(states.get(1).at("/compliance/archivedReports").size()).isEqualTo(1095);
        assertThat(states.get(2).at("/compliance/reports").size()).isEqualTo(1095);
        // what grows is the archive: a report id and a sequence number or two, under 40 bytes a report, where a
        // summary kept is about ten times that
        assertThat(threeYears - oneYear).isLessThan(730 * 40);
        assertThat(unassessed).isGreaterThan(5 * threeYears);
    }
}
