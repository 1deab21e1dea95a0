package org.basinledger.api.registry;

/** Answers every registered jurisdiction as a {@link JurisdictionList}, ordered by id. */
public record ListJurisdictionsQuery() {
}
