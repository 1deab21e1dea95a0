package org.basinledger.api.agreement;

/** Answers amendment {@code number}'s {@link AmendmentTermsDocument}, or {@code null} when there is none. */
public record FindAmendmentTermsQuery(String agreementId, int number) {
}
