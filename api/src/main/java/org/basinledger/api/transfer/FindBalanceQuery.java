package org.basinledger.api.transfer;

/** Answers the {@link JurisdictionBalance} of a jurisdiction over the transfers of agreements in force or ended. */
public record FindBalanceQuery(String jurisdictionId) {
}
