package org.basinledger.command.registry;

import java.util.function.Function;

/**
 * Reads an aggregate root without assuming its class. Jurisdictions and mediators share one cache
 * ({@code registryCache}), keyed by id alone: loading a jurisdiction's id through the mediator repository (or the
 * reverse) hands back the cached root of the other class, and a function typed to the expected class fails on
 * it with a {@link ClassCastException}. A function of {@link Object} checks the class itself instead.
 */
final class AnyAggregateRoot {

    private AnyAggregateRoot() {
    }

    @SuppressWarnings("unchecked")
    static <T, R> Function<T, R> of(Function<Object, R> query) {
        return (Function<T, R>) (Function<?, R>) query;
    }
}
