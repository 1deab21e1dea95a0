package org.basinledger.api.agreement;

import java.util.List;

/** The terms of an agreement: its words, monitoring sections, obligations and compensation rules. */
public record AgreementTerms(String text, List<MonitoringSection> sections, List<ObligationTerm> obligations,
                             List<CompensationRule> compensation) {

    public AgreementTerms {
        sections = sections == null ? List.of() : List.copyOf(sections);
        obligations = obligations == null ? List.of() : List.copyOf(obligations);
        compensation = compensation == null ? List.of() : List.copyOf(compensation);
    }
}
