package org.basinledger.api.compliance;

import java.time.Instant;

import org.basinledger.api.agreement.AgreementEvent;
import org.basinledger.api.common.Money;

/**
 * A {@code FIXED_CONTRIBUTION} rule's yearly amount fell due on the {@code year}-th anniversary of the
 * agreement's {@code effectiveFrom}; {@code transferId} names the transfer the ledger creates for it.
 */
public record FixedContributionFellDueEvent(String agreementId, int ruleIndex, int year, String period,
                                            String payer, String payee, Money amount, Instant dueAt,
                                            String transferId) implements AgreementEvent {
}
