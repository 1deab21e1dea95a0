package org.basinledger.command.agreement;

import java.util.Optional;
import java.util.Set;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.EmergencyTerms;
import org.basinledger.api.agreement.PaymentTerms;

/**
 * What command handlers of other aggregates (a transfer) may ask about an agreement: its status, parties,
 * currency, payment terms, sections and emergency duties.
 * Answers come from the {@link Agreement} aggregate itself, never from a projection.
 */
public interface AgreementDirectory {

    /** The agreement's facts; empty when no agreement has this id. */
    Optional<AgreementFacts> find(String agreementId);

    /**
     * An agreement's current status, the jurisdiction ids of its parties, and its currency (that of its
     * compensation rules, {@code CNY} where none names money): every transfer under it is in that currency.
     * {@code payment}: its payment terms, null when it sets none; {@code sections}: the ids of its monitoring
     * sections; {@code emergency}: its emergency-warning duties, null when it sets none.
     */
    record AgreementFacts(String agreementId, AgreementStatus status, Set<String> parties, String currency,
                          PaymentTerms payment, Set<String> sections, EmergencyTerms emergency) {

        public AgreementFacts {
            parties = Set.copyOf(parties);
            sections = sections == null ? Set.of() : Set.copyOf(sections);
        }

        /** An agreement without sections or emergency duties. */
        public AgreementFacts(String agreementId, AgreementStatus status, Set<String> parties, String currency,
                              PaymentTerms payment) {
            this(agreementId, status, parties, currency, payment, Set.of(), null);
        }

        /** An agreement without payment terms. */
        public AgreementFacts(String agreementId, AgreementStatus status, Set<String> parties, String currency) {
            this(agreementId, status, parties, currency, null);
        }

        public boolean hasParty(String jurisdictionId) {
            return jurisdictionId != null && parties.contains(jurisdictionId);
        }
    }
}
