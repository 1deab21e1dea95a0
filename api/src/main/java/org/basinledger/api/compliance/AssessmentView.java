package org.basinledger.api.compliance;

import java.time.Instant;

import org.basinledger.api.agreement.CompensationRuleType;

/**
 * An assessment as API.md shows it: inputs, result, and the transfer it created (if any); {@code termsVersion} the
 * version of the agreement's terms it was assessed under (those in effect on the period's first day).
 */
public record AssessmentView(String id, String agreementId, String sectionId, CompensationRuleType rule,
                             String period, AssessmentInputs inputs, AssessmentResult result, String transferId,
                             String assessedBy, Instant assessedAt, int termsVersion) {

    /** An assessment under the terms as first signed (version 0). */
    public AssessmentView(String id, String agreementId, String sectionId, CompensationRuleType rule, String period,
                          AssessmentInputs inputs, AssessmentResult result, String transferId, String assessedBy,
                          Instant assessedAt) {
        this(id, agreementId, sectionId, rule, period, inputs, result, transferId, assessedBy, assessedAt, 0);
    }
}
