package org.basinledger.api.registry;

/** Answers the {@link JurisdictionView} of one jurisdiction, or {@code null} when it is unknown. */
public record FindJurisdictionQuery(String jurisdictionId) {
}
