package org.basinledger.api.agreement;

import java.time.Instant;

/**
 * Answers the {@link AgreementStatusView} of an agreement, or {@code null} when it is unknown. With
 * {@code asOf} the view is the state at that instant (events up to and including it), else the current one.
 * Access is decided by the caller of the query from the view's parties and {@code publicSince}.
 */
public record FindAgreementStatusQuery(String agreementId, Instant asOf) {
}
