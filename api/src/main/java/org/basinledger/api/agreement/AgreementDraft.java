package org.basinledger.api.agreement;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything a party drafts and later signs: title, basin, parties, effective dates (inclusive) and terms.
 * Drafting and amending carry a whole draft; the canonical form of it is what the parties sign.
 */
public record AgreementDraft(String title, String basin, List<Party> parties, LocalDate effectiveFrom,
                             LocalDate effectiveUntil, AgreementTerms terms) {

    public AgreementDraft {
        parties = parties == null ? null : List.copyOf(parties);
    }

    /** Whether the jurisdiction is one of the parties. */
    public boolean hasParty(String jurisdictionId) {
        return parties != null && parties.stream().anyMatch(p -> p.jurisdictionId().equals(jurisdictionId));
    }
}
