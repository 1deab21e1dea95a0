package org.basinledger.api.registry;

/** Answers the {@link MediatorView} of one mediator, or {@code null} when it is unknown. */
public record FindMediatorQuery(String mediatorId) {
}
