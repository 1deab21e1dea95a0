package org.basinledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.DefaultEventBusSpanFactory;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.tracing.NoOpSpanFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * {@code ledger.event-store.fetch-delay} and {@code ledger.event-store.cached-events} build the event store with that
 * delay and that cache (500 events and Axon's 1 s unset), and refuse nonsense.
 */
class EventStoreSettingsTest {

    @Test
    void theEventStoreWaitsTheSetDelayBeforeAskingAgain() throws Exception {
        EmbeddedEventStore store = new EventStoreSettings().eventStore(new InMemoryEventStorageEngine(), axon(),
                Duration.ofMillis(100), 500);
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
        assertThatThrownBy(() -> new EventStoreSettings().eventStore(new InMemoryEventStorageEngine(), axon(),
                Duration.ZERO, 500)).hasMessageContaining("must be positive");
    }

    @Test
    void anEmptyCacheIsRefused() {
        assertThatThrownBy(() -> new EventStoreSettings().eventStore(new InMemoryEventStorageEngine(), axon(),
                Duration.ofSeconds(1), 0)).hasMessageContaining("at least 1");
    }

    /**
     * The reader keeps at most the set number of the latest events for a tailing processor. Axon's 10,000 kept every
     * one of these 300 events, each with its deserialized payload once a processor had read it (a 512 MB heap full of
     * monitoring samples in a backfill).
     */
    @Test
    void theReaderKeepsNoMoreEventsThanTheSetCache() throws Exception {
        EmbeddedEventStore store = new EventStoreSettings().eventStore(new InMemoryEventStorageEngine(), axon(),
                Duration.ofMillis(10), 20);
        try (BlockingStream<TrackedEventMessage<?>> tail = store.openStream(null)) {
            // the processor has read all there is and now waits for the reader: new events reach it through the cache
            assertThat(tail.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();
            for (int i = 0; i < 300; i++) {
                store.publish(GenericEventMessage.asEventMessage("event " + i));
            }
            for (int read = 0; read < 300; read++) {
                assertThat(tail.hasNextAvailable(5, TimeUnit.SECONDS)).as("event %d arrived", read).isTrue();
                assertThat(tail.nextAvailable().getPayload()).isEqualTo("event " + read);
            }
            assertThat(eventsKeptInMemory(store)).isBetween(1, 21);
        } finally {
            store.shutDown();
        }
    }

    @Test
    void unsetTheCacheHoldsFiveHundredEventsAndTheDelayIsAxonsSecond() {
        new ApplicationContextRunner(() -> {
            AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
            context.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance());
            return context;
        })
                .withUserConfiguration(EventStoreSettings.class)
                .withBean(EventStorageEngine.class, InMemoryEventStorageEngine::new)
                .withBean(org.axonframework.config.Configuration.class, EventStoreSettingsTest::axon)
                .run(context -> {
                    EmbeddedEventStore store = context.getBean(EmbeddedEventStore.class);
                    Object reader = field(store, EmbeddedEventStore.class, "producer");
                    assertThat(field(reader, reader.getClass(), "cachedEvents")).isEqualTo(500);
                    assertThat(field(reader, reader.getClass(), "fetchDelayNanos"))
                            .isEqualTo(Duration.ofSeconds(1).toNanos());
                    store.shutDown();
                });
    }

    private static int eventsKeptInMemory(EmbeddedEventStore store) throws Exception {
        int kept = 0;
        for (Object node = field(store, EmbeddedEventStore.class, "oldest"); node != null;
             node = field(node, node.getClass(), "next")) {
            kept++;
        }
        return kept;
    }

    private static Object field(Object owner, Class<?> type, String name) throws Exception {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
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
