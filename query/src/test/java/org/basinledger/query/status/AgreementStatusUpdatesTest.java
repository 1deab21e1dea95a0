package org.basinledger.query.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.FindAgreementStatusQuery;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class AgreementStatusUpdatesTest {

    private final AtomicReference<AgreementStatusView> stored = new AtomicReference<>();
    private final AgreementStatusProjection statuses = new AgreementStatusProjection(null, new ObjectMapper(), null) {
        @Override
        public AgreementStatusView handle(FindAgreementStatusQuery query) {
            return stored.get();
        }
    };
    private final SimpleQueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
    private final AgreementStatusUpdates updates = new AgreementStatusUpdates(statuses, emitter,
            new StaticListableBeanFactory().getBeanProvider(org.basinledger.query.live.LiveUpdateRelay.class));

    @Test
    void everyBatchThatTouchedTheAgreementIsAnUpdateAndAResyncSendsOnlyWhatChanged() {
        List<AgreementStatusView> received = subscribe("AGR-1");

        stored.set(view("AGR-1", 3));
        updates.publish(List.of("AGR-1"));
        // an event that left the view as it was (an incident's: the portal refreshes its banner and history on it)
        updates.publish(List.of("AGR-1"));
        // another node's batches: each is an update too
        updates.publishFromAnotherNode(List.of("AGR-1"));
        stored.set(view("AGR-1", 4));
        updates.publishFromAnotherNode(List.of("AGR-1"));
        // a resync after a reconnect: the view is the one sent last, so nothing is sent
        updates.resync();

        assertThat(received).extracting(AgreementStatusView::version).containsExactly(3L, 3L, 3L, 4L);
    }

    @Test
    void afterAReconnectEveryWatchedAgreementThatChangedIsEmitted() {
        List<AgreementStatusView> received = subscribe("AGR-2");
        stored.set(view("AGR-2", 1));
        updates.publish(List.of("AGR-2"));
        stored.set(view("AGR-2", 2)); // announced while this node was not listening

        updates.resync();

        assertThat(received).extracting(AgreementStatusView::version).containsExactly(1L, 2L);
    }

    private List<AgreementStatusView> subscribe(String agreementId) {
        UpdateHandlerRegistration<Object> registration = emitter.registerUpdateHandler(
                new GenericSubscriptionQueryMessage<>(new FindAgreementStatusQuery(agreementId, null),
                        ResponseTypes.instanceOf(AgreementStatusView.class),
                        ResponseTypes.instanceOf(AgreementStatusView.class)), 16);
        List<AgreementStatusView> received = new ArrayList<>();
        registration.getUpdates().subscribe(update -> received.add((AgreementStatusView) update.getPayload()));
        return received;
    }

    private static AgreementStatusView view(String id, long version) {
        return new AgreementStatusView(id, "t", "b", AgreementStatus.IN_FORCE, version, null, List.of(),
                LocalDate.of(2026, 1, 1), null, 0, null, null, List.of(), "CN-AH", Instant.EPOCH, null, null, null,
                null, null, null, Instant.EPOCH.plusSeconds(version), null);
    }
}
