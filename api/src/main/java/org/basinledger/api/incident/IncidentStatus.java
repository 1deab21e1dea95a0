package org.basinledger.api.incident;

/** An incident is {@code OPEN} from when it is raised until the raising party closes it ({@code CLOSED}). */
public enum IncidentStatus {
    OPEN, CLOSED
}
