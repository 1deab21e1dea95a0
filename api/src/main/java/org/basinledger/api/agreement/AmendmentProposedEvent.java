package org.basinledger.api.agreement;

import java.time.LocalDate;
import java.util.List;

/**
 * Amendment {@code number} of an agreement in force was proposed: {@code draft} is the whole amended agreement
 * (what was left out of the proposal copied from the terms it replaces), {@code signatories} every party of the old
 * and of the new list, each of which must sign {@code canonicalDocument} (RFC 8785, its SHA-256 {@code termsHash});
 * the document names the agreement, the number and {@code replacesTermsHash}, the hash of the version it amends.
 */
public record AmendmentProposedEvent(String agreementId, int number, String proposedBy, String reason,
                                     LocalDate validFrom, AgreementDraft draft, List<String> signatories,
                                     String canonicalDocument, String termsHash, String replacesTermsHash)
        implements AgreementEvent {
}
