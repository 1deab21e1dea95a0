package org.basinledger.api.registry;

import java.time.Instant;

/** A registered mediator. */
public record MediatorView(String id, String name, Instant registeredAt) {
}
