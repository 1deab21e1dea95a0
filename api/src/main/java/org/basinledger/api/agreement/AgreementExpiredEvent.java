package org.basinledger.api.agreement;

import java.time.LocalDate;

/** The agreement in force passed its (inclusive) {@code effectiveUntil}: status {@code EXPIRED}. */
public record AgreementExpiredEvent(String agreementId, LocalDate effectiveUntil) implements AgreementEvent {
}
