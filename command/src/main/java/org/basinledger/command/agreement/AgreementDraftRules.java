package org.basinledger.command.agreement;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementTerms;
import org.basinledger.api.agreement.AssessmentPeriod;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.EmergencyTerms;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.ObligationTerm;
import org.basinledger.api.agreement.Party;
import org.basinledger.api.agreement.PaymentTerms;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.Money;
import org.basinledger.api.incident.WarningLevel;

/**
 * What makes a draft acceptable, as plain functions: every broken rule is reported with the JSON path of its
 * field (e.g. {@code parties[1].jurisdictionId}), so a party can fix a draft in one round.
 */
public final class AgreementDraftRules {

    static final int MAX_TITLE = 300;
    static final int MAX_BASIN = 200;
    /** The largest amount of money a rule or transfer may name: 10^13. */
    public static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(13);
    /** The most decimals of a concentration, weight, coefficient or flow (exact arithmetic needs a bound). */
    public static final int MAX_DECIMALS = 9;
    /** Baselines, targets and the stability coefficient are below this, like every measured value (mg/L). */
    static final BigDecimal MAX_PARAMETER = new BigDecimal("10000");

    /** The earliest date a draft may name: agreements between the basin's governments start after 1949. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1950, 1, 1);
    /** The latest date a draft may name. */
    public static final LocalDate LATEST_DATE = LocalDate.of(2199, 12, 31);
    /** The longest an agreement may be in force: its yearly schedules stay bounded. */
    public static final int MAX_YEARS = 100;
    static final int MAX_PARTIES = 50;
    static final int MAX_SECTIONS = 100;
    static final int MAX_OBLIGATIONS = 1_000;
    static final int MAX_RULES = 50;
    /** The most bands of a water-quality-index rule. */
    static final int MAX_BANDS = 20;
    /** The longest a transfer may wait after falling due before it is late: ten years. */
    public static final int MAX_DUE_DAYS = 3_650;
    /** The highest daily late-interest rate: 1% a day (Chinese tax law charges 0.05%). */
    public static final BigDecimal MAX_DAILY_RATE = new BigDecimal("0.01");
    /** The shortest and longest time terms may give to acknowledge an incident's notice. */
    public static final Duration MIN_ACKNOWLEDGE_WITHIN = Duration.ofSeconds(1);
    public static final Duration MAX_ACKNOWLEDGE_WITHIN = Duration.ofDays(30);

    private AgreementDraftRules() {
    }

    /**
     * The agreement's currency: that of its compensation rules (all share one), {@code CNY} where none names
     * money. A transfer under the agreement is in this currency.
     */
    public static String currency(AgreementTerms terms) {
        if (terms != null && terms.compensation() != null) {
            for (CompensationRule rule : terms.compensation()) {
                List<PathAndMoney> money = moneyOf(rule, "");
                if (!money.isEmpty()) {
                    return money.get(0).money().currency();
                }
            }
        }
        return Money.CNY;
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
        boolean fromInRange = false;
        if (draft.effectiveFrom() == null) {
            errors.add(new FieldError("effectiveFrom", "is required"));
        } else {
            fromInRange = requireDateInRange(draft.effectiveFrom(), "effectiveFrom", errors);
        }
        if (draft.effectiveUntil() == null) {
            errors.add(new FieldError("effectiveUntil", "is required"));
        } else if (requireDateInRange(draft.effectiveUntil(), "effectiveUntil", errors) && fromInRange) {
            if (!draft.effectiveFrom().isBefore(draft.effectiveUntil())) {
                errors.add(new FieldError("effectiveUntil", "must be after effectiveFrom"));
            } else if (draft.effectiveUntil().isAfter(draft.effectiveFrom().plusYears(MAX_YEARS))) {
                errors.add(new FieldError("effectiveUntil", "must be at most " + MAX_YEARS + " years after effectiveFrom"));
            }
        }
        // the periods a fixed contribution's schedule may name: one per year of the agreement, when its dates are sound
        Set<String> years = errors.stream().anyMatch(e -> e.field().startsWith("effective")) ? null
                : new HashSet<>(FixedContributions.periods(draft.effectiveFrom(), draft.effectiveUntil()));
        checkTerms(draft.terms(), parties, years, errors);
        return errors;
    }

    private static Set<String> checkParties(List<Party> parties, Predicate<String> isRegistered, List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        if (parties == null || parties.size() < 2) {
            errors.add(new FieldError("parties", "at least two parties are required"));
        }
        if (parties == null || !requireAtMost(parties, MAX_PARTIES, "parties", errors)) {
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

    private static void checkTerms(AgreementTerms terms, Set<String> parties, Set<String> years,
                                   List<FieldError> errors) {
        if (terms == null) {
            errors.add(new FieldError("terms", "is required"));
            return;
        }
        if (isBlank(terms.text())) {
            errors.add(new FieldError("terms.text", "must not be blank"));
        }
        requireDays(terms.terminationNoticeDays(), "terms.terminationNoticeDays", errors);
        requireDays(terms.reportingGraceDays(), "terms.reportingGraceDays", errors);
        if (!requireAtMost(terms.sections(), MAX_SECTIONS, "terms.sections", errors)
                | !requireAtMost(terms.obligations(), MAX_OBLIGATIONS, "terms.obligations", errors)
                | !requireAtMost(terms.compensation(), MAX_RULES, "terms.compensation", errors)) {
            return;
        }
        Set<String> sectionIds = checkSections(terms.sections(), parties, errors);
        checkObligations(terms.obligations(), parties, errors);
        checkCompensation(terms.compensation(), sectionIds, parties, years, errors);
        checkPayment(terms.payment(), errors);
        checkEmergency(terms, errors);
    }

    /**
     * Emergency duties are optional; when given, each of the four levels needs an ISO-8601 duration from
     * {@link #MIN_ACKNOWLEDGE_WITHIN} to {@link #MAX_ACKNOWLEDGE_WITHIN}, and a penalty, if any, is above 0, at most
     * {@link #MAX_AMOUNT} and in the agreement's currency (a penalty is a transfer under it).
     */
    private static void checkEmergency(AgreementTerms terms, List<FieldError> errors) {
        EmergencyTerms emergency = terms.emergency();
        if (emergency == null) {
            return;
        }
        String path = "terms.emergency.acknowledgeWithin";
        if (emergency.acknowledgeWithin() == null) {
            errors.add(new FieldError(path, "is required: a duration for each of BLUE, YELLOW, ORANGE and RED"));
        } else {
            for (WarningLevel level : WarningLevel.values()) {
                String text = emergency.acknowledgeWithin().get(level);
                Duration within = emergency.within(level);
                if (text == null || text.isBlank()) {
                    errors.add(new FieldError(path + "." + level, "is required"));
                } else if (within == null) {
                    errors.add(new FieldError(path + "." + level, "must be an ISO-8601 duration such as PT2H"));
                } else if (within.compareTo(MIN_ACKNOWLEDGE_WITHIN) < 0
                        || within.compareTo(MAX_ACKNOWLEDGE_WITHIN) > 0) {
                    errors.add(new FieldError(path + "." + level, "must be from " + MIN_ACKNOWLEDGE_WITHIN + " to "
                            + MAX_ACKNOWLEDGE_WITHIN));
                }
            }
        }
        Money penalty = emergency.penaltyForMissedAcknowledgement();
        if (penalty != null) {
            String at = "terms.emergency.penaltyForMissedAcknowledgement";
            if (!penalty.greaterThanZero() || penalty.amount().compareTo(MAX_AMOUNT) > 0) {
                errors.add(new FieldError(at + ".amount", "must be above 0 and at most " + MAX_AMOUNT.toPlainString()));
            }
            if (!Money.isIsoCurrency(penalty.currency())) {
                errors.add(new FieldError(at + ".currency", penalty.currency() + " is not an ISO 4217 currency code"));
            } else if (!penalty.currency().equals(currency(terms))) {
                errors.add(new FieldError(at + ".currency", "must be " + currency(terms)
                        + ", the currency of the agreement"));
            }
        }
    }

    /** Payment terms are optional; when given, {@code dueDays} is required and the rate, if any, bounded. */
    private static void checkPayment(PaymentTerms payment, List<FieldError> errors) {
        if (payment == null) {
            return;
        }
        if (payment.dueDays() == null) {
            errors.add(new FieldError("terms.payment.dueDays", "is required"));
        } else if (payment.dueDays() < 0 || payment.dueDays() > MAX_DUE_DAYS) {
            errors.add(new FieldError("terms.payment.dueDays", "must be between 0 and " + MAX_DUE_DAYS));
        }
        BigDecimal rate = payment.lateInterestDailyRate();
        if (rate != null) {
            String path = "terms.payment.lateInterestDailyRate";
            if (rate.signum() < 0) {
                errors.add(new FieldError(path, "must not be negative"));
            } else if (rate.compareTo(MAX_DAILY_RATE) > 0) {
                errors.add(new FieldError(path, "must be at most " + MAX_DAILY_RATE.toPlainString() + " (1% a day)"));
            } else {
                requireDecimals(rate, path, errors);
            }
        }
    }

    /** Days of notice or grace: left out (the default) or from 0 to {@link AgreementTerms#MAX_DAYS}. */
    private static void requireDays(Integer days, String field, List<FieldError> errors) {
        if (days != null && (days < 0 || days > AgreementTerms.MAX_DAYS)) {
            errors.add(new FieldError(field, "must be from 0 to " + AgreementTerms.MAX_DAYS + " days"));
        }
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
            } else {
                requireDateInRange(obligation.dueDate(), path + ".dueDate", errors);
            }
        }
    }

    private static void checkCompensation(List<CompensationRule> rules, Set<String> sectionIds, Set<String> parties,
                                          Set<String> years, List<FieldError> errors) {
        // section id → period kinds that already have an assessable rule, and which rule it is
        Map<String, Map<AssessmentPeriod, Integer>> assessable = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            CompensationRule rule = rules.get(i);
            String path = "terms.compensation[" + i + "]";
            if (rule == null) {
                errors.add(new FieldError(path, "is required"));
                continue;
            }
            if (rule.rule() == null) {
                errors.add(new FieldError(path + ".rule", "is required"));
                checkReferences(rule, path, sectionIds, parties, errors);
                continue;
            }
            switch (rule.rule()) {
                case WATER_QUALITY_INDEX -> checkWaterQualityIndex(rule, path, sectionIds, errors);
                case EXCEEDANCE_PER_TONNE -> checkExceedancePerTonne(rule, path, sectionIds, errors);
                case FIXED_CONTRIBUTION -> checkFixedContribution(rule, path, parties, years, errors);
            }
            if (rule.rule() != CompensationRuleType.FIXED_CONTRIBUTION && sectionIds.contains(rule.sectionId())
                    && rule.period() != null) {
                Integer earlier = assessable.computeIfAbsent(rule.sectionId(), s -> new EnumMap<>(AssessmentPeriod.class))
                        .putIfAbsent(rule.period(), i);
                if (earlier != null) {
                    errors.add(new FieldError(path, rule.sectionId() + " already has a " + rule.period()
                            + " rule (terms.compensation[" + earlier + "]): one assessable rule per section and period"));
                }
            }
        }
        checkOneCurrency(rules, errors);
    }

    private record PathAndMoney(String path, Money money) {
    }

    /** The money a rule names, each with its path; empty for a rule of unknown kind. */
    private static List<PathAndMoney> moneyOf(CompensationRule rule, String path) {
        List<PathAndMoney> money = new ArrayList<>();
        if (rule == null || rule.rule() == null) {
            return money;
        }
        switch (rule.rule()) {
            case WATER_QUALITY_INDEX -> {
                money.add(new PathAndMoney(path + ".amountIfMet", rule.amountIfMet()));
                money.add(new PathAndMoney(path + ".amountIfNotMet", rule.amountIfNotMet()));
                for (int i = 0; rule.bands() != null && i < rule.bands().size(); i++) {
                    CompensationRule.Band band = rule.bands().get(i);
                    money.add(new PathAndMoney(path + ".bands[" + i + "].amount", band == null ? null : band.amount()));
                }
            }
            case EXCEEDANCE_PER_TONNE -> {
                for (int i = 0; rule.pollutants() != null && i < rule.pollutants().size(); i++) {
                    CompensationRule.PollutantRate rate = rule.pollutants().get(i);
                    money.add(new PathAndMoney(path + ".pollutants[" + i + "].ratePerTonne",
                            rate == null ? null : rate.ratePerTonne()));
                }
            }
            case FIXED_CONTRIBUTION -> {
                money.add(new PathAndMoney(path + ".amount", rule.amount()));
                for (int i = 0; rule.schedule() != null && i < rule.schedule().size(); i++) {
                    CompensationRule.ScheduledAmount entry = rule.schedule().get(i);
                    money.add(new PathAndMoney(path + ".schedule[" + i + "].amount",
                            entry == null ? null : entry.amount()));
                }
            }
        }
        return money.stream().filter(m -> m.money() != null).toList();
    }

    /**
     * Every rule in the currency of the first money named (each rule's own amounts are checked against each other
     * by the rule's check): one agreement, one currency.
     */
    private static void checkOneCurrency(List<CompensationRule> rules, List<FieldError> errors) {
        String currency = null;
        for (int i = 0; i < rules.size(); i++) {
            List<PathAndMoney> money = moneyOf(rules.get(i), "terms.compensation[" + i + "]");
            if (money.isEmpty() || !Money.isIsoCurrency(money.get(0).money().currency())) {
                continue; // a made-up code has its own error
            }
            PathAndMoney first = money.get(0);
            if (currency == null) {
                currency = first.money().currency();
            } else if (!currency.equals(first.money().currency())) {
                errors.add(new FieldError(first.path() + ".currency", "must be " + currency
                        + ", the currency of the agreement's other rules: an agreement's rules share one currency"));
            }
        }
    }

    /** A rule of unknown kind: only what it refers to can be checked. */
    private static void checkReferences(CompensationRule rule, String path, Set<String> sectionIds, Set<String> parties,
                                        List<FieldError> errors) {
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

    private static void checkWaterQualityIndex(CompensationRule rule, String path, Set<String> sectionIds,
                                               List<FieldError> errors) {
        requireSection(rule.sectionId(), path, sectionIds, errors);
        requirePeriod(rule.period(), EnumSet.of(AssessmentPeriod.YEAR, AssessmentPeriod.QUARTER), path, errors);
        if (requirePositive(rule.stabilityCoefficient(), path + ".stabilityCoefficient", errors)) {
            requireParameter(rule.stabilityCoefficient(), path + ".stabilityCoefficient", errors);
        }
        List<CompensationRule.Indicator> indicators = rule.indicators();
        if (indicators == null || indicators.isEmpty()) {
            errors.add(new FieldError(path + ".indicators", "at least one indicator is required"));
        } else {
            Set<Pollutant> seen = EnumSet.noneOf(Pollutant.class);
            BigDecimal weights = BigDecimal.ZERO;
            boolean weightsKnown = true;
            for (int i = 0; i < indicators.size(); i++) {
                CompensationRule.Indicator indicator = indicators.get(i);
                String at = path + ".indicators[" + i + "]";
                if (indicator == null) {
                    errors.add(new FieldError(at, "is required"));
                    weightsKnown = false;
                    continue;
                }
                requireDistinctPollutant(indicator.pollutant(), at + ".pollutant", seen, errors);
                refuseDissolvedOxygen(indicator.pollutant(), at + ".pollutant", "an indicator", errors);
                if (requirePositive(indicator.baseline(), at + ".baseline", errors)) {
                    requireParameter(indicator.baseline(), at + ".baseline", errors);
                }
                boolean weightKnown = requirePositive(indicator.weight(), at + ".weight", errors)
                        && requireDecimals(indicator.weight(), at + ".weight", errors);
                weightsKnown &= weightKnown;
                if (weightKnown) {
                    weights = weights.add(indicator.weight());
                }
            }
            if (weightsKnown && weights.compareTo(BigDecimal.ONE) != 0) {
                errors.add(new FieldError(path + ".indicators", "the weights must sum to exactly 1 (they sum to "
                        + weights.toPlainString() + ")"));
            }
        }
        if (rule.bands() != null) {
            if (rule.amountIfMet() != null || rule.amountIfNotMet() != null) {
                errors.add(new FieldError(path + ".bands", "give either amountIfMet and amountIfNotMet or bands, not both"));
            }
            checkBands(rule.bands(), path + ".bands", errors);
            return;
        }
        requireAmount(rule.amountIfMet(), path + ".amountIfMet", errors);
        requireAmount(rule.amountIfNotMet(), path + ".amountIfNotMet", errors);
        if (rule.amountIfMet() != null && rule.amountIfNotMet() != null
                && !rule.amountIfMet().currency().equals(rule.amountIfNotMet().currency())) {
            errors.add(new FieldError(path + ".amountIfNotMet", "must be in the currency of amountIfMet ("
                    + rule.amountIfMet().currency() + ")"));
        }
    }

    private static void checkExceedancePerTonne(CompensationRule rule, String path, Set<String> sectionIds,
                                                List<FieldError> errors) {
        requireSection(rule.sectionId(), path, sectionIds, errors);
        requirePeriod(rule.period(), EnumSet.of(AssessmentPeriod.MONTH, AssessmentPeriod.QUARTER), path, errors);
        List<CompensationRule.PollutantRate> pollutants = rule.pollutants();
        if (pollutants == null || pollutants.isEmpty()) {
            errors.add(new FieldError(path + ".pollutants", "at least one pollutant is required"));
            return;
        }
        Set<Pollutant> seen = EnumSet.noneOf(Pollutant.class);
        String currency = null;
        for (int i = 0; i < pollutants.size(); i++) {
            CompensationRule.PollutantRate rate = pollutants.get(i);
            String at = path + ".pollutants[" + i + "]";
            if (rate == null) {
                errors.add(new FieldError(at, "is required"));
                continue;
            }
            requireDistinctPollutant(rate.pollutant(), at + ".pollutant", seen, errors);
            refuseDissolvedOxygen(rate.pollutant(), at + ".pollutant", "a pollutant", errors);
            if (rate.target() == null) {
                errors.add(new FieldError(at + ".target", "is required"));
            } else if (rate.target().signum() < 0) {
                errors.add(new FieldError(at + ".target", "must not be negative"));
            } else {
                requireParameter(rate.target(), at + ".target", errors);
            }
            requireAmount(rate.ratePerTonne(), at + ".ratePerTonne", errors);
            if (rate.ratePerTonne() != null) {
                if (currency == null) {
                    currency = rate.ratePerTonne().currency();
                } else if (!currency.equals(rate.ratePerTonne().currency())) {
                    errors.add(new FieldError(at + ".ratePerTonne", "must be in the currency of the other rates ("
                            + currency + ")"));
                }
            }
        }
    }

    /**
     * Bands of P: at least one, each with a payer and an amount (zero: nobody pays), every band but the last with
     * an {@code upTo} (0 or more, rising from band to band, so that each band can match), the last without one; one
     * currency.
     */
    private static void checkBands(List<CompensationRule.Band> bands, String path, List<FieldError> errors) {
        if (bands.isEmpty()) {
            errors.add(new FieldError(path, "at least one band is required"));
            return;
        }
        if (!requireAtMost(bands, MAX_BANDS, path, errors)) {
            return;
        }
        BigDecimal previous = null;
        String currency = null;
        for (int i = 0; i < bands.size(); i++) {
            CompensationRule.Band band = bands.get(i);
            String at = path + "[" + i + "]";
            if (band == null) {
                errors.add(new FieldError(at, "is required"));
                continue;
            }
            boolean last = i == bands.size() - 1;
            if (last && band.upTo() != null) {
                errors.add(new FieldError(at + ".upTo", "the last band takes every index the others do not: it has no"
                        + " upTo"));
            } else if (!last && band.upTo() == null) {
                errors.add(new FieldError(at + ".upTo", "is required in every band but the last"));
            } else if (band.upTo() != null) {
                if (band.upTo().signum() < 0) {
                    errors.add(new FieldError(at + ".upTo", "must not be negative"));
                } else if (previous != null && band.upTo().compareTo(previous) <= 0) {
                    errors.add(new FieldError(at + ".upTo", "must be above the upTo of the band before ("
                            + previous.toPlainString() + "): a band no index could reach is a mistake"));
                } else {
                    requireParameter(band.upTo(), at + ".upTo", errors);
                }
                previous = band.upTo();
            }
            if (band.payer() == null) {
                errors.add(new FieldError(at + ".payer", "is required (UPSTREAM or DOWNSTREAM)"));
            }
            Money amount = band.amount();
            if (amount == null) {
                errors.add(new FieldError(at + ".amount", "is required"));
                continue;
            }
            if (!Money.isIsoCurrency(amount.currency())) {
                errors.add(new FieldError(at + ".amount.currency", amount.currency() + " is not an ISO 4217 currency code"));
            } else if (currency == null) {
                currency = amount.currency();
            } else if (!currency.equals(amount.currency())) {
                errors.add(new FieldError(at + ".amount", "must be in the currency of the other bands (" + currency + ")"));
            }
            if (amount.amount().signum() < 0) {
                errors.add(new FieldError(at + ".amount", "must not be negative"));
            } else if (amount.amount().compareTo(MAX_AMOUNT) > 0) {
                errors.add(new FieldError(at + ".amount", "must be at most " + MAX_AMOUNT.toPlainString()));
            }
        }
    }

    private static void checkFixedContribution(CompensationRule rule, String path, Set<String> parties,
                                               Set<String> years, List<FieldError> errors) {
        requireParty(rule.payer(), path + ".payer", parties, errors);
        requireParty(rule.payee(), path + ".payee", parties, errors);
        if (rule.payer() != null && rule.payer().equals(rule.payee())) {
            errors.add(new FieldError(path + ".payee", "must differ from payer"));
        }
        requirePeriod(rule.period(), EnumSet.of(AssessmentPeriod.YEAR), path, errors);
        if (rule.schedule() == null) {
            requireAmount(rule.amount(), path + ".amount", errors);
            return;
        }
        if (rule.amount() != null) {
            errors.add(new FieldError(path + ".schedule", "give either amount or schedule, not both"));
        }
        checkSchedule(rule.schedule(), path + ".schedule", years, errors);
    }

    /**
     * A schedule names years of the agreement (as periods, {@code 2012}), each at most once, with an amount; one
     * currency. A year it does not name pays nothing.
     */
    private static void checkSchedule(List<CompensationRule.ScheduledAmount> schedule, String path, Set<String> years,
                                      List<FieldError> errors) {
        if (schedule.isEmpty()) {
            errors.add(new FieldError(path, "at least one year is required"));
            return;
        }
        if (!requireAtMost(schedule, MAX_YEARS + 1, path, errors)) {
            return;
        }
        Set<String> seen = new HashSet<>();
        String currency = null;
        for (int i = 0; i < schedule.size(); i++) {
            CompensationRule.ScheduledAmount entry = schedule.get(i);
            String at = path + "[" + i + "]";
            if (entry == null) {
                errors.add(new FieldError(at, "is required"));
                continue;
            }
            if (isBlank(entry.period())) {
                errors.add(new FieldError(at + ".period", "is required"));
            } else if (!seen.add(entry.period())) {
                errors.add(new FieldError(at + ".period", entry.period() + " is listed twice"));
            } else if (years != null && !years.contains(entry.period())) {
                errors.add(new FieldError(at + ".period", entry.period() + " is not a year of the agreement (its years"
                        + " are the periods its contributions fall due for, written like 2025)"));
            }
            requireAmount(entry.amount(), at + ".amount", errors);
            if (entry.amount() != null && Money.isIsoCurrency(entry.amount().currency())) {
                if (currency == null) {
                    currency = entry.amount().currency();
                } else if (!currency.equals(entry.amount().currency())) {
                    errors.add(new FieldError(at + ".amount", "must be in the currency of the other years (" + currency
                            + ")"));
                }
            }
        }
    }

    private static void requireSection(String sectionId, String path, Set<String> sectionIds, List<FieldError> errors) {
        if (isBlank(sectionId)) {
            errors.add(new FieldError(path + ".sectionId", "is required"));
        } else if (!sectionIds.contains(sectionId)) {
            errors.add(new FieldError(path + ".sectionId", sectionId + " is not a section of the terms"));
        }
    }

    private static void requirePeriod(AssessmentPeriod period, Set<AssessmentPeriod> allowed, String path,
                                      List<FieldError> errors) {
        if (period == null || !allowed.contains(period)) {
            errors.add(new FieldError(path + ".period", "must be " + allowed.stream().map(Enum::name)
                    .collect(java.util.stream.Collectors.joining(" or ")) + " for this rule"));
        }
    }

    private static void requireDistinctPollutant(Pollutant pollutant, String path, Set<Pollutant> seen,
                                                 List<FieldError> errors) {
        if (pollutant == null) {
            errors.add(new FieldError(path, "is required"));
        } else if (!seen.add(pollutant)) {
            errors.add(new FieldError(path, pollutant + " is listed twice"));
        }
    }

    /** Dissolved oxygen is better when higher: it counts for the water class, never in a formula (DOMAIN.md). */
    private static void refuseDissolvedOxygen(Pollutant pollutant, String path, String what, List<FieldError> errors) {
        if (pollutant == Pollutant.DO) {
            errors.add(new FieldError(path, "DO (dissolved oxygen) is better when higher and cannot be " + what
                    + " of this rule"));
        }
    }

    /** Adds an error unless the value is below 10,000 with at most 9 decimals. */
    private static void requireParameter(BigDecimal value, String path, List<FieldError> errors) {
        if (value.compareTo(MAX_PARAMETER) >= 0) {
            errors.add(new FieldError(path, "must be below " + MAX_PARAMETER.toPlainString()));
        } else {
            requireDecimals(value, path, errors);
        }
    }

    /** Adds an error when the value has more than {@value #MAX_DECIMALS} decimals; answers whether it has not. */
    static boolean requireDecimals(BigDecimal value, String path, List<FieldError> errors) {
        if (value.stripTrailingZeros().scale() > MAX_DECIMALS) {
            errors.add(new FieldError(path, "must have at most " + MAX_DECIMALS + " decimals"));
            return false;
        }
        return true;
    }

    /** Adds an error unless the value is present and positive; answers whether it was. */
    private static boolean requirePositive(BigDecimal value, String path, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(path, "is required"));
            return false;
        }
        if (value.signum() <= 0) {
            errors.add(new FieldError(path, "must be greater than 0"));
            return false;
        }
        return true;
    }

    private static void requireAmount(Money money, String path, List<FieldError> errors) {
        if (money == null) {
            errors.add(new FieldError(path, "is required"));
            return;
        }
        if (!Money.isIsoCurrency(money.currency())) {
            errors.add(new FieldError(path + ".currency", money.currency() + " is not an ISO 4217 currency code"));
        }
        if (money.amount().signum() <= 0) {
            errors.add(new FieldError(path, "must be greater than 0"));
        } else if (money.amount().compareTo(MAX_AMOUNT) > 0) {
            errors.add(new FieldError(path, "must be at most " + MAX_AMOUNT.toPlainString()));
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

    /** Whether the date lies within {@link #EARLIEST_DATE} and {@link #LATEST_DATE}; reports it when not. */
    private static boolean requireDateInRange(LocalDate date, String field, List<FieldError> errors) {
        if (date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE)) {
            errors.add(new FieldError(field, "must be between " + EARLIEST_DATE + " and " + LATEST_DATE));
            return false;
        }
        return true;
    }

    private static boolean requireAtMost(List<?> list, int max, String field, List<FieldError> errors) {
        if (list != null && list.size() > max) {
            errors.add(new FieldError(field, "must have at most " + max + " entries"));
            return false;
        }
        return true;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
