package org.basinledger.api.incident;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.basinledger.api.common.Evidence;

/**
 * A party raises an incident at a section of an agreement in force: every other party gets a notice with the
 * deadline the agreement's emergency terms give for {@code level}. {@code pollutant} is optional free text.
 */
public record RaiseIncidentCommand(@TargetAggregateIdentifier String incidentId, String agreementId,
                                   String actingJurisdiction, String sectionId, WarningLevel level, String pollutant,
                                   String description, Instant detectedAt, List<Evidence> evidence) {
}
