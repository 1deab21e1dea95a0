package org.basinledger.api.agreement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a party drafts and later signs: title, basin, parties, effective dates (inclusive) and terms, and
 * optionally {@code predecessorId}, the agreement this one continues (the round before it; null for a first
 * round). Drafting and amending carry a whole draft; the canonical form of it is what the parties sign.
 */
public record AgreementDraft(String title, String basin, List<Party> parties, LocalDate effectiveFrom,
                             LocalDate effectiveUntil, AgreementTerms terms, String predecessorId) {

    public AgreementDraft {
        // copied, nulls kept: a null entry is bad input the domain names (parties[1]), not a crash here
        parties = parties == null ? null : Collections.unmodifiableList(new ArrayList<>(parties));
    }

    /** A draft that continues no earlier round. */
    public AgreementDraft(String title, String basin, List<Party> parties, LocalDate effectiveFrom,
                          LocalDate effectiveUntil, AgreementTerms terms) {
        this(title, basin, parties, effectiveFrom, effectiveUntil, terms, null);
    }

    /** Whether the jurisdiction is one of the parties. */
    public boolean hasParty(String jurisdictionId) {
        return parties != null && parties.stream().anyMatch(p -> p.jurisdictionId().equals(jurisdictionId));
    }
}
