package org.basinledger.api.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A party gives notice: a signed or in-force agreement is {@code TERMINATED}. */
public record TerminateAgreementCommand(@TargetAggregateIdentifier String agreementId, String actingJurisdiction,
                                        String reason) {
}
