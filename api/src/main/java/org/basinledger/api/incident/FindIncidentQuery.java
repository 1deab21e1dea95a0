package org.basinledger.api.incident;

/** One incident; answers an {@link IncidentView}, null when unknown. */
public record FindIncidentQuery(String incidentId) {
}
