package org.basinledger.api.emission;

import java.math.BigDecimal;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.basinledger.api.common.Evidence;

/** The authority records a holder's verified emissions of {@code year} (replacing an earlier figure before the deadline). */
public record RecordVerifiedEmissionsCommand(@TargetAggregateIdentifier String schemeId, String holder, Integer year,
                                             BigDecimal quantity, List<Evidence> evidence, String actingJurisdiction) {
}
