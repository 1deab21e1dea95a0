package org.basinledger.api.compliance;

import org.basinledger.api.agreement.AgreementEvent;
import org.basinledger.api.agreement.CompensationRuleType;

/**
 * A section was assessed for a period. When money is owed, {@code transferId} names the compensation transfer
 * that follows (created by the ledger from this event); otherwise it is null. {@code termsVersion} is the version
 * of the terms the period was assessed under (those in effect on its first day: 0 the original, {@code n} after
 * amendment {@code n}); null in assessments recorded before agreements could be amended (all of them version 0).
 */
public record AssessmentRecordedEvent(String agreementId, String assessmentId, String assessedBy, String sectionId,
                                      CompensationRuleType rule, String period, AssessmentInputs inputs,
                                      AssessmentResult result, String transferId, Integer termsVersion)
        implements AgreementEvent {

    /** An assessment under the original terms (version 0). */
    public AssessmentRecordedEvent(String agreementId, String assessmentId, String assessedBy, String sectionId,
                                   CompensationRuleType rule, String period, AssessmentInputs inputs,
                                   AssessmentResult result, String transferId) {
        this(agreementId, assessmentId, assessedBy, sectionId, rule, period, inputs, result, transferId, 0);
    }
}
