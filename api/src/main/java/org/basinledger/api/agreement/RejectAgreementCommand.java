package org.basinledger.api.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A party rejects the agreement open for signature: back to {@code DRAFT}, every signature void, reason kept. */
public record RejectAgreementCommand(@TargetAggregateIdentifier String agreementId, String actingJurisdiction,
                                     String reason) {
}
