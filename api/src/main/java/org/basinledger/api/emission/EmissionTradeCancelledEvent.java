package org.basinledger.api.emission;

public record EmissionTradeCancelledEvent(String schemeId, String tradeId, String seller) implements EmissionEvent {
}
