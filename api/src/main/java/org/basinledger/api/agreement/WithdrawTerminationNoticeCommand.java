package org.basinledger.api.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The party that gave notice of termination withdraws it before it takes effect; {@code reason} is optional.
 */
public record WithdrawTerminationNoticeCommand(@TargetAggregateIdentifier String agreementId,
                                               String actingJurisdiction, String reason) {
}
