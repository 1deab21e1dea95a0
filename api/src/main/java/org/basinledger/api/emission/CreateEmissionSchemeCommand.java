package org.basinledger.api.emission;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.Money;

/**
 * The registrar creates an emission scheme: one pollutant's allowances in one area, run by {@code authority} (a
 * registered jurisdiction). {@code pricePerTonne} (optional) makes issuance paid; {@code surrenderBy} is the day of
 * the following year ({@code --MM-DD}) by which a year's verified emissions must be covered by surrendered
 * allowances; {@code penaltyPerTonne} is owed per missing tonne after it.
 */
public record CreateEmissionSchemeCommand(@TargetAggregateIdentifier String schemeId, String name, Pollutant pollutant,
                                          String authority, Money pricePerTonne, String surrenderBy,
                                          Money penaltyPerTonne) {
}
