package org.basinledger.command.agreement;

import java.util.Optional;
import java.util.Set;
import org.basinledger.api.agreement.AgreementStatus;

/**
 * What command handlers of other aggregates (a transfer) may ask about an agreement: its status and parties.
 * Answers come from the {@link Agreement} aggregate itself, never from a projection.
 */
public interface AgreementDirectory {

    /** The agreement's facts; empty when no agreement has this id. */
    Optional<AgreementFacts> find(String agreementId);

    /** An agreement's current status and the jurisdiction ids of its parties. */
    record AgreementFacts(String agreementId, AgreementStatus status, Set<String> parties) {

        public AgreementFacts {
            parties = Set.copyOf(parties);
        }

        public boolean hasParty(String jurisdictionId) {
            return jurisdictionId != null && parties.contains(jurisdictionId);
        }
    }
}
