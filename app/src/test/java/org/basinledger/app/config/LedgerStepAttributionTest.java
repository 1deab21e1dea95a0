package org.basinledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.basinledger.api.agreement.AgreementSignedEvent;
import org.basinledger.api.agreement.AgreementTerminatedEvent;
import org.basinledger.api.agreement.ObligationOverdueEvent;
import org.basinledger.api.common.Actor;
import org.junit.jupiter.api.Test;

/** The ledger's own steps are published as the ledger's, whatever the unit of work's correlation data says. */
class LedgerStepAttributionTest {

    private static final MetaData SENDER = MetaData.from(Map.of(Actor.ACTOR, "jurisdiction:CN-ZJ-HZ",
            Actor.ACTOR_JURISDICTION, "CN-ZJ-HZ", Actor.REQUEST_ID, "req-1", Actor.IDEMPOTENCY_KEY, "key-1",
            "correlationId", "corr-1"));
    private static final ObligationOverdueEvent OVERDUE =
            new ObligationOverdueEvent("AG-1", "OB-1", "CN-AH-HS", LocalDate.of(2025, 3, 31));

    private final SimpleEventBus eventBus = SimpleEventBus.builder().build();
    private final List<EventMessage<?>> published = new ArrayList<>();

    LedgerStepAttributionTest() {
        new LedgerStepAttribution(eventBus);
        eventBus.subscribe(published::addAll);
    }

    private MetaData publishedIn(Message<?> cause, Object event) {
        DefaultUnitOfWork.startAndGet(cause).execute(() -> eventBus.publish(new GenericEventMessage<>(event, SENDER)));
        return published.get(published.size() - 1).getMetaData();
    }

    @Test
    void aStepTakenWhileHandlingARequestIsTheLedgersInAnswerToThatRequest() {
        MetaData metaData = publishedIn(GenericCommandMessage.asCommandMessage("sign"), OVERDUE);

        assertThat(metaData).containsEntry(Actor.ACTOR, Actor.LEDGER).doesNotContainKey(Actor.ACTOR_JURISDICTION)
                .containsEntry(Actor.REQUEST_ID, "req-1").containsEntry(Actor.IDEMPOTENCY_KEY, "key-1")
                .containsEntry("correlationId", "corr-1");
    }

    @Test
    void aStepTakenWhenADeadlineRanAnswersNoRequest() {
        MetaData metaData = publishedIn(GenericDeadlineMessage.asDeadlineMessage("obligation-due", "OB-1",
                java.time.Instant.parse("2025-04-01T00:00:00Z")), OVERDUE);

        assertThat(metaData).containsEntry(Actor.ACTOR, Actor.LEDGER).doesNotContainKeys(Actor.ACTOR_JURISDICTION,
                Actor.REQUEST_ID, Actor.IDEMPOTENCY_KEY).containsEntry("correlationId", "corr-1");
    }

    @Test
    void whateverADeadlineAppliesIsTheLedgersStep() {
        MetaData metaData = publishedIn(GenericDeadlineMessage.asDeadlineMessage("agreement-termination-takes-effect",
                "2025-04-08T16:00:00Z", java.time.Instant.parse("2025-04-08T16:00:00Z")),
                new AgreementTerminatedEvent("AG-1", "CN-ZJ-HZ", "round 2"));

        assertThat(metaData).containsEntry(Actor.ACTOR, Actor.LEDGER).doesNotContainKeys(Actor.ACTOR_JURISDICTION,
                Actor.REQUEST_ID, Actor.IDEMPOTENCY_KEY);
    }

    @Test
    void aTerminationAPartySentKeepsItsSender() {
        MetaData metaData = publishedIn(GenericCommandMessage.asCommandMessage("terminate"),
                new AgreementTerminatedEvent("AG-1", "CN-ZJ-HZ", "round 2"));

        assertThat(metaData).isEqualTo(SENDER);
    }

    @Test
    void anEventAPartyCausedKeepsItsSender() {
        MetaData metaData = publishedIn(GenericCommandMessage.asCommandMessage("sign"),
                new AgreementSignedEvent("AG-1", "CN-ZJ-HZ", "K-1", "pk", "sig", "hash"));

        assertThat(metaData).isEqualTo(SENDER);
    }
}
