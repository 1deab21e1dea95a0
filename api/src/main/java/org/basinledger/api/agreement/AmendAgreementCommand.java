package org.basinledger.api.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A party replaces the whole draft while the agreement is in {@code DRAFT}. {@code expectedVersion} is the
 * version the party read ({@code If-Match}); a stale one is refused.
 */
public record AmendAgreementCommand(@TargetAggregateIdentifier String agreementId, String actingJurisdiction,
                                    long expectedVersion, AgreementDraft draft) {
}
