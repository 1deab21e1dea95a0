package org.basinledger.command.agreement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementTerms;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.ObligationTerm;
import org.basinledger.api.agreement.Party;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;

/**
 * What makes a draft acceptable, as plain functions: every broken rule is reported with the JSON path of its
 * field (e.g. {@code parties[1].jurisdictionId}), so a party can fix a draft in one round.
 */
public final class AgreementDraftRules {

    static final int MAX_TITLE = 300;
    static final int MAX_BASIN = 200;

    private AgreementDraftRules() {
    }

    /** Throws an {@link InvalidInputException} carrying every broken rule, or returns quietly. */
    public static void validate(AgreementDraft draft, Predicate<String> isRegisteredJurisdiction) {
        List<FieldError> errors = check(draft, isRegisteredJurisdiction);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** Every broken rule of the draft, in field order; empty when the draft is acceptable. */
    public static List<FieldError> check(AgreementDraft draft, Predicate<String> isRegisteredJurisdiction) {
        List<FieldError> errors = new ArrayList<>();
        if (draft == null) {
            errors.add(new FieldError("draft", "is required"));
            return errors;
        }
        requireText(draft.title(), "title", MAX_TITLE, errors);
        requireText(draft.basin(), "basin", MAX_BASIN, errors);
        Set<String> parties = checkParties(draft.parties(), isRegisteredJurisdiction, errors);
        if (draft.effectiveFrom() == null) {
            errors.add(new FieldError("effectiveFrom", "is required"));
        }
        if (draft.effectiveUntil() == null) {
            errors.add(new FieldError("effectiveUntil", "is required"));
        } else if (draft.effectiveFrom() != null && !draft.effectiveFrom().isBefore(draft.effectiveUntil())) {
            errors.add(new FieldError("effectiveUntil", "must be after effectiveFrom"));
        }
        checkTerms(draft.terms(), parties, errors);
        return errors;
    }

    private static Set<String> checkParties(List<Party> parties, Predicate<String> isRegistered, List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        if (parties == null || parties.size() < 2) {
            errors.add(new FieldError("parties", "at least two parties are required"));
        }
        if (parties == null) {
            return seen;
        }
        for (int i = 0; i < parties.size(); i++) {
            Party party = parties.get(i);
            String path = "parties[" + i + "]";
            if (party == null) {
                errors.add(new FieldError(path, "is required"));
                continue;
            }
            String id = party.jurisdictionId();
            if (isBlank(id)) {
                errors.add(new FieldError(path + ".jurisdictionId", "is required"));
            } else if (!seen.add(id)) {
                errors.add(new FieldError(path + ".jurisdictionId", id + " is listed twice"));
            } else if (!isRegistered.test(id)) {
                errors.add(new FieldError(path + ".jurisdictionId", id + " is not a registered jurisdiction"));
            }
            if (party.role() == null) {
                errors.add(new FieldError(path + ".role", "is required"));
            }
        }
        return seen;
    }

    private static void checkTerms(AgreementTerms terms, Set<String> parties, List<FieldError> errors) {
        if (terms == null) {
            errors.add(new FieldError("terms", "is required"));
            return;
        }
        if (isBlank(terms.text())) {
            errors.add(new FieldError("terms.text", "must not be blank"));
        }
        Set<String> sectionIds = checkSections(terms.sections(), parties, errors);
        checkObligations(terms.obligations(), parties, errors);
        checkCompensation(terms.compensation(), sectionIds, parties, errors);
    }

    private static Set<String> checkSections(List<MonitoringSection> sections, Set<String> parties,
                                             List<FieldError> errors) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < sections.size(); i++) {
            MonitoringSection section = sections.get(i);
            String path = "terms.sections[" + i + "]";
            if (section == null) {
                errors.add(new FieldError(path, "is required"));
                continue;
            }
            requireUniqueId(section.id(), path, ids, errors);
            requireParty(section.upstream(), path + ".upstream", parties, errors);
            requireParty(section.downstream(), path + ".downstream", parties, errors);
            if (section.upstream() != null && section.upstream().equals(section.downstream())) {
                errors.add(new FieldError(path + ".downstream", "must differ from upstream"));
            }
        }
        return ids;
    }

    private static void checkObligations(List<ObligationTerm> obligations, Set<String> parties, List<FieldError> errors) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < obligations.size(); i++) {
            ObligationTerm obligation = obligations.get(i);
            String path = "terms.obligations[" + i + "]";
            if (obligation == null) {
                errors.add(new FieldError(path, "is required"));
                continue;
            }
            requireUniqueId(obligation.id(), path, ids, errors);
            requireParty(obligation.party(), path + ".party", parties, errors);
            if (obligation.dueDate() == null) {
                errors.add(new FieldError(path + ".dueDate", "is required"));
            }
        }
    }

    // Only references are checked here; each rule's own parameters are validated by the compensation work.
    private static void checkCompensation(List<CompensationRule> rules, Set<String> sectionIds, Set<String> parties,
                                          List<FieldError> errors) {
        for (int i = 0; i < rules.size(); i++) {
            CompensationRule rule = rules.get(i);
            String path = "terms.compensation[" + i + "]";
            if (rule == null) {
                errors.add(new FieldError(path, "is required"));
                continue;
            }
            if (rule.rule() == null) {
                errors.add(new FieldError(path + ".rule", "is required"));
            }
            if (rule.sectionId() != null && !sectionIds.contains(rule.sectionId())) {
                errors.add(new FieldError(path + ".sectionId", rule.sectionId() + " is not a section of the terms"));
            }
            if (rule.payer() != null) {
                requireParty(rule.payer(), path + ".payer", parties, errors);
            }
            if (rule.payee() != null) {
                requireParty(rule.payee(), path + ".payee", parties, errors);
            }
        }
    }

    private static void requireUniqueId(String id, String path, Set<String> seen, List<FieldError> errors) {
        if (isBlank(id)) {
            errors.add(new FieldError(path + ".id", "is required"));
        } else if (!seen.add(id)) {
            errors.add(new FieldError(path + ".id", id + " is used twice"));
        }
    }

    private static void requireParty(String jurisdictionId, String path, Set<String> parties, List<FieldError> errors) {
        if (isBlank(jurisdictionId)) {
            errors.add(new FieldError(path, "is required"));
        } else if (!parties.contains(jurisdictionId)) {
            errors.add(new FieldError(path, jurisdictionId + " is not a party"));
        }
    }

    private static void requireText(String value, String field, int maxLength, List<FieldError> errors) {
        if (isBlank(value)) {
            errors.add(new FieldError(field, "must not be blank"));
        } else if (value.length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
