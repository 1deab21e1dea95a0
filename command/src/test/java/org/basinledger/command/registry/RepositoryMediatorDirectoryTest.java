package org.basinledger.command.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.basinledger.api.registry.JurisdictionLevel;
import org.basinledger.api.registry.JurisdictionRegisteredEvent;
import org.basinledger.api.registry.MediatorRegisteredEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepositoryMediatorDirectoryTest {

    private static final String TBA = "TAIHU-BASIN-AUTHORITY";
    private static final String HUANGSHAN = "CN-AH-HS";

    /** Mediators and jurisdictions share one cache in the ledger ({@code registryCache}). */
    private final Cache registryCache = new WeakReferenceCache();
    private EmbeddedEventStore eventStore;
    private RepositoryMediatorDirectory directory;

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        directory = new RepositoryMediatorDirectory(EventSourcingRepository.builder(Mediator.class)
                .eventStore(eventStore).cache(registryCache).build());
        store("Mediator", TBA, new MediatorRegisteredEvent(TBA, "Taihu Basin Authority"));
        store("Jurisdiction", HUANGSHAN,
                new JurisdictionRegisteredEvent(HUANGSHAN, "Huangshan", JurisdictionLevel.CITY, "CN-AH"));
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    private void store(String type, String aggregateId, Object... payloads) {
        for (int i = 0; i < payloads.length; i++) {
            eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, i, payloads[i]));
        }
    }

    @Test
    void knowsARegisteredMediator() {
        assertThat(directory.exists(TBA)).isTrue();
    }

    @Test
    void doesNotKnowAnUnregisteredMediator() {
        assertThat(directory.exists("YANGTZE-COMMISSION")).isFalse();
        assertThat(directory.exists(null)).isFalse();
        assertThat(directory.exists(" ")).isFalse();
    }

    @Test
    void doesNotTakeAJurisdictionForAMediator() {
        assertThat(directory.exists(HUANGSHAN)).isFalse();
    }

    @Test
    void doesNotTakeACachedJurisdictionForAMediator() {
        RepositoryJurisdictionDirectory jurisdictions = new RepositoryJurisdictionDirectory(
                EventSourcingRepository.builder(Jurisdiction.class).eventStore(eventStore).cache(registryCache).build());
        DefaultUnitOfWork.startAndGet(null).execute(() -> jurisdictions.exists(HUANGSHAN));

        assertThat(directory.exists(HUANGSHAN)).isFalse();
    }

    @Test
    void answersInsideTheUnitOfWorkOfACommand() {
        AtomicBoolean exists = new AtomicBoolean();
        DefaultUnitOfWork.startAndGet(null).execute(() -> exists.set(directory.exists(TBA)));

        assertThat(exists).isTrue();
    }
}
