package org.basinledger.app.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.basinledger.api.common.Actor;
import org.basinledger.api.common.LedgerSteps;
import org.springframework.stereotype.Component;

/**
 * Attributes the ledger's own steps ({@link LedgerSteps}, and every event a deadline applies, such as the
 * termination when a notice takes effect) to the ledger as they are published: the correlation
 * data copies the last command's {@code actor} and {@code actorJurisdiction} onto every event applied in its unit
 * of work, and the scheduling command's onto every event a deadline applies later. Such an event gets
 * {@code actor=ledger} and no jurisdiction; it keeps the request id (and idempotency key) only when a request
 * caused it at once (entering into force on the last signature), not when a deadline ran it later.
 */
@Component
public class LedgerStepAttribution implements MessageDispatchInterceptor<EventMessage<?>> {

    public LedgerStepAttribution(EventBus eventBus) {
        eventBus.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        boolean byDeadline = inDeadline();
        // whatever a deadline applies is the ledger's step too (a notice of termination taking effect)
        return (index, message) -> byDeadline || LedgerSteps.isLedgerStep(message.getPayload())
                ? message.withMetaData(attributed(message.getMetaData(), byDeadline))
                : message;
    }

    static MetaData attributed(MetaData metaData, boolean byDeadline) {
        Map<String, Object> entries = new HashMap<>(metaData);
        entries.put(Actor.ACTOR, Actor.LEDGER);
        entries.remove(Actor.ACTOR_JURISDICTION);
        if (byDeadline) {
            entries.remove(Actor.REQUEST_ID);
            entries.remove(Actor.IDEMPOTENCY_KEY);
        }
        return MetaData.from(entries);
    }

    private static boolean inDeadline() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().root().getMessage() instanceof DeadlineMessage<?>;
    }
}
