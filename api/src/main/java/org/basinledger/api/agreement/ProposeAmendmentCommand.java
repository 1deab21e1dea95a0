package org.basinledger.api.agreement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A party proposes an amendment of an agreement in force: new {@code terms}, a new {@code effectiveUntil} and/or a
 * new list of {@code parties} (the whole list: a party joins or leaves), each null when it stays as it is, applying
 * from {@code validFrom} (today or later in China Standard Time). Answers the amendment's number (1, 2, ...).
 * Not to be confused with {@link AmendAgreementCommand}, which replaces a draft before anyone signs it.
 */
public record ProposeAmendmentCommand(@TargetAggregateIdentifier String agreementId, String actingJurisdiction,
                                      String reason, LocalDate validFrom, AgreementTerms terms,
                                      LocalDate effectiveUntil, List<Party> parties) {

    public ProposeAmendmentCommand {
        parties = parties == null ? null : Collections.unmodifiableList(new ArrayList<>(parties));
    }
}
