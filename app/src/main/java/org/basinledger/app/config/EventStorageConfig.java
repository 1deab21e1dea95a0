package org.basinledger.app.config;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store's storage engine: Axon's JDBC engine on the tables Flyway made for the JPA engine
 * ({@code domain_event_entry}, {@code snapshot_event_entry}; same columns, same {@code domain_event_entry_seq} for
 * the global index, which the column now takes by default: V55). It writes a command's events with one JDBC batch
 * in the command's transaction, where the JPA engine persisted and flushed entities through Hibernate (a third of
 * the committer thread's time, growing with every command of a group-commit batch: docs/benchmarks.md).
 *
 * <p>{@code ledger.event-storage=jpa} keeps Axon's JPA engine instead, built here as Axon's auto-configuration builds it
 * ({@code JpaEventStoreAutoConfiguration}, which steps back once the ledger defines its own event store:
 * {@link EventStoreSettings}): both read and write the same rows, so a data directory or database may be switched either way. Duplicate appends (the unique
 * aggregate id and sequence number another node or a stale cache collides on) are recognised by the same
 * {@link PersistenceExceptionResolver} either way: a {@code ConcurrencyException}, or an
 * {@code AggregateStreamCreationException} for a new aggregate's first event.
 */
@Configuration(proxyBeanMethods = false)
public class EventStorageConfig {

    @Bean
    @ConditionalOnProperty(prefix = "ledger", name = "event-storage", havingValue = "jdbc", matchIfMissing = true)
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration axon, DataSource dataSource,
                                          TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(axon.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(axon.snapshotFilter())
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactionManager)
                .schema(SCHEMA)
                .build();
    }

    /** {@code ledger.event-storage=jpa}: Axon's JPA engine and its entities, as its auto-configuration registers them. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "ledger", name = "event-storage", havingValue = "jpa")
    @RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
    static class JpaEngine {

        @Bean
        EventStorageEngine jpaEventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration axon,
                                                 EntityManagerProvider entityManagerProvider,
                                                 TransactionManager transactionManager) {
            return JpaEventStorageEngine.builder()
                    .snapshotSerializer(defaultSerializer)
                    .upcasterChain(axon.upcasterChain())
                    .persistenceExceptionResolver(persistenceExceptionResolver)
                    .eventSerializer(eventSerializer)
                    .snapshotFilter(axon.snapshotFilter())
                    .entityManagerProvider(entityManagerProvider)
                    .transactionManager(transactionManager)
                    .build();
        }
    }

    /** The tables and columns Flyway made (V1) for the JPA engine's entities; Axon's JDBC default is camel case. */
    static final EventSchema SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .timestampColumn("time_stamp")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();
}
