package org.basinledger.command.registry;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.registry.MediatorRegisteredEvent;
import org.basinledger.api.registry.RegisterMediatorCommand;

/** A registered mediator. Invariant: it has a valid registry id and a non-blank name. */
@Aggregate(cache = "registryCache")
public class Mediator {

    @AggregateIdentifier
    private String mediatorId;

    protected Mediator() {
        // for Axon
    }

    /** Answers the mediator id. */
    @CommandHandler
    public Mediator(RegisterMediatorCommand command) {
        List<FieldError> errors = new ArrayList<>();
        if (!RegistryIds.isValid(command.mediatorId())) {
            errors.add(new FieldError("id", RegistryIds.RULE));
        }
        if (command.name() == null || command.name().isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (command.name().length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        apply(new MediatorRegisteredEvent(command.mediatorId(), command.name().strip()));
    }

    @EventSourcingHandler
    void on(MediatorRegisteredEvent event) {
        mediatorId = event.mediatorId();
    }
}
