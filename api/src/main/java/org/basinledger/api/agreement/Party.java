package org.basinledger.api.agreement;

/** A party to an agreement: a registered jurisdiction in a role. */
public record Party(String jurisdictionId, PartyRole role) {
}
