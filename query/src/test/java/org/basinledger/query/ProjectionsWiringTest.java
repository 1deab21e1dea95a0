package org.basinledger.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.query.support.Agreements.HS;
import static org.basinledger.query.support.Agreements.HZ;
import static org.basinledger.query.support.Agreements.draft;
import static org.basinledger.query.support.Agreements.ids;
import static org.basinledger.query.support.Events.agreement;
import static org.basinledger.query.support.Events.at;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.basinledger.api.agreement.AgreementDraftedEvent;
import org.basinledger.api.agreement.AgreementHistoryPage;
import org.basinledger.api.agreement.AgreementOpenedForSignatureEvent;
import org.basinledger.api.agreement.AgreementPage;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.AgreementTermsDocument;
import org.basinledger.api.agreement.FindAgreementHistoryQuery;
import org.basinledger.api.agreement.FindAgreementStatusQuery;
import org.basinledger.api.agreement.FindAgreementTermsQuery;
import org.basinledger.api.agreement.ListAgreementsQuery;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.compliance.AssessmentView;
import org.basinledger.api.compliance.ComplianceHistory;
import org.basinledger.api.compliance.FindAssessmentQuery;
import org.basinledger.api.compliance.FindComplianceHistoryQuery;
import org.basinledger.api.compliance.FindMonitoringReportQuery;
import org.basinledger.api.compliance.ListMonitoringReportsQuery;
import org.basinledger.api.compliance.MonitoringReportList;
import org.basinledger.api.compliance.MonitoringReportStatus;
import org.basinledger.api.compliance.MonitoringReportView;
import org.basinledger.api.dispute.DisputeCaseFile;
import org.basinledger.api.dispute.DisputeList;
import org.basinledger.api.dispute.DisputeRaisedEvent;
import org.basinledger.api.dispute.DisputeRuledEvent;
import org.basinledger.api.dispute.DisputeStatus;
import org.basinledger.api.dispute.DisputeSummary;
import org.basinledger.api.dispute.FindDisputeQuery;
import org.basinledger.api.dispute.ListDisputesQuery;
import org.basinledger.api.dispute.MediatorAssignedEvent;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.StatementAddedEvent;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectConsequence;
import org.basinledger.api.dispute.SubjectDisputeClosedEvent;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.api.registry.FindJurisdictionQuery;
import org.basinledger.api.registry.FindMediatorQuery;
import org.basinledger.api.registry.JurisdictionKeyAddedEvent;
import org.basinledger.api.registry.JurisdictionLevel;
import org.basinledger.api.registry.JurisdictionList;
import org.basinledger.api.registry.JurisdictionRegisteredEvent;
import org.basinledger.api.registry.JurisdictionView;
import org.basinledger.api.registry.ListJurisdictionsQuery;
import org.basinledger.api.registry.MediatorRegisteredEvent;
import org.basinledger.api.registry.MediatorView;
import org.basinledger.api.transfer.FindBalanceQuery;
import org.basinledger.api.transfer.FindTransferQuery;
import org.basinledger.api.transfer.JurisdictionBalance;
import org.basinledger.api.transfer.ListTransfersQuery;
import org.basinledger.api.transfer.TransferDisputedEvent;
import org.basinledger.api.transfer.TransferList;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.api.transfer.TransferView;
import org.basinledger.query.compliance.ComplianceHistoryQueries;
import org.basinledger.query.compliance.ComplianceProjection;
import org.basinledger.query.dispute.DisputeProjection;
import org.basinledger.query.history.AgreementHistoryProjection;
import org.basinledger.query.registry.RegistryProjection;
import org.basinledger.query.status.AgreementStatusProjection;
import org.basinledger.query.support.Compliance;
import org.basinledger.query.support.Events;
import org.basinledger.query.support.Projections;
import org.basinledger.query.support.TestDatabase;
import org.basinledger.query.transfer.TransferProjection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The projections as Axon runs them: one tracking processor for the group, the query bus, a reset. Proves the
 * annotations (handler parameters, processing group, query handlers, reset handlers) are what Axon expects;
 * the contract tests call the handlers directly.
 */
class ProjectionsWiringTest {

    private static final Subject REPORT = new Subject(SubjectType.MONITORING_REPORT, "R-1");

    private TestDatabase db;
    private Configuration axon;

    @BeforeEach
    void start() {
        db = TestDatabase.h2();
        ObjectMapper objectMapper = Events.objectMapper();
        TransferProjection transfers = new TransferProjection(db.jdbc());
        ComplianceProjection compliance = new ComplianceProjection(db.jdbc(), objectMapper);
        AgreementHistoryProjection history = new AgreementHistoryProjection(db.jdbc(), objectMapper);
        DisputeProjection disputes = new DisputeProjection(db.jdbc(), objectMapper, history);
        AtomicReference<AgreementStatusProjection> status = new AtomicReference<>();
        var configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerMessageHandler(c -> {
                    status.set(new AgreementStatusProjection(db.jdbc(), objectMapper, c.eventStore()));
                    return status.get();
                })
                .registerMessageHandler(c -> history)
                .registerMessageHandler(c -> new RegistryProjection(db.jdbc()))
                .registerMessageHandler(c -> transfers)
                .registerMessageHandler(c -> compliance)
                .registerMessageHandler(c -> disputes)
                .registerMessageHandler(c -> new ComplianceHistoryQueries(status.get(), compliance, transfers,
                        disputes));
        configurer.eventProcessing()
                .registerTrackingEventProcessor(Projections.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(Projections.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
        axon = configurer.start();
    }

    @AfterEach
    void stop() throws Exception {
        axon.shutdown();
        db.close();
    }

    private <R> R query(Object query, Class<R> type) throws Exception {
        return axon.queryGateway().query(query, ResponseTypes.instanceOf(type)).get();
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 10 s");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void eventsFlowThroughTheTrackingProcessorIntoEveryQueryAndAResetRebuildsThem() throws Exception {
        axon.eventStore().publish(List.of(
                Events.domain("Jurisdiction", HZ, 0,
                        new JurisdictionRegisteredEvent(HZ, "Hangzhou", JurisdictionLevel.CITY, "CN-ZJ"), at(0), null),
                Events.domain("Jurisdiction", HZ, 1, new JurisdictionKeyAddedEvent(HZ, "k1", "pk1"), at(0), null),
                Events.domain("Mediator", "M-1", 0, new MediatorRegisteredEvent("M-1", "Taihu Basin Authority"),
                        at(0), null),
                agreement("AG-1", 0, new AgreementDraftedEvent("AG-1", HZ, draft("Xin'an", "XINAN", HZ, HS)), at(1)),
                agreement("AG-1", 1, new AgreementOpenedForSignatureEvent("AG-1", HZ, "{}", "hash-1"), at(2)),
                agreement("AG-1", 2, Compliance.report("AG-1", "R-1", "JIEKOU", "2025", "10.5"), at(3)),
                agreement("AG-1", 3, Compliance.assessment("AG-1", "AS-1", "JIEKOU", "2025", true, "TR-1"), at(4)),
                Events.transfer("TR-1", 0, Compliance.transferCreated("TR-1", "AG-1", HZ, HS, "100.00", "CNY"),
                        at(4)),
                Events.dispute("D-1", 0, new DisputeRaisedEvent("D-1", "AG-1", HS, REPORT, List.of(HZ), "bad samples"),
                        at(5), HS),
                agreement("AG-1", 4, new SubjectDisputedEvent("AG-1", "D-1", REPORT, null), at(5)),
                Events.dispute("D-1", 1, new MediatorAssignedEvent("D-1", "AG-1", "M-1"), at(6), null),
                Events.dispute("D-1", 2, new StatementAddedEvent("D-1", "AG-1", 1, "CLAIMANT", HS, "see the lab",
                        List.of(new Evidence("ab".repeat(32), "https://lab.example/1", null))), at(7), HS),
                Events.dispute("D-1", 3, new DisputeRuledEvent("D-1", "AG-1", REPORT, "M-1", RulingOutcome.UPHELD,
                        "the samples were contaminated", null), at(8), null),
                agreement("AG-1", 5, new SubjectDisputeClosedEvent("AG-1", "D-1", REPORT, RulingOutcome.UPHELD,
                        SubjectConsequence.REPORT_REJECTED), at(8)),
                Events.dispute("D-2", 0, new DisputeRaisedEvent("D-2", "AG-1", HZ, new Subject(SubjectType.TRANSFER,
                        "TR-1"), List.of(HS), "too much"), at(9), HZ),
                Events.transfer("TR-1", 1, new TransferDisputedEvent("TR-1", "AG-1", "D-2", TransferStatus.DUE),
                        at(9))));

        await(() -> query(new FindAgreementHistoryQuery("AG-1", 0, 20), AgreementHistoryPage.class).items().size() == 13
                && query(new FindAgreementStatusQuery("AG-1", null), AgreementStatusView.class) != null
                && query(new FindAgreementStatusQuery("AG-1", null), AgreementStatusView.class).version() == 5
                && query(new FindDisputeQuery("D-2"), DisputeCaseFile.class) != null);

        assertThat(query(new FindAgreementStatusQuery("AG-1", null), AgreementStatusView.class).status())
                .isEqualTo(AgreementStatus.OPEN_FOR_SIGNATURE);
        assertThat(query(new FindAgreementStatusQuery("AG-1", at(1)), AgreementStatusView.class).status())
                .isEqualTo(AgreementStatus.DRAFT);
        assertThat(query(new FindAgreementStatusQuery("AG-2", null), AgreementStatusView.class)).isNull();
        assertThat(ids(query(new ListAgreementsQuery(null, null, null, 0, 10, Caller.PUBLIC), AgreementPage.class)
                .items())).containsExactly("AG-1");
        assertThat(query(new FindAgreementTermsQuery("AG-1"), AgreementTermsDocument.class).termsHash())
                .isEqualTo("hash-1");
        assertThat(query(new FindJurisdictionQuery(HZ), JurisdictionView.class).keys()).hasSize(1);
        assertThat(query(new ListJurisdictionsQuery(), JurisdictionList.class).jurisdictions()).hasSize(1);
        assertThat(query(new FindMediatorQuery("M-1"), MediatorView.class).name()).isEqualTo("Taihu Basin Authority");
        assertThat(query(new FindTransferQuery("TR-1"), TransferView.class).status())
                .isEqualTo(TransferStatus.DISPUTED);
        assertThat(query(new ListTransfersQuery("AG-1", null, null, 0, 10), TransferList.class).items()).hasSize(1);
        // AG-1 is not in force: its transfer counts in no balance
        assertThat(query(new FindBalanceQuery(HZ), JurisdictionBalance.class).counterparties()).isEmpty();
        assertThat(query(new FindMonitoringReportQuery("R-1"), MonitoringReportView.class).period()).isEqualTo("2025");
        assertThat(query(new FindMonitoringReportQuery("R-1"), MonitoringReportView.class).status())
                .isEqualTo(MonitoringReportStatus.REJECTED);
        DisputeCaseFile caseFile = query(new FindDisputeQuery("D-1"), DisputeCaseFile.class);
        assertThat(caseFile.dispute().status()).isEqualTo(DisputeStatus.RULED);
        assertThat(caseFile.statements()).extracting(DisputeCaseFile.Statement::text).containsExactly("see the lab");
        assertThat(caseFile.relatedHistory()).hasSize(13);
        assertThat(query(new ListDisputesQuery("AG-1", null, null), DisputeList.class).items())
                .extracting(DisputeSummary::id).containsExactly("D-2", "D-1");
        assertThat(query(new ListMonitoringReportsQuery("AG-1", null, null, 0, 10), MonitoringReportList.class).items())
                .hasSize(1);
        assertThat(query(new FindAssessmentQuery("AS-1"), AssessmentView.class).transferId()).isEqualTo("TR-1");
        ComplianceHistory compliance = query(new FindComplianceHistoryQuery("AG-1"), ComplianceHistory.class);
        assertThat(compliance.assessments()).extracting(AssessmentView::id).containsExactly("AS-1");
        assertThat(compliance.transfers()).extracting(TransferView::id).containsExactly("TR-1");
        assertThat(compliance.summary().complianceRate()).isEqualByComparingTo("1");
        assertThat(compliance.rulings()).extracting(ComplianceHistory.RulingView::disputeId).containsExactly("D-1");
        AgreementStatusView status = query(new FindAgreementStatusQuery("AG-1", null), AgreementStatusView.class);
        assertThat(status.outstanding().count()).isEqualTo(1);
        assertThat(status.lastAssessment().assessmentId()).isEqualTo("AS-1");
        assertThat(status.openDisputes()).isEqualTo(1);

        // A row no event explains: only the reset handlers can remove it before the replay.
        db.jdbc().getJdbcOperations().update("INSERT INTO registry_mediator (mediator_id, name, registered_at)"
                + " VALUES ('M-stale', 'stale', CURRENT_TIMESTAMP)");
        TrackingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(Projections.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        // The reset handlers ran inside resetTokens(): from here on, rows come only from the replay.
        assertThat(query(new FindMediatorQuery("M-stale"), MediatorView.class)).isNull();
        assertThat(query(new FindAgreementStatusQuery("AG-1", null), AgreementStatusView.class)).isNull();
        assertThat(query(new ListJurisdictionsQuery(), JurisdictionList.class).jurisdictions()).isEmpty();
        assertThat(query(new ListTransfersQuery(null, null, null, 0, 10), TransferList.class).items()).isEmpty();
        assertThat(query(new ListMonitoringReportsQuery(null, null, null, 0, 10), MonitoringReportList.class).items())
                .isEmpty();
        assertThat(query(new FindAssessmentQuery("AS-1"), AssessmentView.class)).isNull();
        assertThat(query(new ListDisputesQuery(null, null, null), DisputeList.class).items()).isEmpty();
        processor.start();

        await(() -> query(new FindAgreementHistoryQuery("AG-1", 0, 20), AgreementHistoryPage.class).items().size() == 13
                && query(new FindMediatorQuery("M-1"), MediatorView.class) != null
                && query(new FindTransferQuery("TR-1"), TransferView.class) != null
                && query(new FindDisputeQuery("D-2"), DisputeCaseFile.class) != null);
        assertThat(query(new FindJurisdictionQuery(HZ), JurisdictionView.class).keys()).hasSize(1);
        assertThat(query(new FindAgreementHistoryQuery("AG-1", 0, 20), AgreementHistoryPage.class).items())
                .extracting(AgreementHistoryPage.Entry::sequence)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(query(new FindDisputeQuery("D-1"), DisputeCaseFile.class)).isEqualTo(caseFile);
        assertThat(query(new FindAgreementStatusQuery("AG-1", null), AgreementStatusView.class)).isEqualTo(status);
        assertThat(query(new FindComplianceHistoryQuery("AG-1"), ComplianceHistory.class)).isEqualTo(compliance);
    }
}
