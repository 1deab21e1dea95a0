package org.basinledger.app.web.dispute;

import org.basinledger.api.common.Caller;
import org.basinledger.api.dispute.DisputeStatus;
import org.basinledger.api.dispute.DisputeSummary;

/**
 * Who sees what of a dispute, in one place for the case file, the dispute list and an agreement's history: the
 * case file (statements and all) is for the dispute's claimant and respondents, its assigned mediator and the
 * registrar; everyone else sees a dispute only once it is ruled, and then its parties, claim, ruling and
 * reasoning, never the statements.
 */
public final class DisputeVisibility {

    /** The history type of a statement: part of the case file only. */
    private static final String STATEMENT = "StatementAdded";

    private DisputeVisibility() {
    }

    public static boolean seesCaseFile(DisputeSummary dispute, Caller caller) {
        return switch (caller.role()) {
            case REGISTRAR -> true;
            case MEDIATOR -> caller.id().equals(dispute.mediatorId());
            case JURISDICTION -> caller.id().equals(dispute.claimant()) || dispute.respondents().contains(caller.id());
            case PUBLIC -> false;
        };
    }

    /** Whether the caller sees the ruled dispute's summary without its case file. */
    public static boolean seesRuling(DisputeSummary dispute, Caller caller) {
        return caller.role() != Caller.Role.MEDIATOR && dispute.status() == DisputeStatus.RULED;
    }

    /** Whether an event of the dispute's own stream, of the given history type, is shown to the caller. */
    public static boolean seesEvent(DisputeSummary dispute, Caller caller, String historyType) {
        return seesCaseFile(dispute, caller) || (seesRuling(dispute, caller) && !STATEMENT.equals(historyType));
    }
}
