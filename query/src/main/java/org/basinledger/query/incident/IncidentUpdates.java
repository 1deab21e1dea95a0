package org.basinledger.query.incident;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.basinledger.api.incident.FindIncidentQuery;
import org.basinledger.api.incident.IncidentAcknowledgedEvent;
import org.basinledger.api.incident.IncidentAcknowledgementMissedEvent;
import org.basinledger.api.incident.IncidentChange;
import org.basinledger.api.incident.IncidentChange.Kind;
import org.basinledger.api.incident.IncidentClosedEvent;
import org.basinledger.api.incident.IncidentLevelChangedEvent;
import org.basinledger.api.incident.IncidentRaisedEvent;
import org.basinledger.api.incident.IncidentUpdatedEvent;
import org.basinledger.api.incident.IncidentView;
import org.basinledger.api.incident.WatchIncidentsQuery;
import org.basinledger.query.live.LiveUpdate;
import org.basinledger.query.live.LiveUpdateRelay;
import org.basinledger.query.support.Projections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Feeds the subscriptions on {@link WatchIncidentsQuery}: after the projections' processor has committed a batch,
 * each incident event of the batch becomes an {@link IncidentChange} (with the incident as the projection now holds
 * it) for the subscribers of all incidents or of its agreement, in the order of the events. It runs in the
 * projections' processing group, reads and emits only after the commit, only when somebody subscribed, and never
 * during a replay. Subscribers live in this JVM only (Axon's {@code SimpleQueryUpdateEmitter}): with several nodes on
 * PostgreSQL the batch's changes are also announced to the other nodes ({@link LiveUpdateRelay}, inside the batch's
 * transaction), which emit them to their own subscribers through {@link #publishFromAnotherNode}.
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
@DisallowReplay
public class IncidentUpdates {

    private static final Logger log = LoggerFactory.getLogger(IncidentUpdates.class);
    private static final String CHANGES = IncidentUpdates.class.getName() + ".changes";

    private final IncidentProjection incidents;
    private final QueryUpdateEmitter emitter;
    private final ObjectProvider<LiveUpdateRelay> relay;

    public IncidentUpdates(IncidentProjection incidents, QueryUpdateEmitter emitter,
                           ObjectProvider<LiveUpdateRelay> relay) {
        this.incidents = incidents;
        this.emitter = emitter;
        this.relay = relay;
    }

    /** A change to announce once the batch has committed; {@code position} is its event's global position. */
    record Pending(Kind kind, String incidentId, String agreementId, Integer noticeNumber, String jurisdictionId,
                   long position) {

        Pending(Kind kind, String incidentId, String agreementId, Integer noticeNumber, String jurisdictionId) {
            this(kind, incidentId, agreementId, noticeNumber, jurisdictionId,
                    CurrentUnitOfWork.isStarted() ? LiveUpdate.positionOf(CurrentUnitOfWork.get()) : -1);
        }

        LiveUpdate toLiveUpdate() {
            return LiveUpdate.incident(position, kind, incidentId, agreementId, noticeNumber, jurisdictionId);
        }
    }

    @EventHandler
    void on(IncidentRaisedEvent event) {
        later(new Pending(Kind.RAISED, event.incidentId(), event.agreementId(), null, event.raisedBy()));
    }

    @EventHandler
    void on(IncidentUpdatedEvent event) {
        later(new Pending(Kind.UPDATED, event.incidentId(), event.agreementId(), null, event.author()));
    }

    @EventHandler
    void on(IncidentLevelChangedEvent event) {
        later(new Pending(Kind.LEVEL_CHANGED, event.incidentId(), event.agreementId(), null, event.changedBy()));
    }

    @EventHandler
    void on(IncidentAcknowledgedEvent event) {
        later(new Pending(Kind.ACKNOWLEDGED, event.incidentId(), event.agreementId(), event.noticeNumber(),
                event.jurisdictionId()));
    }

    @EventHandler
    void on(IncidentAcknowledgementMissedEvent event) {
        later(new Pending(Kind.MISSED, event.incidentId(), event.agreementId(), event.noticeNumber(),
                event.jurisdictionId()));
    }

    @EventHandler
    void on(IncidentClosedEvent event) {
        later(new Pending(Kind.CLOSED, event.incidentId(), event.agreementId(), null, event.closedBy()));
    }

    private void later(Pending change) {
        if (!CurrentUnitOfWork.isStarted()) {
            publish(List.of(change));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<Pending> changes = unitOfWork.getOrComputeResource(CHANGES, key -> {
            List<Pending> list = new ArrayList<>();
            LiveUpdateRelay otherNodes = relay.getIfAvailable();
            if (otherNodes != null) {
                unitOfWork.onPrepareCommit(u -> otherNodes.announce(list.stream().map(Pending::toLiveUpdate).toList()));
            }
            unitOfWork.afterCommit(u -> publish(list));
            return list;
        });
        changes.add(change);
    }

    /** Emits each change to its subscribers; a failure here never fails the batch. */
    void publish(List<Pending> changes) {
        if (emitter.activeSubscriptions().stream().noneMatch(m -> m.getPayload() instanceof WatchIncidentsQuery)) {
            return;
        }
        for (Pending change : changes) {
            try {
                IncidentView view = incidents.handle(new FindIncidentQuery(change.incidentId()));
                emitter.emit(WatchIncidentsQuery.class,
                        q -> q.agreementId() == null || q.agreementId().equals(change.agreementId()),
                        new IncidentChange(change.kind(), change.incidentId(), change.agreementId(),
                                change.noticeNumber(), change.jurisdictionId(), view));
            } catch (RuntimeException e) {
                log.warn("could not publish a change of incident {} to its subscribers", change.incidentId(), e);
            }
        }
    }

    /** Emits the incident changes another node's batch made to the subscribers of this node, in their order. */
    public void publishFromAnotherNode(List<LiveUpdate> changes) {
        publish(changes.stream().filter(LiveUpdate::isIncident)
                .map(u -> new Pending(u.incidentChange(), u.incidentId(), u.agreementId(), u.noticeNumber(),
                        u.jurisdictionId(), u.position()))
                .toList());
    }
}
