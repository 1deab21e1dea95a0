package org.basinledger.api.incident;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The raising party closes its incident with a summary. */
public record CloseIncidentCommand(@TargetAggregateIdentifier String incidentId, String actingJurisdiction,
                                   String summary) {
}
