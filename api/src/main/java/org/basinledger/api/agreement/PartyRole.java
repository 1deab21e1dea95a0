package org.basinledger.api.agreement;

/** The part a jurisdiction plays in an agreement; compensation rules look up payer and payee by role. */
public enum PartyRole {
    UPSTREAM, DOWNSTREAM, LEFT_BANK, RIGHT_BANK, MEMBER, FUNDER
}
