package org.basinledger.api.emission;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The scheme's authority blocks ({@code blocked} true) or unblocks an account. */
public record ChangeEmissionAccountStatusCommand(@TargetAggregateIdentifier String schemeId, String holder,
                                                 boolean blocked, String actingJurisdiction) {
}
