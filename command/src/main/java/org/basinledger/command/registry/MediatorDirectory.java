package org.basinledger.command.registry;

/**
 * What command handlers may ask of the registry about mediators: whether one is registered. Answers come from
 * the registry's own {@link Mediator} aggregates, never from a projection.
 */
public interface MediatorDirectory {

    /** Whether a mediator with this id is registered; false for a blank id or another kind of registry entry. */
    boolean exists(String mediatorId);
}
