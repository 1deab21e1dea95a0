package org.basinledger.api.registry;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a mediator (a basin authority, a higher-level government) by an id the registrar chooses. */
public record RegisterMediatorCommand(@TargetAggregateIdentifier String mediatorId, String name) {
}
