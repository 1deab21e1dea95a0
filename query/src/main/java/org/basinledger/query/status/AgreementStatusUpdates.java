package org.basinledger.query.status;

import java.util.LinkedHashSet;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.basinledger.api.agreement.AgreementEvent;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.FindAgreementStatusQuery;
import org.basinledger.query.support.Projections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * never during a replay. Subscribers live in this JVM only (Axon's {@code SimpleQueryUpdateEmitter}).
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
@DisallowReplay
public class AgreementStatusUpdates {

    private static final Logger log = LoggerFactory.getLogger(AgreementStatusUpdates.class);
    private static final String CHANGED = AgreementStatusUpdates.class.getName() + ".changed";

    private final AgreementStatusProjection statuses;
    private final QueryUpdateEmitter emitter;

    public AgreementStatusUpdates(AgreementStatusProjection statuses, QueryUpdateEmitter emitter) {
        this.statuses = statuses;
        this.emitter = emitter;
    }

    @EventHandler
    void on(AgreementEvent event) {
        String agreementId = event.agreementId();
        if (agreementId == null) {
            return;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            publish(Set.of(agreementId));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Set<String> changed = unitOfWork.getOrComputeResource(CHANGED, key -> {
            Set<String> ids = new LinkedHashSet<>();
            unitOfWork.afterCommit(u -> publish(ids));
            return ids;
        });
        changed.add(agreementId);
    }

    /** Emits the current view of each agreement that has a subscriber; a failure here never fails the batch. */
    void publish(Set<String> agreementIds) {
        for (String agreementId : agreementIds) {
            try {
                if (!subscribed(agreementId)) {
                    continue;
                }
                AgreementStatusView view = statuses.handle(new FindAgreementStatusQuery(agreementId, null));
                if (view != null) {
                    emitter.emit(FindAgreementStatusQuery.class,
                            q -> q.asOf() == null && agreementId.equals(q.agreementId()), view);
                }
            } catch (RuntimeException e) {
                log.warn("could not publish the new status of agreement {} to its subscribers", agreementId, e);
            }
        }
    }

    private boolean subscribed(String agreementId) {
        return emitter.activeSubscriptions().stream()
                .anyMatch(m -> m.getPayload() instanceof FindAgreementStatusQuery q && q.asOf() == null
                        && agreementId.equals(q.agreementId()));
    }
}
