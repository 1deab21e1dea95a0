package org.basinledger.api.agreement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a party drafts and later signs: title, basin, parties, effective dates (inclusive) and terms.
 * Drafting and amending carry a whole draft; the canonical form of it is what the parties sign.
 */
public record AgreementDraft(String title, String basin, List<Party> parties, LocalDate effectiveFrom,
                             LocalDate effectiveUntil, AgreementTerms terms) {

    public AgreementDraft {
        // copied, nulls kept: a null entry is bad input the domain names (parties[1]), not a crash here
        parties = parties == null ? null : Collections.unmodifiableList(new ArrayList<>(parties));
    }

    /** Whether the jurisdiction is one of the parties. */
    public boolean hasParty(String jurisdictionId) {
        return parties != null && parties.stream().anyMatch(p -> p.jurisdictionId().equals(jurisdictionId));
    }
}
