package org.basinledger.api.emission;

import java.math.BigDecimal;

/** Allowances retired for good against {@code year}; {@code late}: after that year's deadline (still owed). */
public record AllowancesSurrenderedEvent(String schemeId, String holder, int year, int vintage, BigDecimal quantity,
                                         boolean late) implements EmissionEvent {
}
