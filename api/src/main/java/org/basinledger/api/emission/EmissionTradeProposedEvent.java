package org.basinledger.api.emission;

import java.math.BigDecimal;

import org.basinledger.api.common.Money;

public record EmissionTradeProposedEvent(String schemeId, String tradeId, String seller, String buyer, int vintage,
                                         BigDecimal quantity, Money pricePerTonne) implements EmissionEvent {
}
