package org.basinledger.api.emission;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The seller withdraws a trade still {@code PROPOSED}. */
public record CancelEmissionTradeCommand(@TargetAggregateIdentifier String schemeId, String tradeId,
                                         String actingJurisdiction) {
}
