package org.basinledger.api.emission;

import java.math.BigDecimal;
import java.time.Instant;

import org.basinledger.api.common.Money;

/** A trade; {@code amount} and {@code transferId} once completed (none for a trade at no price). */
public record EmissionTradeView(String id, String schemeId, String seller, String buyer, int vintage,
                                BigDecimal quantity, Money pricePerTonne, Money amount, String transferId,
                                EmissionTradeStatus status, Instant proposedAt, Instant completedAt,
                                Instant cancelledAt) {
}
