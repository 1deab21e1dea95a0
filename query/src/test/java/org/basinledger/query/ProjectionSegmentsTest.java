package org.basinledger.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.query.support.Agreements.HS;
import static org.basinledger.query.support.Agreements.HZ;
import static org.basinledger.query.support.Agreements.draft;
import static org.basinledger.query.support.Events.agreement;
import static org.basinledger.query.support.Events.at;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.basinledger.api.agreement.AgreementDraftedEvent;
import org.basinledger.api.agreement.AgreementHistoryPage;
import org.basinledger.api.agreement.AgreementOpenedForSignatureEvent;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.FindAgreementHistoryQuery;
import org.basinledger.api.agreement.FindAgreementStatusQuery;
import org.basinledger.api.dispute.DisputeRaisedEvent;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.api.transfer.FindTransferQuery;
import org.basinledger.api.transfer.TransferDisputedEvent;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.api.transfer.TransferView;
import org.basinledger.query.compliance.ComplianceProjection;
import org.basinledger.query.dispute.DisputeProjection;
import org.basinledger.query.history.AgreementHistoryProjection;
import org.basinledger.query.registry.RegistryProjection;
import org.basinledger.query.status.AgreementStatusProjection;
import org.basinledger.query.support.Compliance;
import org.basinledger.query.support.Events;
import org.basinledger.query.support.ProjectionSequencing;
import org.basinledger.query.support.Projections;
import org.basinledger.query.support.TestDatabase;
import org.basinledger.query.transfer.TransferProjection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The projections processor with four segments and four threads, sequenced by {@link ProjectionSequencing}: the
 * events of one agreement, published by its own, its transfers' and its disputes' aggregates and interleaved with
 * other agreements' events, are numbered in its history in the order they were stored, as with one segment.
 */
class ProjectionSegmentsTest {

    private static final int SEGMENTS = 4;
    private static final int AGREEMENTS = 12;

    private TestDatabase db;
    private Configuration axon;

    @BeforeEach
    void start() {
        db = TestDatabase.h2();
        ObjectMapper objectMapper = Events.objectMapper();
        AgreementHistoryProjection history = new AgreementHistoryProjection(db.jdbc(), objectMapper);
        var configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerMessageHandler(c -> new AgreementStatusProjection(db.jdbc(), objectMapper, c.eventStore()))
                .registerMessageHandler(c -> history)
                .registerMessageHandler(c -> new RegistryProjection(db.jdbc()))
                .registerMessageHandler(c -> new TransferProjection(db.jdbc()))
                .registerMessageHandler(c -> new ComplianceProjection(db.jdbc(), objectMapper))
                .registerMessageHandler(c -> new DisputeProjection(db.jdbc(), objectMapper, history));
        configurer.eventProcessing()
                .registerTrackingEventProcessor(Projections.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forParallelProcessing(SEGMENTS)
                                .andInitialSegmentsCount(SEGMENTS).andBatchSize(5))
                .registerSequencingPolicy(Projections.PROCESSING_GROUP, c -> new ProjectionSequencing())
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
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 30 s");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void eachAgreementsHistoryIsInStoreOrderWhileItsEventsSpreadOverTheSegments() throws Exception {
        // round by round: every agreement's next event, published by whichever aggregate publishes it
        Map<String, List<String>> published = new LinkedHashMap<>();
        List<EventMessage<?>> events = new ArrayList<>();
        for (int round = 0; round < 7; round++) {
            for (int i = 0; i < AGREEMENTS; i++) {
                String ag = "AG-" + i;
                String tr = "TR-" + i;
                String d = "D-" + i;
                Subject subject = new Subject(SubjectType.TRANSFER, tr);
                EventMessage<?> event = switch (round) {
                    case 0 -> agreement(ag, 0, new AgreementDraftedEvent(ag, HZ, draft("Xin'an " + i, "XINAN", HZ, HS)),
                            at(0));
                    case 1 -> Events.transfer(tr, 0, Compliance.transferCreated(tr, ag, HZ, HS, "100.00", "CNY"), at(1));
                    case 2 -> agreement(ag, 1, new AgreementOpenedForSignatureEvent(ag, HZ, "{}", "hash-" + i), at(2));
                    case 3 -> Events.dispute(d, 0, new DisputeRaisedEvent(d, ag, HZ, subject, List.of(HS), "too much"),
                            at(3), HZ);
                    case 4 -> agreement(ag, 2, new SubjectDisputedEvent(ag, d, subject, tr), at(3));
                    case 5 -> Events.transfer(tr, 1, new TransferDisputedEvent(tr, ag, d, TransferStatus.DUE), at(3));
                    default -> agreement(ag, 3, Compliance.report(ag, "R-" + i, "JIEKOU", "2025", "10.5"), at(4));
                };
                events.add(event);
                published.computeIfAbsent(ag, k -> new ArrayList<>()).add(event.getIdentifier());
            }
        }
        axon.eventStore().publish(events);

        await(() -> {
            for (String ag : published.keySet()) {
                if (query(new FindAgreementHistoryQuery(ag, 0, 50), AgreementHistoryPage.class).items().size() < 7) {
                    return false;
                }
            }
            return true;
        });

        assertThat(axon.getComponent(org.axonframework.eventhandling.tokenstore.TokenStore.class)
                .fetchSegments(Projections.PROCESSING_GROUP)).hasSize(SEGMENTS);
        for (Map.Entry<String, List<String>> agreement : published.entrySet()) {
            List<AgreementHistoryPage.Entry> entries = query(new FindAgreementHistoryQuery(agreement.getKey(), 0, 50),
                    AgreementHistoryPage.class).items();
            assertThat(entries).extracting(AgreementHistoryPage.Entry::eventId).as(agreement.getKey())
                    .containsExactlyElementsOf(agreement.getValue());
            assertThat(entries).extracting(AgreementHistoryPage.Entry::sequence)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            AgreementStatusView status = query(new FindAgreementStatusQuery(agreement.getKey(), null),
                    AgreementStatusView.class);
            assertThat(status.status()).isEqualTo(AgreementStatus.OPEN_FOR_SIGNATURE);
            String transfer = "TR-" + agreement.getKey().substring(3);
            assertThat(query(new FindTransferQuery(transfer), TransferView.class).status())
                    .isEqualTo(TransferStatus.DISPUTED);
        }
    }
}
