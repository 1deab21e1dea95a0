package org.basinledger.api.agreement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The terms of an agreement: its words, monitoring sections, obligations and compensation rules, optionally its
 * {@code payment} terms (null when the terms set none: transfers then carry no due date), and how it ends.
 * {@code terminationNoticeDays} (null: {@value #DEFAULT_TERMINATION_NOTICE_DAYS}, termination at once) is how many
 * days after a notice of termination it takes effect; {@code reportingGraceDays} (null:
 * {@value #DEFAULT_REPORTING_GRACE_DAYS}) how many days after the agreement ends monitoring reports for periods in
 * force are still accepted. Both from 0 to {@value #MAX_DAYS} when given; left out of the signed document when
 * null, so terms written before they existed keep their hash. {@code emergency}: the emergency-warning duties
 * ({@link EmergencyTerms}), null when the terms set none (no incident can then be raised under them).
 */
public record AgreementTerms(String text, List<MonitoringSection> sections, List<ObligationTerm> obligations,
                             List<CompensationRule> compensation, PaymentTerms payment,
                             Integer terminationNoticeDays, Integer reportingGraceDays, EmergencyTerms emergency) {

    public static final int DEFAULT_TERMINATION_NOTICE_DAYS = 0;
    public static final int DEFAULT_REPORTING_GRACE_DAYS = 90;
    /** The most days of notice or grace terms may set (ten years). */
    public static final int MAX_DAYS = 3650;

    public AgreementTerms {
        // copied, nulls kept: a null entry is bad input the domain names (terms.sections[0]), not a crash here
        sections = copy(sections);
        obligations = copy(obligations);
        compensation = copy(compensation);
    }

    /** Terms without emergency duties. */
    public AgreementTerms(String text, List<MonitoringSection> sections, List<ObligationTerm> obligations,
                          List<CompensationRule> compensation, PaymentTerms payment,
                          Integer terminationNoticeDays, Integer reportingGraceDays) {
        this(text, sections, obligations, compensation, payment, terminationNoticeDays, reportingGraceDays, null);
    }

    /** Terms without payment terms, with the default endings. */
    public AgreementTerms(String text, List<MonitoringSection> sections, List<ObligationTerm> obligations,
                          List<CompensationRule> compensation) {
        this(text, sections, obligations, compensation, null, null, null);
    }

    /** Terms with these payment terms (null: none) and the default endings. */
    public AgreementTerms(String text, List<MonitoringSection> sections, List<ObligationTerm> obligations,
                          List<CompensationRule> compensation, PaymentTerms payment) {
        this(text, sections, obligations, compensation, payment, null, null);
    }

    /** These terms with the given days of notice and of reporting grace (null: the default). */
    public AgreementTerms withEndings(Integer noticeDays, Integer graceDays) {
        return new AgreementTerms(text, sections, obligations, compensation, payment, noticeDays, graceDays,
                emergency);
    }

    /** These terms with these emergency duties (null: none). */
    public AgreementTerms withEmergency(EmergencyTerms duties) {
        return new AgreementTerms(text, sections, obligations, compensation, payment, terminationNoticeDays,
                reportingGraceDays, duties);
    }

    /** The days of notice a termination takes to take effect: 0 when the terms set none. */
    public int noticeDays() {
        return terminationNoticeDays == null ? DEFAULT_TERMINATION_NOTICE_DAYS : terminationNoticeDays;
    }

    /** The days after the end during which reports are accepted: {@value #DEFAULT_REPORTING_GRACE_DAYS} unless set. */
    public int graceDays() {
        return reportingGraceDays == null ? DEFAULT_REPORTING_GRACE_DAYS : reportingGraceDays;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
