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
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.messaging.Message;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.AlreadyExistsException;
import org.basinledger.api.common.UnderDisputeException;
import org.basinledger.api.compliance.AssessSectionCommand;
import org.basinledger.api.compliance.AssessmentInputs.PollutantMean;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.MonitoringReportSubmittedEvent;
import org.basinledger.api.compliance.SubmitMonitoringReportCommand;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.api.dispute.SubjectType;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

/**
 * An agreement's snapshot (its state as Jackson writes it, as the snapshotter stores it) holds no sample and
 * reads back into an agreement that decides as the one it was taken of; assessments recorded before samples were
 * referenced by report (every sample listed, no sums) still read and still hold their periods.
 */
class AgreementSnapshotTest {

    private static final Instant EARLY_2026 = Instant.parse("2026-01-05T02:00:00Z");
    private static final MonitoringReportSubmittedEvent R1 = report("R-1", ANHUI, JIEKOU, "2025", null,
            xinan("2025-03-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10"));
    private static final MonitoringReportSubmittedEvent R2 = report("R-2", ZHEJIANG, JIEKOU, "2025-09", "40",
            xinan("2025-09-10T02:00:00Z", "3.60", "0.18", "0.050", "2.20"));
    private static final Subject REPORT_2 = new Subject(SubjectType.MONITORING_REPORT, "R-2");

    private final AgreementScenario scenario = AgreementScenario.compensation();
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();

    private static AssessSectionCommand assess(String assessmentId) {
        return new AssessSectionCommand(AGREEMENT_ID, assessmentId, ANHUI, JIEKOU, "2025");
    }

    private static Matcher<List<Message<?>>> recorded(java.util.function.Predicate<AssessmentRecordedEvent> check) {
        Matcher<Object> assessment = Matchers.matches(p -> p instanceof AssessmentRecordedEvent e && check.test(e));
        return Matchers.payloadsMatching(Matchers.exactSequenceOf(assessment, Matchers.andNoMore()));
    }

    /** The agreement after these events, as a snapshot: serialized by Jackson. */
    private SerializedObject<byte[]> snapshotAfter(Object... events) {
        AtomicReference<SerializedObject<byte[]>> snapshot = new AtomicReference<>();
        FixtureConfiguration<Agreement> fixture = scenario.fixture();
        fixture.givenCurrentTime(EARLY_2026).andGiven(scenario.inForce()).andGiven(events)
                // a report at the other section, which no test here assesses
                .when(new SubmitMonitoringReportCommand(AGREEMENT_ID, "R-LAKE", ANHUI, QIANDAO, "2025-05",
                        List.of(sample("2025-05-10T02:00:00Z", Pollutant.CODMN, "2.1")), null))
                .expectSuccessfulHandlerExecution()
                .expectState(agreement -> snapshot.set(serializer.serialize(agreement, byte[].class)));
        return snapshot.get();
    }

    private Agreement restore(SerializedObject<byte[]> snapshot) {
        return serializer.deserialize(new SimpleSerializedObject<>(snapshot.getData(), byte[].class, snapshot.getType()));
    }

    private JsonNode json(SerializedObject<byte[]> snapshot) throws Exception {
        return mapper.readTree(snapshot.getData());
    }

    @Test
    void aSnapshotKeepsEachReportAsASummaryNeverItsSamples() throws Exception {
        SerializedObject<byte[]> snapshot = snapshotAfter(R1, R2,
                new SubjectDisputedEvent(AGREEMENT_ID, "DSP-1", REPORT_2, null));
        String text = new String(snapshot.getData(), StandardCharsets.UTF_8);

        assertThat(text).contains("\"R-1\"", "\"R-2\"", "\"R-LAKE\"", "\"2025-09\"", "\"DSP-1\"")
                .doesNotContain("takenAt");
        JsonNode r2 = json(snapshot).at("/compliance/reports/R-2");
        assertThat(r2.at("/months/2025-09/CODMN/count").asInt()).isEqualTo(1);
        assertThat(r2.at("/months/2025-09/CODMN/sum").decimalValue()).isEqualByComparingTo("3.60");
        assertThat(r2.at("/flowCubicMetresPerSecond").decimalValue()).isEqualByComparingTo("40");
    }

    @Test
    void aSnapshotReadsBackIntoTheSameState() throws Exception {
        SerializedObject<byte[]> snapshot = snapshotAfter(R1, R2,
                new SubjectDisputedEvent(AGREEMENT_ID, "DSP-1", REPORT_2, null));

        SerializedObject<byte[]> again = serializer.serialize(restore(snapshot), byte[].class);

        assertThat(json(again)).isEqualTo(json(snapshot));
    }

    @Test
    void aRestoredAgreementStillWaitsForTheDisputeOnAReportOfThePeriod() {
        Agreement restored = restore(snapshotAfter(R1, R2, new SubjectDisputedEvent(AGREEMENT_ID, "DSP-1", REPORT_2,
                null)));

        scenario.fixture().givenState(() -> restored).andGivenCurrentTime(EARLY_2026)
                .when(assess("A-1"))
                .expectException(UnderDisputeException.class)
                .expectExceptionMessage(containsString("report R-2 (2025-09) is under dispute DSP-1"));
    }

    @Test
    void aRestoredAgreementAssessesFromTheSummariesAsTheOriginalDoes() {
        Agreement restored = restore(snapshotAfter(R1, R2));

        scenario.fixture().givenState(() -> restored).andGivenCurrentTime(EARLY_2026)
                .when(assess("A-1"))
                .expectEventsMatching(recorded(e -> e.inputs().reportIds().equals(List.of("R-1", "R-2"))
                        && e.inputs().means().get(0).equals(new PollutantMean(Pollutant.CODMN, 2,
                                new BigDecimal("2.7"), new BigDecimal("5.40")))
                        && e.inputs().reports().get(1).eventId() != null));
    }

    @Test
    void aRestoredAgreementRefusesAReportIdItAlreadyHas() {
        Agreement restored = restore(snapshotAfter(R1));

        scenario.fixture().givenState(() -> restored).andGivenCurrentTime(EARLY_2026)
                .when(new SubmitMonitoringReportCommand(AGREEMENT_ID, "R-1", ZHEJIANG, JIEKOU, "2025",
                        List.of(sample("2025-05-10T02:00:00Z", Pollutant.CODMN, "1.9")), null))
                .expectException(AlreadyExistsException.class);
    }

    /** An assessment as stored before samples were referenced by report: every sample listed, means without sums. */
    private static final String ASSESSMENT_STORED_WITH_ITS_SAMPLES = """
            {"agreementId":"%s","assessmentId":"A-OLD","assessedBy":"%s","sectionId":"%s",
             "rule":"WATER_QUALITY_INDEX","period":"2025",
             "inputs":{"section":null,"rule":null,"ruleVersion":"WATER_QUALITY_INDEX/2",
               "periodStart":"2024-12-31T16:00:00Z","periodEnd":"2025-12-31T16:00:00Z","secondsInPeriod":31536000,
               "reportIds":["R-1"],
               "samples":[{"reportId":"R-1","takenAt":"2025-03-10T02:00:00Z","pollutant":"CODMN","value":1.80}],
               "means":[{"pollutant":"CODMN","samples":1,"mean":1.8}],"flows":[],"meanFlow":null},
             "result":{"met":true,"index":0.8500,"pollutants":null,"waterClass":"II","payer":null,"payee":null,
               "amount":null},
             "transferId":null}
            """.formatted(AGREEMENT_ID, ANHUI, JIEKOU);

    @Test
    void anAssessmentStoredWithItsSamplesStillReadsAndStillHoldsItsPeriod() {
        AssessmentRecordedEvent old = serializer.deserialize(new SimpleSerializedObject<>(
                ASSESSMENT_STORED_WITH_ITS_SAMPLES.getBytes(StandardCharsets.UTF_8), byte[].class,
                AssessmentRecordedEvent.class.getName(), null));
        assertThat(old.inputs().samples()).hasSize(1);
        assertThat(old.inputs().means().get(0).sum()).isNull();
        assertThat(old.inputs().reports()).isNull();
        // recorded before agreements could be amended: no terms version (they were all version 0)
        assertThat(old.termsVersion()).isNull();

        scenario.fixture().givenCurrentTime(EARLY_2026).andGiven(scenario.inForce()).andGiven(R1, old)
                .when(assess("A-2"))
                .expectException(AlreadyExistsException.class)
                .expectExceptionMessage(containsString("already assessed for 2025"));
    }
}
