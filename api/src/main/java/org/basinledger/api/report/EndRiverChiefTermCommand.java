package org.basinledger.api.report;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A jurisdiction ends its river chief's term on {@code to} (inclusive). */
public record EndRiverChiefTermCommand(@TargetAggregateIdentifier String jurisdictionId, String chiefId,
                                       String actingJurisdiction, LocalDate to) {
}
