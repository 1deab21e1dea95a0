package org.basinledger.api.compliance;

/**
 * Answers the {@link ComplianceHistory} of an agreement, or {@code null} when the agreement is unknown: of its
 * assessments, transfers and rulings (each oldest first) {@code limit} from {@code offset}, with how many each has.
 */
public record FindComplianceHistoryQuery(String agreementId, long offset, int limit) {

    /** All of them: only where their number is bounded otherwise. */
    public FindComplianceHistoryQuery(String agreementId) {
        this(agreementId, 0, Integer.MAX_VALUE);
    }
}
