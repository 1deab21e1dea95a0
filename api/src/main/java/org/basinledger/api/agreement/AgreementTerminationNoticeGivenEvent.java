package org.basinledger.api.agreement;

import java.time.Instant;

/**
 * A party gave notice of termination under terms that ask for notice: the agreement stays as it is (in force, or
 * signed) until {@code effectiveAt} (the start, in basin time, of the day the notice days after the notice), and
 * then is {@code TERMINATED} by the ledger unless the same party withdraws the notice before.
 */
public record AgreementTerminationNoticeGivenEvent(String agreementId, String givenBy, String reason,
                                                   Instant effectiveAt) implements AgreementEvent {
}
