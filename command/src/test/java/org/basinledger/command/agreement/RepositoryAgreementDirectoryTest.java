package org.basinledger.command.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.MINISTRY;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.common.Money;
import org.basinledger.api.registry.JurisdictionLevel;
import org.basinledger.api.registry.JurisdictionRegisteredEvent;
import org.basinledger.command.agreement.AgreementDirectory.AgreementFacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepositoryAgreementDirectoryTest {

    private final AgreementScenario scenario = AgreementScenario.compensation();
    private EmbeddedEventStore eventStore;
    private RepositoryAgreementDirectory directory;

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        directory = new RepositoryAgreementDirectory(EventSourcingRepository.builder(Agreement.class)
                .eventStore(eventStore)
                .build());
        store("Agreement", AGREEMENT_ID, scenario.inForce().toArray());
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
    void knowsTheStatusPartiesAndSectionsOfAnAgreement() {
        assertThat(directory.find(AGREEMENT_ID)).contains(
                new AgreementFacts(AGREEMENT_ID, AgreementStatus.IN_FORCE, Set.of(ANHUI, ZHEJIANG, MINISTRY),
                        Money.CNY, null, Set.of("JIEKOU", "QIANDAO-LAKE"), null));
    }

    @Test
    void doesNotKnowAnUnknownAgreement() {
        assertThat(directory.find("AGR-NONE")).isEmpty();
        assertThat(directory.find(null)).isEmpty();
    }

    @Test
    void doesNotTakeAnotherAggregateForAnAgreement() {
        store("Jurisdiction", ANHUI, new JurisdictionRegisteredEvent(ANHUI, "Anhui", JurisdictionLevel.PROVINCE, null));

        assertThat(directory.find(ANHUI)).isEmpty();
    }

    @Test
    void answersInsideTheUnitOfWorkOfACommand() {
        AtomicReference<Optional<AgreementFacts>> found = new AtomicReference<>();
        DefaultUnitOfWork.startAndGet(null).execute(() -> found.set(directory.find(AGREEMENT_ID)));

        assertThat(found.get()).map(AgreementFacts::status).contains(AgreementStatus.IN_FORCE);
    }
}
