package org.basinledger.app.web.agreement;

import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.FindAgreementStatusQuery;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.app.security.Access;
import org.springframework.stereotype.Component;

/**
 * Who may see what of an agreement: a draft is visible only to its parties and the registrar (and is "not
 * found" for anyone else), also when a rejection has sent a once-public agreement back to draft; once open for
 * signature or later, everyone sees its status. Money and monitoring
 * details are for parties, mediators and the registrar, and public once the agreement has entered into force.
 */
@Component
public class AgreementVisibility {

    private final QueryGateway queries;

    public AgreementVisibility(QueryGateway queries) {
        this.queries = queries;
    }

    /** The current status view when the caller may see the agreement; 404 otherwise. */
    public AgreementStatusView visible(String agreementId, Caller caller) {
        AgreementStatusView view = current(agreementId);
        if (view == null || !canSee(view, caller)) {
            throw new NotFoundException("no agreement " + agreementId);
        }
        return view;
    }

    /** The current status view, or null when unknown (no access check). */
    public AgreementStatusView current(String agreementId) {
        return queries.query(new FindAgreementStatusQuery(agreementId, null), AgreementStatusView.class).join();
    }

    public static boolean canSee(AgreementStatusView view, Caller caller) {
        return caller.role() == Caller.Role.REGISTRAR
                || (caller.role() == Caller.Role.JURISDICTION && view.hasParty(caller.id()))
                // a draft is private, also when a rejection sent a once-public agreement back to it
                || (view.publicSince() != null && view.status() != AgreementStatus.DRAFT);
    }

    /** Whether the caller may read the agreement's transfers, reports and assessments. */
    public static boolean canSeeDetails(AgreementStatusView view, Caller caller) {
        return switch (caller.role()) {
            case REGISTRAR, MEDIATOR -> true;
            case JURISDICTION -> view.hasParty(caller.id()) || view.inForceAt() != null;
            case PUBLIC -> view.inForceAt() != null;
        };
    }

    /** The agreement's details for the caller: 404 when it may not see the agreement, 401/403 when not its details. */
    public AgreementStatusView withDetails(String agreementId, Caller caller) {
        AgreementStatusView view = visible(agreementId, caller);
        if (!canSeeDetails(view, caller)) {
            Access.requireAuthenticated(caller);
            throw new NotPermittedException("the details of agreement " + agreementId
                    + " are for its parties until it is in force");
        }
        return view;
    }

    /** Whether the agreement is one the caller can act on as a party. */
    public static boolean isParty(AgreementStatusView view, Caller caller) {
        return caller.role() == Caller.Role.JURISDICTION && view.hasParty(caller.id());
    }
}
