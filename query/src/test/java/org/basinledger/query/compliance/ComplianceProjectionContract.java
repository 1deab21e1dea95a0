package org.basinledger.query.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.basinledger.query.support.Agreements.HS;
import static org.basinledger.query.support.Agreements.HZ;
import static org.basinledger.query.support.Agreements.SH;
import static org.basinledger.query.support.Compliance.assessment;
import static org.basinledger.query.support.Compliance.report;
import static org.basinledger.query.support.Compliance.transferCreated;
import static org.basinledger.query.support.Events.agreement;
import static org.basinledger.query.support.Events.at;
import static org.basinledger.query.support.Events.transfer;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.basinledger.api.agreement.AgreementEvent;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.Money;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.AssessmentView;
import org.basinledger.api.compliance.ComplianceHistory;
import org.basinledger.api.compliance.FindAssessmentQuery;
import org.basinledger.api.compliance.FindComplianceHistoryQuery;
import org.basinledger.api.compliance.FindMonitoringReportQuery;
import org.basinledger.api.compliance.ListMonitoringReportsQuery;
import org.basinledger.api.compliance.MonitoringReportList;
import org.basinledger.api.compliance.MonitoringReportSubmittedEvent;
import org.basinledger.api.compliance.MonitoringReportStatus;
import org.basinledger.api.compliance.MonitoringReportView;
import org.basinledger.api.compliance.Sample;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectConsequence;
import org.basinledger.api.dispute.SubjectDisputeClosedEvent;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.api.transfer.TransferCreatedEvent;
import org.basinledger.api.transfer.TransferView;
import org.basinledger.query.dispute.DisputeFixture;
import org.basinledger.query.status.StatusFixture;
import org.basinledger.query.support.Events;
import org.basinledger.query.support.TestDatabase;
import org.basinledger.query.transfer.TransferFixture;
import org.basinledger.query.transfer.TransferProjection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The compliance projection and the compliance history against a real database; subclasses choose the database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ComplianceProjectionContract {

    private TestDatabase db;
    private StatusFixture agreements;
    private ComplianceProjection projection;
    private ComplianceHistoryQueries histories;
    private DisputeFixture disputes;
    private final List<EventMessage<?>> delivered = new ArrayList<>();

    abstract TestDatabase openDatabase();

    @BeforeAll
    void openDb() {
        db = openDatabase();
    }

    @AfterAll
    void closeDb() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void setUp() {
        db.clean();
        delivered.clear();
        agreements = new StatusFixture(db);
        projection = new ComplianceProjection(db.jdbc(), Events.objectMapper());
        disputes = new DisputeFixture(db);
        histories = new ComplianceHistoryQueries(agreements.projection(), projection,
                new TransferProjection(db.jdbc()), disputes.projection());
    }

    @AfterEach
    void tearDown() {
        agreements.close();
    }

    private void deliver(EventMessage<?> message) {
        delivered.add(message);
        if (message.getPayload() instanceof MonitoringReportSubmittedEvent e) {
            projection.on(e, message);
        } else if (message.getPayload() instanceof AssessmentRecordedEvent e) {
            projection.on(e, message);
        } else if (message.getPayload() instanceof SubjectDisputedEvent e) {
            projection.on(e, message);
        } else if (message.getPayload() instanceof SubjectDisputeClosedEvent e) {
            projection.on(e, message);
        } else {
            throw new IllegalArgumentException("not a compliance event: " + message.getPayload());
        }
    }

    /** An event of the Agreement aggregate, at {@code minute}. */
    private void given(long sequence, AgreementEvent payload, int minute) {
        deliver(agreement(payload.agreementId(), sequence, payload, at(minute)));
    }

    private MonitoringReportView findReport(String id) {
        return projection.handle(new FindMonitoringReportQuery(id));
    }

    private List<String> reports(String agreementId, String sectionId, String period) {
        return projection.handle(new ListMonitoringReportsQuery(agreementId, sectionId, period, 0, 500)).items().stream()
                .map(MonitoringReportView::id).toList();
    }

    private AssessmentView assessmentView(String id) {
        return projection.handle(new FindAssessmentQuery(id));
    }

    @Test
    void aReportIsStoredWithItsSamplesAndFlowExactly() {
        MonitoringReportSubmittedEvent event = report("AG-1", "R-1", "JIEKOU", "2025-01", "10.50");
        given(7, event, 3);

        MonitoringReportView view = findReport("R-1");
        assertThat(view.id()).isEqualTo("R-1");
        assertThat(view.agreementId()).isEqualTo("AG-1");
        assertThat(view.sectionId()).isEqualTo("JIEKOU");
        assertThat(view.period()).isEqualTo("2025-01");
        assertThat(view.submittedBy()).isEqualTo(HS);
        assertThat(view.submittedAt()).isEqualTo(at(3));
        assertThat(view.samples()).isEqualTo(event.samples());
        assertThat(view.samples()).extracting(Sample::pollutant).containsExactly(Pollutant.CODMN, Pollutant.TP);
        assertThat(view.samples().get(1).value())
                .isEqualByComparingTo(new BigDecimal("0.0350000000000000000000000000000001"));
        assertThat(view.samples().get(1).takenAt()).isEqualTo(event.samples().get(1).takenAt());
        assertThat(view.flowCubicMetresPerSecond()).isEqualByComparingTo("10.5");
        assertThat(view.status()).isEqualTo(MonitoringReportStatus.ACCEPTED);

        given(8, report("AG-1", "R-2", "JIEKOU", "2025-02", null), 4);
        assertThat(findReport("R-2").flowCubicMetresPerSecond()).isNull();
        given(9, report("AG-1", "R-3", "JIEKOU", "2025-02", "12345678901234567890.123456789012345"), 5);
        assertThat(findReport("R-3").flowCubicMetresPerSecond())
                .isEqualByComparingTo("12345678901234567890.123456789012345");
        assertThat(findReport("R-unknown")).isNull();
    }

    @Test
    void reportsAreListedOldestFirstAndFilteredBySectionAndPeriod() {
        given(10, report("AG-1", "R-d", "JIEKOU", "2025-01", "1"), 0);
        given(11, report("AG-1", "R-c", "JINZE", "2025-01", "1"), 1);
        given(12, report("AG-1", "R-b", "JIEKOU", "2025-02", "1"), 2);
        given(3, report("AG-2", "R-x", "JIEKOU", "2025-01", "1"), 2);
        given(13, report("AG-1", "R-a", "JIEKOU", "2025-01", null), 3);

        assertThat(reports("AG-1", null, null)).containsExactly("R-d", "R-c", "R-b", "R-a");
        assertThat(reports("AG-1", "JIEKOU", null)).containsExactly("R-d", "R-b", "R-a");
        assertThat(reports("AG-1", null, "2025-01")).containsExactly("R-d", "R-c", "R-a");
        assertThat(reports("AG-1", "JIEKOU", "2025-01")).containsExactly("R-d", "R-a");
        assertThat(reports("AG-1", "JINZE", "2025-02")).isEmpty();
        assertThat(reports("AG-2", null, null)).containsExactly("R-x");
        assertThat(reports("AG-unknown", null, null)).isEmpty();
    }

    @Test
    void reportsAreReadAPageAtATimeWithTheCountOfAllThatMatch() {
        for (int i = 0; i < 5; i++) {
            given(10 + i, report("AG-1", "R-" + i, "JIEKOU", "2025-0" + (i + 1), "1"), i);
        }
        given(3, report("AG-2", "R-x", "JIEKOU", "2025-01", "1"), 2);

        MonitoringReportList first = projection.handle(new ListMonitoringReportsQuery("AG-1", null, null, 0, 2));
        MonitoringReportList second = projection.handle(new ListMonitoringReportsQuery("AG-1", null, null, 2, 2));
        MonitoringReportList last = projection.handle(new ListMonitoringReportsQuery("AG-1", null, null, 4, 2));
        assertThat(first.items()).extracting(MonitoringReportView::id).containsExactly("R-0", "R-1");
        assertThat(second.items()).extracting(MonitoringReportView::id).containsExactly("R-2", "R-3");
        assertThat(last.items()).extracting(MonitoringReportView::id).containsExactly("R-4");
        assertThat(List.of(first.total(), second.total(), last.total())).containsOnly(5L);
        assertThat(projection.handle(new ListMonitoringReportsQuery(null, null, "2025-01", 0, 1)).total()).isEqualTo(2);
        assertThat(projection.handle(new ListMonitoringReportsQuery("AG-1", null, null, 50, 2)).items()).isEmpty();
    }

    @Test
    void anAssessmentKeepsItsInputsAndResultExactly() {
        AssessmentRecordedEvent met = assessment("AG-1", "AS-1", "JIEKOU", "2025", true, "TR-1");
        AssessmentRecordedEvent notMet = assessment("AG-1", "AS-2", "JIEKOU", "2026", false, null);
        given(20, met, 5);
        given(21, notMet, 6);

        assertThat(assessmentView("AS-1")).isEqualTo(new AssessmentView("AS-1", "AG-1", "JIEKOU",
                CompensationRuleType.WATER_QUALITY_INDEX, "2025", met.inputs(), met.result(), "TR-1", HS, at(5)));
        AssessmentView view = assessmentView("AS-2");
        assertThat(view).isEqualTo(new AssessmentView("AS-2", "AG-1", "JIEKOU",
                CompensationRuleType.WATER_QUALITY_INDEX, "2026", notMet.inputs(), notMet.result(), null, HS, at(6)));
        // the same, spelled out: exact decimals and money with two decimals
        assertThat(view.inputs().means().get(0).mean())
                .isEqualByComparingTo("1.833333333333333333333333333333333");
        assertThat(view.inputs().meanFlow()).isEqualByComparingTo("5.2500005");
        assertThat(view.inputs().flows()).containsExactly(new BigDecimal("10.50"), new BigDecimal("0.000001"));
        assertThat(view.inputs().rule().stabilityCoefficient()).isEqualByComparingTo("0.85");
        assertThat(view.inputs().section().upstream()).isEqualTo(HS);
        assertThat(view.inputs().secondsInPeriod()).isEqualTo(31_536_000L);
        assertThat(view.result().met()).isFalse();
        assertThat(view.result().index()).isEqualByComparingTo("1.0200");
        assertThat(view.result().amount()).isEqualTo(Money.of("100000000.10", Money.CNY));
        assertThat(view.result().amount().amount().scale()).isEqualTo(2);
        assertThat(view.result().pollutants().get(0).excessTonnes()).isEqualByComparingTo("25.92");
        assertThat(view.result().pollutants().get(0).amount().amount()).isEqualTo(new BigDecimal("388800.00"));
        assertThat(view.inputs().rule().amountIfMet().amount().scale()).isEqualTo(2);
        assertThat(assessmentView("AS-unknown")).isNull();
    }

    @Test
    void aRedeliveredReportOrAssessmentChangesNothing() {
        given(1, report("AG-1", "R-1", "JIEKOU", "2025-01", "2"), 0);
        given(2, assessment("AG-1", "AS-1", "JIEKOU", "2025", true, "TR-1"), 1);
        MonitoringReportView reportBefore = findReport("R-1");
        AssessmentView assessmentBefore = assessmentView("AS-1");

        deliver(delivered.get(0));
        deliver(delivered.get(1));
        given(2, assessment("AG-1", "AS-1", "JINZE", "2026", false, null), 9);

        assertThat(findReport("R-1")).isEqualTo(reportBefore);
        assertThat(assessmentView("AS-1")).isEqualTo(assessmentBefore);
        assertThat(db.count("compliance_report")).isEqualTo(1);
        assertThat(db.count("compliance_assessment")).isEqualTo(1);
    }

    @Test
    void aResetEmptiesTheTablesAndAReplayRebuildsThem() {
        given(1, report("AG-1", "R-1", "JIEKOU", "2025-01", "2"), 0);
        given(2, assessment("AG-1", "AS-1", "JIEKOU", "2025", true, "TR-1"), 1);
        given(3, report("AG-1", "R-2", "JIEKOU", "2025-02", "2"), 2);
        given(4, disputed("AG-1", "D-1", SubjectType.MONITORING_REPORT, "R-2"), 3);
        given(5, assessment("AG-1", "AS-2", "JINZE", "2025", false, null), 4);
        given(6, disputed("AG-1", "D-2", SubjectType.ASSESSMENT, "AS-2"), 5);
        given(7, closed("AG-1", "D-2", SubjectType.ASSESSMENT, "AS-2", RulingOutcome.UPHELD,
                SubjectConsequence.ASSESSMENT_ANNULLED), 6);
        AssessmentView before = assessmentView("AS-1");
        MonitoringReportView disputedReport = findReport("R-2");
        ComplianceHistory.Summary summary = projection.summary("AG-1");
        List<EventMessage<?>> history = List.copyOf(delivered);

        projection.reset();
        assertThat(findReport("R-1")).isNull();
        assertThat(assessmentView("AS-1")).isNull();
        assertThat(reports(null, null, null)).isEmpty();

        history.forEach(this::deliver);
        assertThat(assessmentView("AS-1")).isEqualTo(before);
        assertThat(reports("AG-1", null, null)).containsExactly("R-1", "R-2");
        assertThat(findReport("R-2")).isEqualTo(disputedReport);
        assertThat(findReport("R-2").status()).isEqualTo(MonitoringReportStatus.DISPUTED);
        assertThat(projection.assessments("AG-1")).extracting(AssessmentView::id).containsExactly("AS-1");
        assertThat(projection.summary("AG-1")).isEqualTo(summary)
                .isEqualTo(new ComplianceHistory.Summary(1, 1, new BigDecimal("1.0000")));
    }

    private static SubjectDisputedEvent disputed(String agreementId, String disputeId, SubjectType type, String id) {
        return new SubjectDisputedEvent(agreementId, disputeId, new Subject(type, id), null);
    }

    private static SubjectDisputeClosedEvent closed(String agreementId, String disputeId, SubjectType type, String id,
                                                    RulingOutcome outcome, SubjectConsequence consequence) {
        return new SubjectDisputeClosedEvent(agreementId, disputeId, new Subject(type, id), outcome, consequence);
    }

    private MonitoringReportStatus reportStatus(String reportId) {
        return findReport(reportId).status();
    }

    @Test
    void aReportIsDisputedThenAcceptedAgainOrRejectedForGoodAndStaysOnRecord() {
        given(1, report("AG-1", "R-1", "JIEKOU", "2025-01", "2"), 0);
        given(2, report("AG-1", "R-2", "JIEKOU", "2025-01", "3"), 1);
        given(3, disputed("AG-1", "D-1", SubjectType.MONITORING_REPORT, "R-1"), 2);
        EventMessage<?> firstDispute = delivered.get(delivered.size() - 1);
        assertThat(reportStatus("R-1")).isEqualTo(MonitoringReportStatus.DISPUTED);
        assertThat(reportStatus("R-2")).isEqualTo(MonitoringReportStatus.ACCEPTED);

        // dismissed: released, it counts again
        given(4, closed("AG-1", "D-1", SubjectType.MONITORING_REPORT, "R-1", RulingOutcome.DISMISSED,
                SubjectConsequence.RELEASED), 3);
        assertThat(reportStatus("R-1")).isEqualTo(MonitoringReportStatus.ACCEPTED);
        // a redelivery of the older dispute does not set it aside again
        deliver(firstDispute);
        assertThat(reportStatus("R-1")).isEqualTo(MonitoringReportStatus.ACCEPTED);

        // withdrawn (no outcome): released as well
        given(5, disputed("AG-1", "D-2", SubjectType.MONITORING_REPORT, "R-1"), 4);
        given(6, closed("AG-1", "D-2", SubjectType.MONITORING_REPORT, "R-1", null, SubjectConsequence.RELEASED), 5);
        assertThat(reportStatus("R-1")).isEqualTo(MonitoringReportStatus.ACCEPTED);

        // upheld: rejected, but still listed and readable with its samples
        given(7, disputed("AG-1", "D-3", SubjectType.MONITORING_REPORT, "R-1"), 6);
        assertThat(reportStatus("R-1")).isEqualTo(MonitoringReportStatus.DISPUTED);
        given(8, closed("AG-1", "D-3", SubjectType.MONITORING_REPORT, "R-1", RulingOutcome.UPHELD,
                SubjectConsequence.REPORT_REJECTED), 7);
        MonitoringReportView rejected = findReport("R-1");
        assertThat(rejected.status()).isEqualTo(MonitoringReportStatus.REJECTED);
        assertThat(rejected.samples()).hasSize(2);
        assertThat(rejected.flowCubicMetresPerSecond()).isEqualByComparingTo("2");
        assertThat(projection.handle(new ListMonitoringReportsQuery("AG-1", null, null, 0, 500)).items())
                .extracting(MonitoringReportView::id, MonitoringReportView::status)
                .containsExactly(tuple("R-1", MonitoringReportStatus.REJECTED),
                        tuple("R-2", MonitoringReportStatus.ACCEPTED));

        // disputes on other subjects leave the reports alone
        given(9, disputed("AG-1", "D-4", SubjectType.AGREEMENT, "AG-1"), 8);
        given(10, closed("AG-1", "D-4", SubjectType.AGREEMENT, "AG-1", RulingOutcome.UPHELD,
                SubjectConsequence.RECORDED), 9);
        given(11, disputed("AG-1", "D-5", SubjectType.OBLIGATION, "R-2"), 10);
        assertThat(reportStatus("R-1")).isEqualTo(MonitoringReportStatus.REJECTED);
        assertThat(reportStatus("R-2")).isEqualTo(MonitoringReportStatus.ACCEPTED);
    }

    @Test
    void aDisputeOnAReportOrAnAssessmentNeverRecordedIsRefused() {
        assertThatThrownBy(() -> given(1, disputed("AG-1", "D-1", SubjectType.MONITORING_REPORT, "R-9"), 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("R-9");
        assertThatThrownBy(() -> given(2, closed("AG-1", "D-2", SubjectType.ASSESSMENT, "AS-9", RulingOutcome.UPHELD,
                SubjectConsequence.ASSESSMENT_ANNULLED), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AS-9");
    }

    @Test
    void anAnnulledAssessmentStaysOnRecordButLeavesTheHistoryAndTheSummaryToTheRedoneOne() {
        long seq = agreements.agreementIn("AG-1", AgreementStatus.IN_FORCE, at(0), HS, HZ);
        given(seq++, assessment("AG-1", "AS-1", "JIEKOU", "2025", false, "TR-1"), 10);
        given(seq++, assessment("AG-1", "AS-2", "JINZE", "2025-03", true, null), 11);
        assertThat(projection.summary("AG-1")).isEqualTo(new ComplianceHistory.Summary(2, 1, new BigDecimal("0.5000")));
        AssessmentView annulledView = assessmentView("AS-1");

        given(seq++, disputed("AG-1", "D-1", SubjectType.ASSESSMENT, "AS-1"), 12);
        // under dispute it still counts: only the ruling's annulment takes it out
        assertThat(projection.summary("AG-1")).isEqualTo(new ComplianceHistory.Summary(2, 1, new BigDecimal("0.5000")));
        given(seq++, closed("AG-1", "D-1", SubjectType.ASSESSMENT, "AS-1", RulingOutcome.UPHELD,
                SubjectConsequence.ASSESSMENT_ANNULLED), 13);
        EventMessage<?> annulment = delivered.get(delivered.size() - 1);

        ComplianceHistory afterAnnulment = histories.handle(new FindComplianceHistoryQuery("AG-1"));
        assertThat(afterAnnulment.assessments()).extracting(AssessmentView::id).containsExactly("AS-2");
        assertThat(afterAnnulment.summary()).isEqualTo(new ComplianceHistory.Summary(1, 1, new BigDecimal("1.0000")));
        assertThat(assessmentView("AS-1")).isEqualTo(annulledView);

        given(seq, assessment("AG-1", "AS-3", "JIEKOU", "2025", true, "TR-9"), 20);
        ComplianceHistory redone = histories.handle(new FindComplianceHistoryQuery("AG-1"));
        assertThat(redone.assessments()).extracting(AssessmentView::id).containsExactly("AS-2", "AS-3");
        assertThat(redone.summary()).isEqualTo(new ComplianceHistory.Summary(2, 2, new BigDecimal("1.0000")));

        // a redelivered annulment keeps the first time it was annulled
        deliver(agreement("AG-1", ((org.axonframework.eventhandling.DomainEventMessage<?>) annulment)
                .getSequenceNumber(), annulment.getPayload(), at(30)));
        OffsetDateTime annulledAt = db.jdbc().getJdbcOperations().queryForObject(
                "SELECT annulled_at FROM compliance_assessment WHERE assessment_id = 'AS-1'", OffsetDateTime.class);
        assertThat(annulledAt.toInstant()).isEqualTo(at(13));
        assertThat(histories.handle(new FindComplianceHistoryQuery("AG-1"))).isEqualTo(redone);
    }

    @Test
    void theComplianceHistoryListsTheRulingsOfTheAgreementsDisputesOldestFirst() {
        agreements.agreementIn("AG-1", AgreementStatus.IN_FORCE, at(0), HS, HZ);
        agreements.agreementIn("AG-2", AgreementStatus.IN_FORCE, at(0), HZ, SH);
        Subject subject = new Subject(SubjectType.AGREEMENT, "AG-1");
        disputes.raised("D-1", "AG-1", subject, HZ, HS, 10);
        disputes.assigned("D-1", "AG-1", "M-1", 11);
        disputes.raised("D-2", "AG-1", subject, HS, HZ, 12);
        disputes.assigned("D-2", "AG-1", "M-2", 13);
        disputes.ruled("D-2", "AG-1", subject, "M-2", 2, RulingOutcome.SETTLED_BY_CONSENT, null, 20);
        disputes.ruled("D-1", "AG-1", subject, "M-1", 2, RulingOutcome.ADJUSTED, Money.of("5.00", "CNY"), 30);
        disputes.raised("D-3", "AG-1", subject, HZ, HS, 31);
        disputes.withdrawn("D-3", "AG-1", subject, HZ, 1, 32);
        disputes.raised("D-4", "AG-1", subject, HZ, HS, 33);
        disputes.assigned("D-4", "AG-1", "M-1", 34);
        disputes.raised("D-5", "AG-2", new Subject(SubjectType.AGREEMENT, "AG-2"), HZ, SH, 35);
        disputes.assigned("D-5", "AG-2", "M-1", 36);
        disputes.ruled("D-5", "AG-2", new Subject(SubjectType.AGREEMENT, "AG-2"), "M-1", 2, RulingOutcome.UPHELD,
                null, 37);

        assertThat(histories.handle(new FindComplianceHistoryQuery("AG-1")).rulings()).containsExactly(
                new ComplianceHistory.RulingView("D-2", "SETTLED_BY_CONSENT", "reasoning D-2", at(20)),
                new ComplianceHistory.RulingView("D-1", "ADJUSTED", "reasoning D-1", at(30)));
        assertThat(histories.handle(new FindComplianceHistoryQuery("AG-2")).rulings()).containsExactly(
                new ComplianceHistory.RulingView("D-5", "UPHELD", "reasoning D-5", at(37)));
        ComplianceHistory secondPage = histories.handle(new FindComplianceHistoryQuery("AG-1", 1, 1));
        assertThat(secondPage.rulings()).extracting(ComplianceHistory.RulingView::disputeId).containsExactly("D-1");
        assertThat(secondPage.counts().rulings()).isEqualTo(2);
    }

    @Test
    void theComplianceHistoryHasAssessmentsObligationsTransfersAndASummaryOfPeriods() {
        long seq = agreements.agreementIn("AG-1", AgreementStatus.IN_FORCE, at(0), HS, HZ);
        agreements.agreementIn("AG-2", AgreementStatus.IN_FORCE, at(0), HZ, SH);
        // JIEKOU 2025 met; JINZE 2025-03 met twice (two rules); JINZE 2025-04 met once and not met once
        given(seq++, assessment("AG-1", "AS-c", "JINZE", "2025-03", true, null), 30);
        given(seq++, assessment("AG-1", "AS-b", "JIEKOU", "2025", true, "TR-1"), 20);
        given(seq++, assessment("AG-1", "AS-e", "JINZE", "2025-04", false, "TR-2"), 50);
        given(seq++, assessment("AG-1", "AS-a", "JINZE", "2025-03", true, null), 40);
        given(seq, assessment("AG-1", "AS-d", "JINZE", "2025-04", true, null), 45);
        given(9, assessment("AG-2", "AS-x", "JIEKOU", "2025", false, null), 60);
        TransferFixture transfers = new TransferFixture(db);
        for (TransferCreatedEvent created : List.of(transferCreated("TR-2", "AG-1", HS, HZ, "388800.00", "CNY"),
                transferCreated("TR-1", "AG-1", HZ, HS, "100000000.00", "CNY"),
                transferCreated("TR-9", "AG-2", HZ, SH, "1.00", "CNY"))) {
            int minute = created.transferId().equals("TR-1") ? 21 : 51;
            transfers.deliver(transfer(created.transferId(), 0, created, at(minute)));
        }

        ComplianceHistory history = histories.handle(new FindComplianceHistoryQuery("AG-1"));

        assertThat(history.agreementId()).isEqualTo("AG-1");
        assertThat(history.assessments()).extracting(AssessmentView::id, AssessmentView::assessedAt)
                .containsExactly(tuple("AS-b", at(20)), tuple("AS-c", at(30)), tuple("AS-a", at(40)),
                        tuple("AS-d", at(45)), tuple("AS-e", at(50)));
        assertThat(history.obligations()).isEqualTo(agreements.projection().storedView("AG-1").obligations());
        assertThat(history.obligations()).extracting(o -> o.id()).containsExactly("OB-1", "OB-2");
        assertThat(history.transfers()).extracting(TransferView::id).containsExactly("TR-1", "TR-2");
        assertThat(history.rulings()).isEmpty();
        assertThat(history.summary()).isEqualTo(new ComplianceHistory.Summary(3, 2, new BigDecimal("0.6667")));
        assertThat(history.counts()).isEqualTo(new ComplianceHistory.Counts(5, 2, 0));

        ComplianceHistory page = histories.handle(new FindComplianceHistoryQuery("AG-1", 2, 2));
        assertThat(page.assessments()).extracting(AssessmentView::id).containsExactly("AS-a", "AS-d");
        assertThat(page.transfers()).as("only two transfers: none on the second page").isEmpty();
        assertThat(histories.handle(new FindComplianceHistoryQuery("AG-1", 1, 1)).transfers())
                .extracting(TransferView::id).containsExactly("TR-2");
        assertThat(page.counts()).as("counts and summary are of all").isEqualTo(history.counts());
        assertThat(page.summary()).isEqualTo(history.summary());
        assertThat(page.obligations()).isEqualTo(history.obligations());

        ComplianceHistory other = histories.handle(new FindComplianceHistoryQuery("AG-2"));
        assertThat(other.summary()).isEqualTo(new ComplianceHistory.Summary(1, 0, new BigDecimal("0.0000")));
        assertThat(other.transfers()).extracting(TransferView::id).containsExactly("TR-9");
    }

    @Test
    void anAgreementNeverAssessedHasNoRateAndAnUnknownOneNoHistory() {
        agreements.agreementIn("AG-1", AgreementStatus.DRAFT, at(0), HZ, HS);

        ComplianceHistory history = histories.handle(new FindComplianceHistoryQuery("AG-1"));
        assertThat(history).isEqualTo(new ComplianceHistory("AG-1", List.of(),
                agreements.projection().storedView("AG-1").obligations(), List.of(), List.of(),
                new ComplianceHistory.Summary(0, 0, null)));
        assertThat(histories.handle(new FindComplianceHistoryQuery("AG-unknown"))).isNull();
    }
}
