package org.basinledger.api.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A party freezes the draft: its canonical document (RFC 8785) and SHA-256 become what every party signs. */
public record OpenAgreementForSignatureCommand(@TargetAggregateIdentifier String agreementId,
                                               String actingJurisdiction) {
}
