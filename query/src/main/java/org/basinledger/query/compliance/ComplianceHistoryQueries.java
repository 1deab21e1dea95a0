package org.basinledger.query.compliance;

import org.axonframework.queryhandling.QueryHandler;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.compliance.ComplianceHistory;
import org.basinledger.api.compliance.FindComplianceHistoryQuery;
import org.basinledger.query.dispute.DisputeProjection;
import org.basinledger.query.status.AgreementStatusProjection;
import org.basinledger.query.transfer.TransferProjection;
import org.springframework.stereotype.Component;

/**
 * Answers an agreement's compliance history from the read models that hold its parts: assessments and the
 * summary ({@link ComplianceProjection}), obligations (the stored status view), transfers
 * ({@link TransferProjection}) and rulings ({@link DisputeProjection}). It handles no events: it only reads, so
 * it is not a projection and has nothing to reset.
 */
@Component
public class ComplianceHistoryQueries {

    private final AgreementStatusProjection status;
    private final ComplianceProjection compliance;
    private final TransferProjection transfers;
    private final DisputeProjection disputes;

    public ComplianceHistoryQueries(AgreementStatusProjection status, ComplianceProjection compliance,
                                    TransferProjection transfers, DisputeProjection disputes) {
        this.status = status;
        this.compliance = compliance;
        this.transfers = transfers;
        this.disputes = disputes;
    }

    /**
     * Null when the agreement is unknown; assessments (those not annulled), transfers and rulings oldest first.
     */
    @QueryHandler
    public ComplianceHistory handle(FindComplianceHistoryQuery query) {
        AgreementStatusView view = status.storedView(query.agreementId());
        if (view == null) {
            return null;
        }
        return new ComplianceHistory(query.agreementId(), compliance.assessments(query.agreementId()),
                view.obligations(), transfers.ofAgreement(query.agreementId()),
                disputes.rulings(query.agreementId()), compliance.summary(query.agreementId()));
    }
}
