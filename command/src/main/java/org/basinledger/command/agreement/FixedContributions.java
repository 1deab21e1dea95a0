package org.basinledger.command.agreement;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AssessmentPeriod;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.ReportingPeriod;
import org.basinledger.api.compliance.FixedContributionFellDueEvent;

/**
 * When the {@code FIXED_CONTRIBUTION} rules of an agreement fall due: year {@code n} of a rule on the
 * {@code n}-th anniversary of {@code effectiveFrom} (its start in basin time), for every anniversary up to the
 * end of {@code effectiveUntil} included. Year {@code n} is the period named by the calendar year it begins in
 * ({@code effectiveFrom} 2012-01-01: year 1 is {@code 2012}); a rule with a {@code schedule} pays that period's
 * amount, and nothing in a year its schedule does not name.
 */
final class FixedContributions {

    private FixedContributions() {
    }

    /** A contribution and the instant it falls due. */
    record Scheduled(FixedContributionDue due, Instant dueAt) {
    }

    /** Every contribution of the draft's fixed rules, in the order they fall due (then by rule). */
    static List<Scheduled> schedule(AgreementDraft draft) {
        List<Scheduled> schedule = new ArrayList<>();
        Instant endsAt = LedgerCalendar.endOf(draft.effectiveUntil());
        List<CompensationRule> rules = draft.terms().compensation();
        for (int ruleIndex = 0; ruleIndex < rules.size(); ruleIndex++) {
            if (rules.get(ruleIndex).rule() != CompensationRuleType.FIXED_CONTRIBUTION) {
                continue;
            }
            CompensationRule rule = rules.get(ruleIndex);
            for (int year = 1; !anniversary(draft.effectiveFrom(), year).isAfter(endsAt); year++) {
                if (amountOf(rule, period(draft, year)) != null) {
                    schedule.add(new Scheduled(new FixedContributionDue(ruleIndex, year),
                            anniversary(draft.effectiveFrom(), year)));
                }
            }
        }
        schedule.sort(Comparator.comparing(Scheduled::dueAt).thenComparing(s -> s.due().ruleIndex()));
        return schedule;
    }

    static FixedContributionFellDueEvent fellDue(String agreementId, AgreementDraft draft, FixedContributionDue due) {
        CompensationRule rule = draft.terms().compensation().get(due.ruleIndex());
        String period = period(draft, due.year());
        return new FixedContributionFellDueEvent(agreementId, due.ruleIndex(), due.year(), period, rule.payer(),
                rule.payee(), amountOf(rule, period), anniversary(draft.effectiveFrom(), due.year()),
                transferId(agreementId, due));
    }

    /** The periods of the years of an agreement in force from {@code from} to {@code until}, in order. */
    static List<String> periods(LocalDate from, LocalDate until) {
        List<String> periods = new ArrayList<>();
        Instant endsAt = LedgerCalendar.endOf(until);
        for (int year = 1; !anniversary(from, year).isAfter(endsAt); year++) {
            periods.add(new ReportingPeriod(AssessmentPeriod.YEAR, from.plusYears(year - 1L).getYear(), 0).toString());
        }
        return periods;
    }

    /** The period of the agreement's year {@code year}: the calendar year it begins in, e.g. {@code 2012}. */
    static String period(AgreementDraft draft, int year) {
        int calendarYear = draft.effectiveFrom().plusYears(year - 1L).getYear();
        return new ReportingPeriod(AssessmentPeriod.YEAR, calendarYear, 0).toString();
    }

    /** What the rule pays for the period: its amount, or its schedule's entry for the period (null: none). */
    static Money amountOf(CompensationRule rule, String period) {
        if (rule.schedule() == null) {
            return rule.amount();
        }
        return rule.schedule().stream()
                .filter(entry -> entry != null && period.equals(entry.period()))
                .map(CompensationRule.ScheduledAmount::amount)
                .findFirst()
                .orElse(null);
    }

    /** The id of the transfer a contribution creates: the same for the same contribution, whoever computes it. */
    static String transferId(String agreementId, FixedContributionDue due) {
        String name = "fixed-transfer:" + agreementId + ":" + due.ruleIndex() + ":" + due.year();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Instant anniversary(LocalDate effectiveFrom, int year) {
        return LedgerCalendar.startOf(effectiveFrom.plusYears(year));
    }
}
