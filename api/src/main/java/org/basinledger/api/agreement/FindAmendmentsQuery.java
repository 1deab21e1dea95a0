package org.basinledger.api.agreement;

/** Answers the {@link AmendmentList} of an agreement (empty when it has none or is unknown). */
public record FindAmendmentsQuery(String agreementId) {
}
