package org.basinledger.api.transfer;

/**
 * Answers the {@link MoneyOverTime} of one agreement ({@code agreementId}) or of one jurisdiction across its
 * agreements in force or ended ({@code jurisdictionId}); exactly one of the two is given.
 */
public record FindMoneyOverTimeQuery(String agreementId, String jurisdictionId) {

    public FindMoneyOverTimeQuery {
        if ((agreementId == null) == (jurisdictionId == null)) {
            throw new IllegalArgumentException("give an agreement or a jurisdiction, not both or neither");
        }
    }

    public static FindMoneyOverTimeQuery ofAgreement(String agreementId) {
        return new FindMoneyOverTimeQuery(agreementId, null);
    }

    public static FindMoneyOverTimeQuery ofJurisdiction(String jurisdictionId) {
        return new FindMoneyOverTimeQuery(null, jurisdictionId);
    }
}
