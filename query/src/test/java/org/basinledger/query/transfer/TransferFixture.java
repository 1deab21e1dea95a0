package org.basinledger.query.transfer;

import org.axonframework.eventhandling.EventMessage;
import org.basinledger.api.transfer.LateInterestChargedEvent;
import org.basinledger.api.transfer.TransferAcknowledgedEvent;
import org.basinledger.api.transfer.TransferAdjustedEvent;
import org.basinledger.api.transfer.TransferCancelledEvent;
import org.basinledger.api.transfer.TransferCorrectedEvent;
import org.basinledger.api.transfer.TransferCreatedEvent;
import org.basinledger.api.transfer.TransferDisputedEvent;
import org.basinledger.api.transfer.TransferOverdueEvent;
import org.basinledger.api.transfer.TransferPaidEvent;
import org.basinledger.api.transfer.TransferReleasedEvent;
import org.basinledger.api.transfer.TransferSettledEvent;
import org.basinledger.query.support.TestDatabase;

/** Delivers transfer events to a transfer projection as the processor would, for tests of other packages too. */
public final class TransferFixture {

    private final TransferProjection projection;

    public TransferFixture(TestDatabase db) {
        projection = new TransferProjection(db.jdbc());
    }

    public TransferProjection projection() {
        return projection;
    }

    public void deliver(EventMessage<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof TransferCreatedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof TransferAcknowledgedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof TransferPaidEvent e) {
            projection.on(e, message);
        } else if (payload instanceof TransferSettledEvent e) {
            projection.on(e, message);
        } else if (payload instanceof TransferDisputedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof TransferReleasedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof TransferAdjustedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof TransferCancelledEvent e) {
            projection.on(e, message);
        } else if (payload instanceof TransferCorrectedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof TransferOverdueEvent e) {
            projection.on(e, message);
        } else if (payload instanceof LateInterestChargedEvent e) {
            projection.on(e, message);
        } else {
            throw new IllegalArgumentException("not a transfer event: " + payload);
        }
    }
}
