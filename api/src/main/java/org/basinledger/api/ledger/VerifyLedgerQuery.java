package org.basinledger.api.ledger;

/** Runs a verification of the whole log against the event store now and answers its {@link VerificationReport}. */
public record VerifyLedgerQuery() {
}
