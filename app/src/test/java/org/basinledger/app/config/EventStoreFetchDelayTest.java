package org.basinledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.reflect.Field;
import java.time.Duration;

import org.axonframework.eventhandling.DefaultEventBusSpanFactory;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.tracing.NoOpSpanFactory;
import org.junit.jupiter.api.Test;

/** {@code ledger.event-store.fetch-delay} builds the event store with that delay, and refuses a delay of nothing. */
class EventStoreFetchDelayTest {

    @Test
    void theEventStoreWaitsTheSetDelayBeforeAskingAgain() throws Exception {
        EmbeddedEventStore store = new EventStoreFetchDelay().eventStore(new InMemoryEventStorageEngine(), axon(),
                Duration.ofMillis(100));
        try {
            // Axon keeps it in the store's event producer, the reader its tracking processors share
            Field producer = EmbeddedEventStore.class.getDeclaredField("producer");
            producer.setAccessible(true);
            Object reader = producer.get(store);
            Field delay = reader.getClass().getDeclaredField("fetchDelayNanos");
            delay.setAccessible(true);
            assertThat(delay.getLong(reader)).isEqualTo(Duration.ofMillis(100).toNanos());
        } finally {
            store.shutDown();
        }
    }

    @Test
    void aDelayOfNothingIsRefused() {
        assertThatThrownBy(() -> new EventStoreFetchDelay().eventStore(new InMemoryEventStorageEngine(), axon(),
                Duration.ZERO)).hasMessageContaining("must be positive");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static org.axonframework.config.Configuration axon() {
        org.axonframework.config.Configuration axon = mock(org.axonframework.config.Configuration.class);
        when(axon.messageMonitor(any(Class.class), anyString())).thenReturn((MessageMonitor) NoOpMessageMonitor.INSTANCE);
        when(axon.getComponent(EventBusSpanFactory.class)).thenReturn(
                DefaultEventBusSpanFactory.builder().spanFactory(NoOpSpanFactory.INSTANCE).build());
        return axon;
    }
}
