package org.basinledger.api.common;

import java.util.Set;

import org.basinledger.api.agreement.AgreementEnteredIntoForceEvent;
import org.basinledger.api.agreement.AgreementExpiredEvent;
import org.basinledger.api.agreement.AmendmentTookEffectEvent;
import org.basinledger.api.agreement.ObligationOverdueEvent;
import org.basinledger.api.compliance.FixedContributionFellDueEvent;
import org.basinledger.api.incident.IncidentAcknowledgementMissedEvent;

/**
 * The steps the ledger takes by itself because a date came (entering into force, expiry, an obligation overdue,
 * a fixed contribution falling due, an incident's notice missed, an adopted amendment taking effect): they are the ledger's ({@link Actor#LEDGER}), whichever command or deadline
 * made the aggregate take them, never the party that sent the last command.
 */
public final class LedgerSteps {

    private static final Set<Class<?>> STEPS = Set.of(AgreementEnteredIntoForceEvent.class,
            AgreementExpiredEvent.class, ObligationOverdueEvent.class, FixedContributionFellDueEvent.class,
            IncidentAcknowledgementMissedEvent.class, AmendmentTookEffectEvent.class);

    private LedgerSteps() {
    }

    /** Whether this event is a step the ledger takes by itself. */
    public static boolean isLedgerStep(Object event) {
        return event != null && STEPS.contains(event.getClass());
    }
}
