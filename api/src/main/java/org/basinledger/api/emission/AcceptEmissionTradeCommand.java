package org.basinledger.api.emission;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The buyer accepts a proposed trade: the allowances move and the price falls due. */
public record AcceptEmissionTradeCommand(@TargetAggregateIdentifier String schemeId, String tradeId,
                                         String actingJurisdiction) {
}
