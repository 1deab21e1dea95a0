package org.basinledger.query.history;

import org.axonframework.eventhandling.EventMessage;
import org.basinledger.api.agreement.AgreementEvent;
import org.basinledger.query.support.Events;
import org.basinledger.query.support.TestDatabase;

/** Delivers agreement events to a history projection as the processor would, for the tests of other packages. */
public final class HistoryFixture {

    private final AgreementHistoryProjection projection;

    public HistoryFixture(TestDatabase db) {
        projection = new AgreementHistoryProjection(db.jdbc(), Events.objectMapper());
    }

    public AgreementHistoryProjection projection() {
        return projection;
    }

    public void deliver(EventMessage<?> message) {
        projection.on((AgreementEvent) message.getPayload(), message);
    }

    public void reset() {
        projection.reset();
    }
}
