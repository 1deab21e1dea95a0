package org.basinledger.api.emission;

public record EmissionAccountUnblockedEvent(String schemeId, String holder) implements EmissionEvent {
}
