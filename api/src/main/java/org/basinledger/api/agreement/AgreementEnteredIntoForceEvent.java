package org.basinledger.api.agreement;

import java.time.LocalDate;

/** The signed agreement reached its effective date (or was signed after it): status {@code IN_FORCE}. */
public record AgreementEnteredIntoForceEvent(String agreementId, LocalDate effectiveFrom) implements AgreementEvent {
}
