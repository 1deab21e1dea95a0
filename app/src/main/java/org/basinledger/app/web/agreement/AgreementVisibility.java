package org.basinledger.app.web.agreement;

import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.FindAgreementStatusQuery;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.app.security.Access;
import org.basinledger.query.status.AgreementStatusProjection;
import org.springframework.stereotype.Component;

/**
 * Who may see what of an agreement: a draft is visible only to its parties and the registrar (and is "not
 * found" for anyone else), also when a rejection has sent a once-public agreement back to draft; once open for
 * signature or later, everyone sees its status. Money and monitoring
 * details are for parties, mediators and the registrar, and public once the agreement has entered into force.
 *
 * <p>The checks read the agreement's stored view ({@link #stored}: its row in the status read model, one indexed
 * row) and nothing else: who may see what depends only on the status, the parties and the dates folded from the
 * agreement's own events, never on the figures an answer computes from other read models (outstanding transfers,
 * last assessment, open disputes, successor). Answers that show the view use {@link #current}. Both read the status
 * projection directly, in this thread, rather than through the query bus (its unit of work, transaction, tracing and
 * monitors cost more than the one-row read itself on every request).
 */
@Component
public class AgreementVisibility {

    private final AgreementStatusProjection statuses;

    public AgreementVisibility(AgreementStatusProjection statuses) {
        this.statuses = statuses;
    }

    /**
     * The agreement's stored view when the caller may see the agreement; 404 otherwise. For access checks only: the
     * view lacks the computed figures ({@link #stored}); an answer that shows the view reads {@link #current}.
     */
    public AgreementStatusView visible(String agreementId, Caller caller) {
        AgreementStatusView view = stored(agreementId);
        if (view == null || !canSee(view, caller)) {
            throw new NotFoundException("no agreement " + agreementId);
        }
        return view;
    }

    /** The current status view as the API shows it (with its computed figures), or null when unknown (no access check). */
    public AgreementStatusView current(String agreementId) {
        return statuses.handle(new FindAgreementStatusQuery(agreementId, null));
    }

    /**
     * The view as the status projection stored it, or null when unknown (no access check): everything folded from the
     * agreement's events, but {@code openDisputes} 0, {@code outstanding}, {@code lastAssessment} and
     * {@code successorId} as stored (not computed): enough for every visibility rule, not for an answer.
     */
    public AgreementStatusView stored(String agreementId) {
        return statuses.storedView(agreementId);
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
