package org.basinledger.api.incident;

/**
 * The live incidents, for a subscription: first the open incidents (of one agreement, or all when
 * {@code agreementId} is null) as an {@link IncidentList}, then an {@link IncidentChange} for every change after.
 */
public record WatchIncidentsQuery(String agreementId) {
}
