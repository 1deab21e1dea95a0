package org.basinledger.query.compliance;

import java.util.List;

import org.axonframework.queryhandling.QueryHandler;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.compliance.ComplianceHistory;
import org.basinledger.api.compliance.ComplianceHistory.RulingView;
import org.basinledger.api.compliance.FindComplianceHistoryQuery;
import org.basinledger.query.status.AgreementStatusProjection;
import org.basinledger.query.transfer.TransferProjection;
import org.springframework.stereotype.Component;

/**
 * Answers an agreement's compliance history from the read models that hold its parts: assessments and the
 * summary ({@link ComplianceProjection}), obligations (the stored status view), transfers
 * ({@link TransferProjection}) and rulings. It handles no events: it only reads, so it is not a projection and
 * has nothing to reset.
 */
@Component
public class ComplianceHistoryQueries {

    private final AgreementStatusProjection status;
    private final ComplianceProjection compliance;
    private final TransferProjection transfers;

    public ComplianceHistoryQueries(AgreementStatusProjection status, ComplianceProjection compliance,
                                    TransferProjection transfers) {
        this.status = status;
        this.compliance = compliance;
        this.transfers = transfers;
    }

    /** Null when the agreement is unknown; assessments and transfers oldest first. */
    @QueryHandler
    public ComplianceHistory handle(FindComplianceHistoryQuery query) {
        AgreementStatusView view = status.storedView(query.agreementId());
        if (view == null) {
            return null;
        }
        return new ComplianceHistory(query.agreementId(), compliance.assessments(query.agreementId()),
                view.obligations(), transfers.ofAgreement(query.agreementId()), rulings(query.agreementId()),
                compliance.summary(query.agreementId()));
    }

    /**
     * The rulings on the agreement's disputes, oldest first. Empty until the dispute read model exists: the
     * dispute work answers them here from its own projection.
     */
    private List<RulingView> rulings(String agreementId) {
        return List.of();
    }
}
