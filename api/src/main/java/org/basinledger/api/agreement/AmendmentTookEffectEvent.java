package org.basinledger.api.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Adopted amendment {@code number} took effect as {@code validFrom} began (or when it was adopted, if that was
 * later the same day): from now on {@code draft} is the agreement in force (its parties act on it), its terms
 * version is {@code number} and its terms hash {@code termsHash}. {@code signatures} say who signed it, with which
 * key and when.
 */
public record AmendmentTookEffectEvent(String agreementId, int number, String termsHash, LocalDate validFrom,
                                       AgreementDraft draft, List<AmendmentSignature> signatures)
        implements AgreementEvent {

    /** A signature of the amendment: who, with which key, when. */
    public record AmendmentSignature(String jurisdictionId, String keyId, Instant signedAt) {
    }
}
