package org.basinledger.api.agreement;

/**
 * Answers the {@link AgreementTermsDocument} of an agreement, or {@code null} when it is unknown or has
 * never been opened for signature.
 */
public record FindAgreementTermsQuery(String agreementId) {
}
