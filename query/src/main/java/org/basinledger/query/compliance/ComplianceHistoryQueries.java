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
     * Null when the agreement is unknown; assessments (those not annulled), transfers and rulings oldest first, the
     * query's page of each, with how many each has.
     */
    @QueryHandler
    public ComplianceHistory handle(FindComplianceHistoryQuery query) {
        String id = query.agreementId();
        AgreementStatusView view = status.storedView(id);
        if (view == null) {
            return null;
        }
        return new ComplianceHistory(id, compliance.assessments(id, query.offset(), query.limit()),
                view.obligations(), transfers.ofAgreement(id, query.offset(), query.limit()),
                disputes.rulings(id, query.offset(), query.limit()), compliance.summary(id),
                new ComplianceHistory.Counts(compliance.countAssessments(id), transfers.countOfAgreement(id),
                        disputes.countRulings(id)));
    }
}
