package org.basinledger.api.emission;

import java.math.BigDecimal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.basinledger.api.common.Money;

/** The seller ({@code actingJurisdiction}) proposes to sell {@code quantity} of {@code vintage}. Answers the trade id. */
public record ProposeEmissionTradeCommand(@TargetAggregateIdentifier String schemeId, String buyer, Integer vintage,
                                          BigDecimal quantity, Money pricePerTonne, String actingJurisdiction) {
}
