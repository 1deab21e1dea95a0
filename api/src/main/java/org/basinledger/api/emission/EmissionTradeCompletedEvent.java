package org.basinledger.api.emission;

import java.math.BigDecimal;

import org.basinledger.api.common.Money;

/**
 * The buyer accepted: {@code quantity} of {@code vintage} moved from seller to buyer, and the buyer owes the seller
 * {@code amount} (quantity × price, rounded once) by the transfer {@code transferId} (null when the price is 0).
 */
public record EmissionTradeCompletedEvent(String schemeId, String tradeId, String seller, String buyer, int vintage,
                                          BigDecimal quantity, Money pricePerTonne, Money amount, String transferId)
        implements EmissionEvent {
}
