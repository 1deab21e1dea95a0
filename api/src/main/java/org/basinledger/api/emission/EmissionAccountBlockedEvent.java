package org.basinledger.api.emission;

public record EmissionAccountBlockedEvent(String schemeId, String holder) implements EmissionEvent {
}
