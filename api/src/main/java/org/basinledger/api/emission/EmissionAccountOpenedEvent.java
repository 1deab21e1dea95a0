package org.basinledger.api.emission;

public record EmissionAccountOpenedEvent(String schemeId, String holder) implements EmissionEvent {
}
