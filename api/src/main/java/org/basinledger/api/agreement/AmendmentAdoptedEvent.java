package org.basinledger.api.agreement;

import java.time.LocalDate;

/**
 * Every signatory signed amendment {@code number}: it is adopted, and its terms are in effect from the start of
 * {@code validFrom} (China Standard Time), when {@link AmendmentTookEffectEvent} follows.
 */
public record AmendmentAdoptedEvent(String agreementId, int number, String termsHash, LocalDate validFrom)
        implements AgreementEvent {
}
