package org.basinledger.api.compliance;

/** Answers the {@link ComplianceHistory} of an agreement, or {@code null} when the agreement is unknown. */
public record FindComplianceHistoryQuery(String agreementId) {
}
