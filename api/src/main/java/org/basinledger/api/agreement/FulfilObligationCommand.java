package org.basinledger.api.agreement;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.basinledger.api.common.Evidence;

/** The obligated party records that it fulfilled an obligation of an agreement in force, with evidence. */
public record FulfilObligationCommand(@TargetAggregateIdentifier String agreementId, String obligationId,
                                      String actingJurisdiction, List<Evidence> evidence, String note) {
}
