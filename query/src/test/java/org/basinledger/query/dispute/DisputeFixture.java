package org.basinledger.query.dispute;

import static org.basinledger.query.support.Events.at;
import static org.basinledger.query.support.Events.dispute;

import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.basinledger.api.common.Money;
import org.basinledger.api.dispute.DisputeRaisedEvent;
import org.basinledger.api.dispute.DisputeRuledEvent;
import org.basinledger.api.dispute.DisputeWithdrawnEvent;
import org.basinledger.api.dispute.MediatorAssignedEvent;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.StatementAddedEvent;
import org.basinledger.api.dispute.Subject;
import org.basinledger.query.history.AgreementHistoryProjection;
import org.basinledger.query.support.Events;
import org.basinledger.query.support.TestDatabase;

/**
 * Delivers dispute events to a dispute projection as the processor would (the history projection it reads the
 * related history from gets no events here), for the tests of other packages too.
 */
public final class DisputeFixture {

    private final DisputeProjection projection;

    public DisputeFixture(TestDatabase db) {
        this(db, new AgreementHistoryProjection(db.jdbc(), Events.objectMapper()));
    }

    public DisputeFixture(TestDatabase db, AgreementHistoryProjection history) {
        projection = new DisputeProjection(db.jdbc(), Events.objectMapper(), history);
    }

    public DisputeProjection projection() {
        return projection;
    }

    public void deliver(EventMessage<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof DisputeRaisedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof MediatorAssignedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof StatementAddedEvent e) {
            projection.on(e, message);
        } else if (payload instanceof DisputeRuledEvent e) {
            projection.on(e, message);
        } else if (payload instanceof DisputeWithdrawnEvent e) {
            projection.on(e, message);
        } else {
            throw new IllegalArgumentException("not a dispute event: " + payload);
        }
    }

    /** Raises the dispute at {@code minute}, claimant {@code claimant} against {@code respondent}. */
    public void raised(String disputeId, String agreementId, Subject subject, String claimant, String respondent,
                       int minute) {
        deliver(dispute(disputeId, 0, new DisputeRaisedEvent(disputeId, agreementId, claimant, subject,
                List.of(respondent), "claim " + disputeId), at(minute), claimant));
    }

    /** Assigns the mediator (sequence 1) at {@code minute}. */
    public void assigned(String disputeId, String agreementId, String mediatorId, int minute) {
        deliver(dispute(disputeId, 1, new MediatorAssignedEvent(disputeId, agreementId, mediatorId), at(minute), null));
    }

    /** The mediator rules (at {@code sequence}) at {@code minute}. */
    public void ruled(String disputeId, String agreementId, Subject subject, String mediatorId, long sequence,
                      RulingOutcome outcome, Money adjustedAmount, int minute) {
        deliver(dispute(disputeId, sequence, new DisputeRuledEvent(disputeId, agreementId, subject, mediatorId,
                outcome, "reasoning " + disputeId, adjustedAmount), at(minute), null));
    }

    /** The claimant withdraws (at {@code sequence}) at {@code minute}. */
    public void withdrawn(String disputeId, String agreementId, Subject subject, String claimant, long sequence,
                          int minute) {
        deliver(dispute(disputeId, sequence, new DisputeWithdrawnEvent(disputeId, agreementId, subject, claimant),
                at(minute), claimant));
    }
}
