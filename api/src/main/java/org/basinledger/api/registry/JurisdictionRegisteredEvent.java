package org.basinledger.api.registry;

/** A jurisdiction was registered. Its first key follows as a {@link JurisdictionKeyAddedEvent}. */
public record JurisdictionRegisteredEvent(String jurisdictionId, String name, JurisdictionLevel level, String parentId) {
}
