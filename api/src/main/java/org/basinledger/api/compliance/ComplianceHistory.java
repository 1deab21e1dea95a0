package org.basinledger.api.compliance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.transfer.TransferView;

/**
 * An agreement's compliance record: its assessments (oldest first), obligations, transfers, rulings and a
 * summary. {@code complianceRate} is periodsMet / periodsAssessed to 4 decimals, null before any assessment. The
 * assessments, transfers and rulings may be one page of each ({@link FindComplianceHistoryQuery}); {@code counts}
 * says how many there are in all.
 */
public record ComplianceHistory(String agreementId, List<AssessmentView> assessments,
                                List<AgreementStatusView.ObligationView> obligations, List<TransferView> transfers,
                                List<RulingView> rulings, Summary summary, Counts counts) {

    /** A whole record: the counts are those of its lists. */
    public ComplianceHistory(String agreementId, List<AssessmentView> assessments,
                             List<AgreementStatusView.ObligationView> obligations, List<TransferView> transfers,
                             List<RulingView> rulings, Summary summary) {
        this(agreementId, assessments, obligations, transfers, rulings, summary,
                new Counts(assessments.size(), transfers.size(), rulings.size()));
    }

    /** How many assessments, transfers and rulings the agreement has in all. */
    public record Counts(long assessments, long transfers, long rulings) {
    }

    /** Periods assessed and met (an assessment counts once per section and period). */
    public record Summary(int periodsAssessed, int periodsMet, BigDecimal complianceRate) {
    }

    /** A mediator's ruling on a dispute of the agreement. */
    public record RulingView(String disputeId, String outcome, String reasoning, Instant ruledAt) {
    }
}
