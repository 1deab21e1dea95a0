package org.basinledger.command.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.EmergencyTerms;
import org.basinledger.api.agreement.PaymentTerms;
import org.basinledger.api.common.Money;
import org.basinledger.command.agreement.AgreementDirectory;

/** Agreements in memory for aggregate fixtures: their status, parties, currency and payment terms. */
public class FakeAgreementDirectory implements AgreementDirectory {

    private final Map<String, AgreementFacts> agreements = new HashMap<>();

    /** An agreement in CNY (as one whose rules name no other currency). */
    public FakeAgreementDirectory put(String agreementId, AgreementStatus status, String... parties) {
        return putInCurrency(agreementId, status, Money.CNY, parties);
    }

    public FakeAgreementDirectory putInCurrency(String agreementId, AgreementStatus status, String currency,
                                                String... parties) {
        agreements.put(agreementId, new AgreementFacts(agreementId, status, Set.of(parties), currency));
        return this;
    }

    /** An agreement in CNY with payment terms. */
    public FakeAgreementDirectory withPayment(String agreementId, AgreementStatus status, PaymentTerms payment,
                                              String... parties) {
        agreements.put(agreementId, new AgreementFacts(agreementId, status, Set.of(parties), Money.CNY, payment));
        return this;
    }

    /** An agreement in CNY with these sections and emergency duties (null: none). */
    public FakeAgreementDirectory withEmergency(String agreementId, AgreementStatus status, Set<String> sections,
                                                EmergencyTerms emergency, String... parties) {
        agreements.put(agreementId, new AgreementFacts(agreementId, status, Set.of(parties), Money.CNY, null,
                sections, emergency));
        return this;
    }

    @Override
    public Optional<AgreementFacts> find(String agreementId) {
        return Optional.ofNullable(agreements.get(agreementId));
    }
}
