package org.basinledger.app.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store as Axon's auto-configuration builds it ({@code AxonAutoConfiguration#eventStore}), with two
 * settings of its reader, the one all tracking processors of this node share:
 * <ul>
 * <li>{@code ledger.event-store.cached-events} (500): how many of the latest events the reader keeps in memory for
 * processors that are a little behind. Axon keeps 10,000, and every processor that read an event leaves it
 * deserialized in that cache: with monitoring reports of ~180 samples, 10,000 of them held ~400 MB, so a
 * backfill through the batch endpoint filled a 512 MB heap after ~10,000 reports and the ledger then spent
 * its time in full collections (docs/benchmarks.md, "Ten years in one H2 file"). A processor further behind than
 * the cache reads from the database instead, in batches, as it does after a restart.</li>
 * <li>{@code ledger.event-store.fetch-delay} (1 s, Axon's): how long the reader waits before asking the database
 * again after it found no new event. A node learns of its own commits at once, but of another node's only by
 * asking, so on several nodes this delay is how long a write through a node that does not hold the
 * {@code projections} segments may wait for the read models (its answer waits for them).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreSettings {

    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration axon,
                                  @Value("${ledger.event-store.fetch-delay:1s}") Duration fetchDelay,
                                  @Value("${ledger.event-store.cached-events:500}") int cachedEvents) {
        if (fetchDelay.isNegative() || fetchDelay.isZero()) {
            throw new IllegalStateException("ledger.event-store.fetch-delay must be positive, not " + fetchDelay);
        }
        if (cachedEvents < 1) {
            throw new IllegalStateException("ledger.event-store.cached-events must be at least 1, not " + cachedEvents);
        }
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .timeUnit(TimeUnit.MILLISECONDS)
                .cachedEvents(cachedEvents)
                .build();
    }
}
