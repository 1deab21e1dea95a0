package org.basinledger.api.incident;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A party acknowledges its notice of an incident; after the notice's deadline it is recorded as late. */
public record AcknowledgeIncidentCommand(@TargetAggregateIdentifier String incidentId, String actingJurisdiction,
                                         String note) {
}
