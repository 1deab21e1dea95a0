package org.basinledger.api.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A party ends a signed or in-force agreement: at once ({@code TERMINATED}) when its terms ask for no notice,
 * otherwise by a notice that takes effect {@code terminationNoticeDays} later.
 */
public record TerminateAgreementCommand(@TargetAggregateIdentifier String agreementId, String actingJurisdiction,
                                        String reason) {
}
