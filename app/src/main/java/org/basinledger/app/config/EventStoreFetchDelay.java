package org.basinledger.app.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code ledger.event-store.fetch-delay}: how long the event store's reader waits before asking the database again
 * after it found no new event. A node learns of its own commits at once, but of another node's only by asking, so
 * on several nodes this delay is how long a write through a node that does not hold the {@code projections}
 * segments may wait for the read models (its answer waits for them). Unset, Axon's default event store is used
 * (one second); set, the same event store with this delay (each idle node then queries the store that often).
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreFetchDelay {

    @Bean
    @ConditionalOnProperty(name = "ledger.event-store.fetch-delay")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration axon,
                                  @Value("${ledger.event-store.fetch-delay}") Duration fetchDelay) {
        if (fetchDelay.isNegative() || fetchDelay.isZero()) {
            throw new IllegalStateException("ledger.event-store.fetch-delay must be positive, not " + fetchDelay);
        }
        // as Axon's auto-configuration builds it (AxonAutoConfiguration#eventStore), with the delay
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .timeUnit(TimeUnit.MILLISECONDS)
                .build();
    }
}
