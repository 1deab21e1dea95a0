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
import org.basinledger.api.registry.JurisdictionKeyAddedEvent;
import org.basinledger.api.registry.JurisdictionKeyRevokedEvent;
import org.basinledger.api.registry.JurisdictionLevel;
import org.basinledger.api.registry.JurisdictionRegisteredEvent;
import org.basinledger.api.registry.MediatorRegisteredEvent;
import org.basinledger.command.support.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepositoryJurisdictionDirectoryTest {

    private static final String HUANGSHAN = "CN-AH-HS";

    private final TestKeys revokedKey = TestKeys.generate();
    private final TestKeys activeKey = TestKeys.generate();
    private EmbeddedEventStore eventStore;
    private RepositoryJurisdictionDirectory directory;

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        directory = new RepositoryJurisdictionDirectory(
                EventSourcingRepository.builder(Jurisdiction.class).eventStore(eventStore).build());
        store("Jurisdiction", HUANGSHAN,
                new JurisdictionRegisteredEvent(HUANGSHAN, "Huangshan", JurisdictionLevel.CITY, "CN-AH"),
                new JurisdictionKeyAddedEvent(HUANGSHAN, revokedKey.keyId(), revokedKey.publicKeyBase64()),
                new JurisdictionKeyAddedEvent(HUANGSHAN, activeKey.keyId(), activeKey.publicKeyBase64()),
                new JurisdictionKeyRevokedEvent(HUANGSHAN, revokedKey.keyId()));
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
    void knowsARegisteredJurisdiction() {
        assertThat(directory.exists(HUANGSHAN)).isTrue();
    }

    @Test
    void doesNotKnowAnUnregisteredJurisdiction() {
        assertThat(directory.exists("CN-AH-XX")).isFalse();
        assertThat(directory.activeKeys("CN-AH-XX")).isEmpty();
    }

    @Test
    void doesNotTakeAnotherAggregateForAJurisdiction() {
        store("Mediator", "TBA", new MediatorRegisteredEvent("TBA", "Taihu Basin Authority"));

        assertThat(directory.exists("TBA")).isFalse();
    }

    @Test
    void doesNotTakeACachedMediatorForAJurisdiction() {
        // jurisdictions and mediators share one cache in the ledger (registryCache)
        Cache registryCache = new WeakReferenceCache();
        store("Mediator", "TBA", new MediatorRegisteredEvent("TBA", "Taihu Basin Authority"));
        RepositoryMediatorDirectory mediators = new RepositoryMediatorDirectory(
                EventSourcingRepository.builder(Mediator.class).eventStore(eventStore).cache(registryCache).build());
        RepositoryJurisdictionDirectory cachedJurisdictions = new RepositoryJurisdictionDirectory(
                EventSourcingRepository.builder(Jurisdiction.class).eventStore(eventStore).cache(registryCache).build());
        DefaultUnitOfWork.startAndGet(null).execute(() -> mediators.exists("TBA"));

        assertThat(cachedJurisdictions.exists("TBA")).isFalse();
        assertThat(cachedJurisdictions.activeKeys("TBA")).isEmpty();
    }

    @Test
    void listsOnlyUnrevokedKeys() {
        assertThat(directory.activeKeys(HUANGSHAN)).containsExactly(activeKey.signingKey());
    }

    @Test
    void answersInsideTheUnitOfWorkOfACommand() {
        AtomicBoolean exists = new AtomicBoolean();
        DefaultUnitOfWork.startAndGet(null).execute(() -> exists.set(directory.exists(HUANGSHAN)));

        assertThat(exists).isTrue();
    }
}
