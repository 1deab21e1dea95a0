package org.basinledger.api.incident;

/** Incidents newest first, filtered by any of agreement, status and level (null: any); answers an {@link IncidentList}. */
public record ListIncidentsQuery(String agreementId, IncidentStatus status, WarningLevel level, long offset,
                                 int limit) {
}
