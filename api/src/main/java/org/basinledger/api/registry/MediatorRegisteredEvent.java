package org.basinledger.api.registry;

/** A mediator was registered. */
public record MediatorRegisteredEvent(String mediatorId, String name) {
}
