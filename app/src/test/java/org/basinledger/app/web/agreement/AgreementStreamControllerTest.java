package org.basinledger.app.web.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.DefaultSubscriptionQueryResult;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.common.Caller;
import org.basinledger.app.web.StreamLimits;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.mock.web.MockHttpServletRequest;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** A stream client that stops reading holds a bounded number of updates, the latest, never a growing backlog. */
class AgreementStreamControllerTest {

    static final int UPDATES = 1_000;

    @Test
    @SuppressWarnings("unchecked")
    void aClientThatNeverReadsKeepsOnlyTheLatestUpdatesAndTheDroppedAreCounted() {
        // the query side pushes updates as they happen, whether or not the client reads
        Sinks.Many<AgreementStatusView> updates = Sinks.many().unicast().onBackpressureBuffer();
        AgreementStatusView initial = view(0);
        QueryGateway queries = mock(QueryGateway.class);
        when(queries.subscriptionQuery(anyString(), any(), any(ResponseType.class), any(ResponseType.class), anyInt()))
                .thenReturn(new DefaultSubscriptionQueryResult<>(Mono.just(initial), updates.asFlux(), () -> true));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StreamLimits limits = new StreamLimits(8, 500);
        AgreementStreamController controller = new AgreementStreamController(queries,
                mock(AgreementVisibility.class), limits, meters);

        List<Long> received = new CopyOnWriteArrayList<>();
        Reader client = new Reader(received);
        controller.stream("AG-1", Caller.REGISTRAR, new MockHttpServletRequest()).subscribe(client);
        for (long version = 1; version <= UPDATES; version++) {
            updates.tryEmitNext(view(version));
        }
        assertThat(received).as("read nothing after the first").containsExactly(0L);
        double dropped = meters.counter(AgreementStreamController.DROPPED).count();
        assertThat(dropped).as("all but a bounded number dropped").isGreaterThanOrEqualTo(UPDATES - 64);

        client.readAll();
        updates.tryEmitComplete();
        assertThat(received).as("what was kept: the latest, in order").endsWith((long) UPDATES).isSorted();
        assertThat(received.size() - 1).as("every update was either kept or counted as dropped")
                .isEqualTo(UPDATES - (int) dropped);
        assertThat(limits.open()).as("the stream's place is freed when it ends").isZero();
    }

    private static AgreementStatusView view(long version) {
        AgreementStatusView view = mock(AgreementStatusView.class);
        when(view.version()).thenReturn(version);
        return view;
    }

    /** A client that reads the first event, then nothing until told to read everything. */
    private static final class Reader extends BaseSubscriber<ServerSentEvent<AgreementStatusView>> {

        private final List<Long> received;

        Reader(List<Long> received) {
            this.received = received;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(1);
        }

        @Override
        protected void hookOnNext(ServerSentEvent<AgreementStatusView> event) {
            if (event.data() != null) {
                received.add(event.data().version());
            }
        }

        void readAll() {
            request(Long.MAX_VALUE);
        }
    }
}
