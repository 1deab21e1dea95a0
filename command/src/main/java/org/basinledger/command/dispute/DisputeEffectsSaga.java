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
import org.basinledger.api.common.Money;
import org.basinledger.api.dispute.CloseSubjectDisputeCommand;
import org.basinledger.api.dispute.DisputeRaisedEvent;
import org.basinledger.api.dispute.DisputeRuledEvent;
import org.basinledger.api.dispute.DisputeWithdrawnEvent;
import org.basinledger.api.dispute.OpenSubjectDisputeCommand;
import org.basinledger.api.dispute.Remedy;
import org.basinledger.api.dispute.RemedyType;
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
 * assessment's transfer disputed with it); a claim to adjust an amount must name one in the transfer's currency,
 * and an assessment that owed nothing cannot be claimed adjusted. Ruled: the ruling's remedy
 * ({@link DisputeRuledEvent#remedy()}: what an {@code UPHELD} claim asked for, the adjustment of {@code ADJUSTED})
 * is applied: a transfer is cancelled or adjusted (a paid one refunded or topped up by the transfer itself), or
 * released when the ruling has no remedy; the agreement's subject is closed with the outcome and remedy, and an
 * assessment's transfer is cancelled with an annulled assessment, adjusted, or released. Withdrawn: everything is
 * released.
 * <p>
 * Every effect is a command sent with {@code sendAndWait}: a subject that refuses (another agreement's, already
 * disputed, cancelled) refuses the dispute command itself. That holds because the processing group runs as a
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
    /** What the claim asked for if upheld; null when it named nothing. */
    private Remedy claimedRemedy;

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
        claimedRemedy = event.remedy();
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
            send(new DisputeTransferCommand(relatedTransferId, disputeId, agreementId, claimedAmount()));
        } else if (claimedRemedy != null && claimedRemedy.type() == RemedyType.ADJUST) {
            throw new InvalidInputException("remedy.type", "assessment " + subjectId
                    + " owed nothing: it has no transfer whose amount could be adjusted");
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "disputeId")
    void on(DisputeRuledEvent event) {
        Remedy remedy = remedyOf(event);
        if (subjectType == SubjectType.TRANSFER) {
            settleTransfer(subjectId, remedy);
            return;
        }
        send(new CloseSubjectDisputeCommand(agreementId, disputeId, event.outcome(),
                remedy == null ? null : remedy.type()));
        if (relatedTransferId != null) {
            settleTransfer(relatedTransferId, remedy);
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

    /**
     * The ruling's remedy; for a ruling recorded without one (before remedies existed) what its outcome meant then:
     * {@code UPHELD} the subject's default, {@code ADJUSTED} the adjusted amount.
     */
    private Remedy remedyOf(DisputeRuledEvent ruling) {
        if (ruling.remedy() != null) {
            return ruling.remedy();
        }
        RulingOutcome outcome = ruling.outcome();
        if (outcome == RulingOutcome.ADJUSTED) {
            return new Remedy(RemedyType.ADJUST, ruling.adjustedAmount());
        }
        RemedyType fallback = outcome == RulingOutcome.UPHELD ? RemedyType.defaultFor(subjectType) : null;
        return fallback == null ? null : new Remedy(fallback, null);
    }

    /**
     * Applies the ruling's remedy to a transfer under the dispute: cancelled (with its annulled assessment),
     * adjusted, or released as it was.
     */
    private void settleTransfer(String transferId, Remedy remedy) {
        RemedyType type = remedy == null ? null : remedy.type();
        if (type == RemedyType.CANCEL || type == RemedyType.ANNUL) {
            send(new CancelTransferCommand(transferId, disputeId));
        } else if (type == RemedyType.ADJUST) {
            send(new AdjustTransferCommand(transferId, disputeId, remedy.amount()));
        } else {
            send(new ReleaseTransferCommand(transferId, disputeId));
        }
    }

    /** The amount the claim asks for, when it asks to adjust one. */
    private Money claimedAmount() {
        return claimedRemedy != null && claimedRemedy.type() == RemedyType.ADJUST ? claimedRemedy.amount() : null;
    }

    private void disputeTransfer(String transferId) {
        try {
            send(new DisputeTransferCommand(transferId, disputeId, agreementId, claimedAmount()));
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
