package org.basinledger.query.status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.basinledger.api.agreement.AgreementEvent;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.FindAgreementStatusQuery;
import org.basinledger.query.live.LiveUpdate;
import org.basinledger.query.live.LiveUpdateRelay;
import org.basinledger.query.support.Projections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Feeds the subscription queries on {@link FindAgreementStatusQuery}: after the projections' processor has
 * committed a batch, every agreement that an event of the batch concerns (its own events, and those of its
 * assessments, transfers and disputes, which all are {@link AgreementEvent}s) gets its new status view emitted
 * once to the subscribers of its current (not {@code asOf}) view.
 *
 * <p>It runs in the projections' processing group so that it sees the batch the status, compliance, transfer
 * and dispute projections wrote, and it reads and emits only after the commit: a subscriber that re-reads on an
 * update finds what the update announced. The view is computed only for agreements somebody subscribed to, and
 * never during a replay. Subscribers live in this JVM only (Axon's {@code SimpleQueryUpdateEmitter}): with several
 * nodes on PostgreSQL the batch's agreements are also announced to the other nodes ({@link LiveUpdateRelay}, inside
 * the batch's transaction), which emit to their own subscribers through {@link #publishFromAnotherNode}.
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
@DisallowReplay
public class AgreementStatusUpdates {

    private static final Logger log = LoggerFactory.getLogger(AgreementStatusUpdates.class);
    private static final String CHANGED = AgreementStatusUpdates.class.getName() + ".changed";

    private final AgreementStatusProjection statuses;
    private final QueryUpdateEmitter emitter;
    private final ObjectProvider<LiveUpdateRelay> relay;
    /** The view last emitted here, per agreement watched here: after a reconnect only views that changed are sent. */
    private final Map<String, AgreementStatusView> emitted = new ConcurrentHashMap<>();

    public AgreementStatusUpdates(AgreementStatusProjection statuses, QueryUpdateEmitter emitter,
                                  ObjectProvider<LiveUpdateRelay> relay) {
        this.statuses = statuses;
        this.emitter = emitter;
        this.relay = relay;
    }

    @EventHandler
    void on(AgreementEvent event) {
        String agreementId = event.agreementId();
        if (agreementId == null) {
            return;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            publish(List.of(agreementId));
            return;
        }
        long position = LiveUpdate.positionOf(CurrentUnitOfWork.get());
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Map<String, Long> changed = unitOfWork.getOrComputeResource(CHANGED, key -> {
            Map<String, Long> ids = new LinkedHashMap<>();
            LiveUpdateRelay otherNodes = relay.getIfAvailable();
            if (otherNodes != null) {
                unitOfWork.onPrepareCommit(u -> otherNodes.announce(ids.entrySet().stream()
                        .map(e -> LiveUpdate.status(e.getValue(), e.getKey())).toList()));
            }
            unitOfWork.afterCommit(u -> publish(ids.keySet(), false));
            return ids;
        });
        changed.merge(agreementId, position, Math::max);
    }

    /**
     * Emits the current view of each agreement another node's batch changed to the subscribers of this node, as
     * {@link #publish} does for this node's own batches. Views are read one after the other from committed state, so
     * they never go back in time; two changes read after both committed give the later view twice.
     */
    public void publishFromAnotherNode(Collection<String> agreementIds) {
        publish(agreementIds, false);
    }

    /**
     * After this node may have missed other nodes' announcements (its listener reconnected): emits the current view
     * of every agreement watched here that differs from the one emitted here last.
     */
    public void resync() {
        List<String> watched = new ArrayList<>();
        emitter.activeSubscriptions().forEach(m -> {
            if (m.getPayload() instanceof FindAgreementStatusQuery q && q.asOf() == null
                    && !watched.contains(q.agreementId())) {
                watched.add(q.agreementId());
            }
        });
        publish(watched, true);
    }

    /**
     * Emits the current view of each agreement that has a subscriber; a failure here never fails the batch. Every
     * batch that touched the agreement is an update, also one that left the view as it was (an incident's, a
     * history row's): the portal's agreement page refreshes its history and incident banner on it. With
     * {@code onlyIfChanged} (a resync) a view equal to the one emitted here last is not sent again.
     */
    void publish(Collection<String> agreementIds) {
        publish(agreementIds, false);
    }

    private void publish(Collection<String> agreementIds, boolean onlyIfChanged) {
        for (String agreementId : agreementIds) {
            try {
                if (!subscribed(agreementId)) {
                    emitted.remove(agreementId);
                    continue;
                }
                AgreementStatusView view = statuses.handle(new FindAgreementStatusQuery(agreementId, null));
                if (view != null && !(view.equals(emitted.put(agreementId, view)) && onlyIfChanged)) {
                    emitter.emit(FindAgreementStatusQuery.class,
                            q -> q.asOf() == null && agreementId.equals(q.agreementId()), view);
                }
            } catch (RuntimeException e) {
                log.warn("could not publish the new status of agreement {} to its subscribers", agreementId, e);
            }
        }
        if (!emitted.isEmpty()) {
            emitted.keySet().removeIf(id -> !subscribed(id));
        }
    }

    private boolean subscribed(String agreementId) {
        return emitter.activeSubscriptions().stream()
                .anyMatch(m -> m.getPayload() instanceof FindAgreementStatusQuery q && q.asOf() == null
                        && agreementId.equals(q.agreementId()));
    }
}
