package org.basinledger.api.compliance;

import org.basinledger.api.agreement.AgreementEvent;
import org.basinledger.api.agreement.CompensationRuleType;

/**
 * A section was assessed for a period. When money is owed, {@code transferId} names the compensation transfer
 * that follows (created by the ledger from this event); otherwise it is null.
 */
public record AssessmentRecordedEvent(String agreementId, String assessmentId, String assessedBy, String sectionId,
                                      CompensationRuleType rule, String period, AssessmentInputs inputs,
                                      AssessmentResult result, String transferId) implements AgreementEvent {
}
