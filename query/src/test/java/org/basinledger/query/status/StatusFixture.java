package org.basinledger.query.status;

import static org.basinledger.query.support.Agreements.draft;
import static org.basinledger.query.support.Events.agreement;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.basinledger.api.agreement.AgreementDraftedEvent;
import org.basinledger.api.agreement.AgreementEnteredIntoForceEvent;
import org.basinledger.api.agreement.AgreementEvent;
import org.basinledger.api.agreement.AgreementFullySignedEvent;
import org.basinledger.api.agreement.AgreementOpenedForSignatureEvent;
import org.basinledger.api.agreement.AgreementSignedEvent;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.query.support.Events;
import org.basinledger.query.support.TestDatabase;

/**
 * Agreements in a given status in the status projection's tables, for the tests of projections that read them
 * (balances count agreements in force; compliance histories take obligations from the status view).
 */
public final class StatusFixture implements AutoCloseable {

    private final EmbeddedEventStore eventStore;
    private final AgreementStatusProjection projection;

    public StatusFixture(TestDatabase db) {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        projection = new AgreementStatusProjection(db.jdbc(), Events.objectMapper(), eventStore);
    }

    public AgreementStatusProjection projection() {
        return projection;
    }

    /** Stores an event of the Agreement aggregate and delivers it to the status projection. */
    public void given(String agreementId, long sequence, AgreementEvent payload, Instant timestamp) {
        DomainEventMessage<Object> message = agreement(agreementId, sequence, payload, timestamp);
        eventStore.publish(message);
        projection.on(payload, message);
    }

    /**
     * Drafts the agreement at {@code at} and takes it to {@code status} (DRAFT, OPEN_FOR_SIGNATURE, SIGNED or
     * IN_FORCE), a second per step; answers the next aggregate sequence.
     */
    public long agreementIn(String id, AgreementStatus status, Instant at, String... parties) {
        long seq = 0;
        given(id, seq++, new AgreementDraftedEvent(id, parties[0], draft("Agreement " + id, "XINAN", parties)), at);
        if (status == AgreementStatus.DRAFT) {
            return seq;
        }
        given(id, seq++, new AgreementOpenedForSignatureEvent(id, parties[0], "{}", "hash-" + id), at.plusSeconds(1));
        if (status == AgreementStatus.OPEN_FOR_SIGNATURE) {
            return seq;
        }
        for (String party : parties) {
            given(id, seq++, new AgreementSignedEvent(id, party, "key-" + party, "pk", "sig", "hash-" + id),
                    at.plusSeconds(2));
        }
        given(id, seq++, new AgreementFullySignedEvent(id, "hash-" + id), at.plusSeconds(2));
        if (status == AgreementStatus.SIGNED) {
            return seq;
        }
        given(id, seq++, new AgreementEnteredIntoForceEvent(id, LocalDate.of(2026, 1, 1)), at.plusSeconds(3));
        return seq;
    }

    @Override
    public void close() {
        eventStore.shutDown();
    }
}
