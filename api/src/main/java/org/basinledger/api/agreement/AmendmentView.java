package org.basinledger.api.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.basinledger.api.agreement.AmendmentTookEffectEvent.AmendmentSignature;

/**
 * An amendment as API.md lists it ({@code number, status, reason, validFrom, termsHash, signatures, adoptedAt}),
 * with who proposed it and when, the hash of the version it replaces, who must sign it (every party of the old and
 * the new list), when it took effect (null until it has) and, when rejected, by whom, why and when.
 */
public record AmendmentView(int number, AmendmentStatus status, String reason, LocalDate validFrom,
                            String termsHash, List<AmendmentSignature> signatures, Instant adoptedAt,
                            String proposedBy, Instant proposedAt, String replacesTermsHash,
                            List<String> signatories, Instant inEffectAt, String rejectedBy,
                            String rejectionReason, Instant rejectedAt) {

    /** Whether the jurisdiction is one of those who sign it. */
    public boolean hasSignatory(String jurisdictionId) {
        return signatories != null && signatories.contains(jurisdictionId);
    }
}
