package org.basinledger.api.emission;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The scheme's authority opens an account for {@code holder} (a registered jurisdiction). */
public record OpenEmissionAccountCommand(@TargetAggregateIdentifier String schemeId, String holder,
                                         String actingJurisdiction) {
}
