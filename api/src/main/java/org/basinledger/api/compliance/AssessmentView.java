package org.basinledger.api.compliance;

import java.time.Instant;

import org.basinledger.api.agreement.CompensationRuleType;

/** An assessment as API.md shows it: inputs, result, and the transfer it created (if any). */
public record AssessmentView(String id, String agreementId, String sectionId, CompensationRuleType rule,
                             String period, AssessmentInputs inputs, AssessmentResult result, String transferId,
                             String assessedBy, Instant assessedAt) {
}
