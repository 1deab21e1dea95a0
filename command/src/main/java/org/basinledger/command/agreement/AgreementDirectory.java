package org.basinledger.command.agreement;

import java.util.Optional;
import java.util.Set;
import org.basinledger.api.agreement.AgreementStatus;

/**
 * What command handlers of other aggregates (a transfer) may ask about an agreement: its status, parties and
 * currency.
 * Answers come from the {@link Agreement} aggregate itself, never from a projection.
 */
public interface AgreementDirectory {

    /** The agreement's facts; empty when no agreement has this id. */
    Optional<AgreementFacts> find(String agreementId);

    /**
     * An agreement's current status, the jurisdiction ids of its parties, and its currency (that of its
     * compensation rules, {@code CNY} where none names money): every transfer under it is in that currency.
     */
    record AgreementFacts(String agreementId, AgreementStatus status, Set<String> parties, String currency) {

        public AgreementFacts {
            parties = Set.copyOf(parties);
        }

        public boolean hasParty(String jurisdictionId) {
            return jurisdictionId != null && parties.contains(jurisdictionId);
        }
    }
}
