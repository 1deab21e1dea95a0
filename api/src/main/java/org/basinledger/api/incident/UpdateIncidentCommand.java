package org.basinledger.api.incident;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.basinledger.api.common.Evidence;

/**
 * A party adds an update to an open incident; {@code level} (null: unchanged) other than the current one changes
 * the incident's level and sends new notices with that level's deadline.
 */
public record UpdateIncidentCommand(@TargetAggregateIdentifier String incidentId, String actingJurisdiction,
                                    String text, WarningLevel level, List<Evidence> evidence) {
}
