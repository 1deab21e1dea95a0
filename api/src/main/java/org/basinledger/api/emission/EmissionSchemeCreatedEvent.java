package org.basinledger.api.emission;

import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.Money;

/** A scheme was created; {@code pricePerTonne} null: issuance is free. {@code surrenderBy} as {@code --MM-DD}. */
public record EmissionSchemeCreatedEvent(String schemeId, String name, Pollutant pollutant, String authority,
                                         Money pricePerTonne, String surrenderBy, Money penaltyPerTonne)
        implements EmissionEvent {
}
