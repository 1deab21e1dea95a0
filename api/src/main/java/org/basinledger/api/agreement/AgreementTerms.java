package org.basinledger.api.agreement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The terms of an agreement: its words, monitoring sections, obligations and compensation rules, and optionally
 * its {@code payment} terms (null when the terms set none: transfers then carry no due date).
 */
public record AgreementTerms(String text, List<MonitoringSection> sections, List<ObligationTerm> obligations,
                             List<CompensationRule> compensation, PaymentTerms payment) {

    public AgreementTerms {
        // copied, nulls kept: a null entry is bad input the domain names (terms.sections[0]), not a crash here
        sections = copy(sections);
        obligations = copy(obligations);
        compensation = copy(compensation);
    }

    /** Terms without payment terms. */
    public AgreementTerms(String text, List<MonitoringSection> sections, List<ObligationTerm> obligations,
                          List<CompensationRule> compensation) {
        this(text, sections, obligations, compensation, null);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
