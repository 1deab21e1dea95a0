package org.basinledger.api.compliance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.transfer.TransferView;

/**
 * An agreement's compliance record: its assessments (oldest first), obligations, transfers, rulings and a
 * summary. {@code complianceRate} is periodsMet / periodsAssessed to 4 decimals, null before any assessment.
 */
public record ComplianceHistory(String agreementId, List<AssessmentView> assessments,
                                List<AgreementStatusView.ObligationView> obligations, List<TransferView> transfers,
                                List<RulingView> rulings, Summary summary) {

    /** Periods assessed and met (an assessment counts once per section and period). */
    public record Summary(int periodsAssessed, int periodsMet, BigDecimal complianceRate) {
    }

    /** A mediator's ruling on a dispute of the agreement. */
    public record RulingView(String disputeId, String outcome, String reasoning, Instant ruledAt) {
    }
}
