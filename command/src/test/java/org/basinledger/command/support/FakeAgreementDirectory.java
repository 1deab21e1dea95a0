package org.basinledger.command.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.command.agreement.AgreementDirectory;

/** Agreements in memory for aggregate fixtures: their status and parties. */
public class FakeAgreementDirectory implements AgreementDirectory {

    private final Map<String, AgreementFacts> agreements = new HashMap<>();

    public FakeAgreementDirectory put(String agreementId, AgreementStatus status, String... parties) {
        agreements.put(agreementId, new AgreementFacts(agreementId, status, Set.of(parties)));
        return this;
    }

    @Override
    public Optional<AgreementFacts> find(String agreementId) {
        return Optional.ofNullable(agreements.get(agreementId));
    }
}
