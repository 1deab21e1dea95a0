package org.basinledger.api.agreement;

/**
 * Answers an {@link AgreementHistoryPage}: the events that concern an agreement, in the order the ledger
 * recorded them, with {@code sequence} greater than {@code after}, at most {@code limit} of them.
 */
public record FindAgreementHistoryQuery(String agreementId, long after, int limit) {
}
