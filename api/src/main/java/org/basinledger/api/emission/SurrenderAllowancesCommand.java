package org.basinledger.api.emission;

import java.math.BigDecimal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A holder ({@code actingJurisdiction}) retires allowances of {@code vintage} (≤ year) against {@code year}. */
public record SurrenderAllowancesCommand(@TargetAggregateIdentifier String schemeId, Integer year, Integer vintage,
                                         BigDecimal quantity, String actingJurisdiction) {
}
