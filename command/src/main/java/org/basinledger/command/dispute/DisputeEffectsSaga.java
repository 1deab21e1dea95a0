package org.basinledger.command.dispute;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.dispute.CloseSubjectDisputeCommand;
import org.basinledger.api.dispute.DisputeRaisedEvent;
import org.basinledger.api.dispute.DisputeRuledEvent;
import org.basinledger.api.dispute.DisputeWithdrawnEvent;
import org.basinledger.api.dispute.OpenSubjectDisputeCommand;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.api.transfer.AdjustTransferCommand;
import org.basinledger.api.transfer.CancelTransferCommand;
import org.basinledger.api.transfer.DisputeTransferCommand;
import org.basinledger.api.transfer.ReleaseTransferCommand;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Carries a dispute's effects to its subject, from its raising to its ruling or withdrawal. Raised: the subject
 * is put under the dispute (a transfer {@code DISPUTED}; the agreement's own subject held, and a disputed
 * assessment's transfer disputed with it). Ruled: a transfer is cancelled ({@code UPHELD}), adjusted
 * ({@code ADJUSTED}) or released; the agreement's subject is closed with the outcome, and an assessment's transfer
 * follows the same ruling. Withdrawn: everything is released.
 * <p>
 * Every effect is a command sent with {@code sendAndWait}: a subject that refuses (another agreement's, already
 * disputed, settled) refuses the dispute command itself. That holds because the processing group runs as a
 * subscribing processor whose handler errors propagate, in the unit of work and transaction of the dispute
 * command. State is kept in fields only, stored with Jackson (field visibility; the gateway is never stored).
 */
@Saga
@ProcessingGroup(DisputeEffectsSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE, setterVisibility = NONE)
public class DisputeEffectsSaga {

    public static final String PROCESSING_GROUP = "dispute-effects";

    @Autowired
    @JsonIgnore
    private transient CommandGateway commandGateway;

    private String disputeId;
    private String agreementId;
    private SubjectType subjectType;
    private String subjectId;
    /** The transfer an assessment under dispute created, disputed along with it; null otherwise. */
    private String relatedTransferId;

    public DisputeEffectsSaga() {
        // for Axon and Jackson
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "disputeId")
    void on(DisputeRaisedEvent event) {
        disputeId = event.disputeId();
        agreementId = event.agreementId();
        subjectType = event.subject().type();
        subjectId = event.subject().id();
        if (subjectType == SubjectType.TRANSFER) {
            disputeTransfer(subjectId);
        } else {
            send(new OpenSubjectDisputeCommand(agreementId, disputeId, event.subject()));
        }
    }

    @SagaEventHandler(associationProperty = "disputeId")
    void on(SubjectDisputedEvent event) {
        if (event.relatedTransferId() != null) {
            relatedTransferId = event.relatedTransferId();
            send(new DisputeTransferCommand(relatedTransferId, disputeId, agreementId));
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "disputeId")
    void on(DisputeRuledEvent event) {
        RulingOutcome outcome = event.outcome();
        if (subjectType == SubjectType.TRANSFER) {
            settleTransfer(subjectId, event);
            return;
        }
        send(new CloseSubjectDisputeCommand(agreementId, disputeId, outcome));
        if (relatedTransferId != null) {
            settleTransfer(relatedTransferId, event);
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "disputeId")
    void on(DisputeWithdrawnEvent event) {
        if (subjectType == SubjectType.TRANSFER) {
            send(new ReleaseTransferCommand(subjectId, disputeId));
            return;
        }
        send(new CloseSubjectDisputeCommand(agreementId, disputeId, null));
        if (relatedTransferId != null) {
            send(new ReleaseTransferCommand(relatedTransferId, disputeId));
        }
    }

    /** Applies the ruling to a transfer under the dispute: cancelled, adjusted, or released as it was. */
    private void settleTransfer(String transferId, DisputeRuledEvent ruling) {
        switch (ruling.outcome()) {
            case UPHELD -> send(new CancelTransferCommand(transferId, disputeId));
            case ADJUSTED -> send(new AdjustTransferCommand(transferId, disputeId, ruling.adjustedAmount()));
            case DISMISSED, SETTLED_BY_CONSENT -> send(new ReleaseTransferCommand(transferId, disputeId));
        }
    }

    private void disputeTransfer(String transferId) {
        try {
            send(new DisputeTransferCommand(transferId, disputeId, agreementId));
        } catch (RuntimeException e) {
            if (isUnknownAggregate(e)) {
                // No transfer has this id (or another kind of aggregate has it): not a transfer of the agreement.
                throw new InvalidInputException("subject.id", "transfer " + transferId + " is not part of agreement "
                        + agreementId);
            }
            throw e;
        }
    }

    private static boolean isUnknownAggregate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateNotFoundException || t instanceof IncompatibleAggregateException) {
                return true;
            }
        }
        return false;
    }

    private void send(Object command) {
        commandGateway.sendAndWait(command);
    }
}
