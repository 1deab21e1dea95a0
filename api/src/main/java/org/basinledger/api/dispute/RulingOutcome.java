package org.basinledger.api.dispute;

/**
 * A mediator's ruling: the claim {@code UPHELD} (the ledger applies what the claim asked for, its {@link Remedy};
 * without one, the subject is wrong: a transfer is cancelled, a report rejected, an assessment annulled so the
 * period can be assessed again), {@code DISMISSED} (the subject stands and is released), {@code ADJUSTED} (a
 * transfer's, or an assessment's transfer's, amount is set anew), or {@code SETTLED_BY_CONSENT} (the parties
 * agreed; the subject is released as it is). A transfer already paid is never paid again: a lower amount or a
 * cancellation is refunded, a higher amount topped up.
 */
public enum RulingOutcome {
    UPHELD, DISMISSED, ADJUSTED, SETTLED_BY_CONSENT
}
