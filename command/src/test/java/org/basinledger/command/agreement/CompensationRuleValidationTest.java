package org.basinledger.command.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.EXCEEDANCE_RULE;
import static org.basinledger.command.agreement.AgreementSamples.FIXED_RULE;
import static org.basinledger.command.agreement.AgreementSamples.JIEKOU;
import static org.basinledger.command.agreement.AgreementSamples.MINISTRY;
import static org.basinledger.command.agreement.AgreementSamples.OUTSIDER;
import static org.basinledger.command.agreement.AgreementSamples.WQI_RULE;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementTerms;
import org.basinledger.api.agreement.AssessmentPeriod;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRule.Band;
import org.basinledger.api.agreement.CompensationRule.BandPayer;
import org.basinledger.api.agreement.CompensationRule.Indicator;
import org.basinledger.api.agreement.CompensationRule.ScheduledAmount;
import org.basinledger.api.agreement.CompensationRule.PollutantRate;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.Money;
import org.junit.jupiter.api.Test;

/** The parameters of each kind of compensation rule, as drafted or amended. */
class CompensationRuleValidationTest {

    private static final Predicate<String> REGISTERED = Set.of(ANHUI, ZHEJIANG, MINISTRY)::contains;
    private static final Money YUAN = Money.of("1.00", Money.CNY);

    private final AgreementDraft valid = AgreementSamples.compensationDraft();
    private final CompensationRule wqi = AgreementSamples.rule(WQI_RULE);
    private final CompensationRule exceedance = AgreementSamples.rule(EXCEEDANCE_RULE);
    private final CompensationRule fixed = AgreementSamples.rule(FIXED_RULE);

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    /** The fields with errors when the rules are these (the sections stay those of the sample). */
    private List<String> errorsWith(CompensationRule... rules) {
        AgreementTerms terms = valid.terms();
        AgreementDraft draft = new AgreementDraft(valid.title(), valid.basin(), valid.parties(), valid.effectiveFrom(),
                valid.effectiveUntil(), new AgreementTerms(terms.text(), terms.sections(), terms.obligations(),
                Arrays.asList(rules)));
        return AgreementDraftRules.check(draft, REGISTERED).stream().map(FieldError::field).toList();
    }

    private static CompensationRule wqi(String sectionId, AssessmentPeriod period, String k, List<Indicator> indicators,
                                        Money ifMet, Money ifNotMet) {
        return new CompensationRule(CompensationRuleType.WATER_QUALITY_INDEX, sectionId, period, k == null ? null : d(k),
                indicators, ifMet, ifNotMet, null, null, null, null);
    }

    private static CompensationRule exceedance(String sectionId, AssessmentPeriod period, List<PollutantRate> rates) {
        return new CompensationRule(CompensationRuleType.EXCEEDANCE_PER_TONNE, sectionId, period, null, null, null,
                null, rates, null, null, null);
    }

    private static CompensationRule fixed(String payer, String payee, AssessmentPeriod period, Money amount) {
        return new CompensationRule(CompensationRuleType.FIXED_CONTRIBUTION, null, period, null, null, null, null, null,
                payer, payee, amount);
    }

    private static Indicator indicator(Pollutant pollutant, String baseline, String weight) {
        return new Indicator(pollutant, baseline == null ? null : d(baseline), weight == null ? null : d(weight));
    }

    @Test
    void acceptsEveryKindOfRuleOfTheSample() {
        assertThat(errorsWith(wqi, exceedance, fixed)).isEmpty();
    }

    @Test
    void refusesANullRule() {
        assertThat(errorsWith(wqi, null)).containsExactly("terms.compensation[1]");
    }

    @Test
    void aWaterQualityIndexRuleNeedsAKnownSectionAYearAndAPositiveCoefficient() {
        assertThat(errorsWith(wqi("NOWHERE", AssessmentPeriod.MONTH, "0", wqi.indicators(), YUAN, YUAN)))
                .containsExactly("terms.compensation[0].sectionId", "terms.compensation[0].period",
                        "terms.compensation[0].stabilityCoefficient");
        assertThat(errorsWith(wqi(null, null, null, wqi.indicators(), YUAN, YUAN)))
                .containsExactly("terms.compensation[0].sectionId", "terms.compensation[0].period",
                        "terms.compensation[0].stabilityCoefficient");
    }

    @Test
    void aWaterQualityIndexRuleNeedsAnIndicator() {
        assertThat(errorsWith(wqi(JIEKOU, AssessmentPeriod.YEAR, "0.85", List.of(), YUAN, YUAN)))
                .containsExactly("terms.compensation[0].indicators");
        assertThat(errorsWith(wqi(JIEKOU, AssessmentPeriod.YEAR, "0.85", null, YUAN, YUAN)))
                .containsExactly("terms.compensation[0].indicators");
    }

    @Test
    void indicatorsNeedDistinctPollutantsAndPositiveBaselinesAndWeights() {
        List<Indicator> indicators = new ArrayList<>();
        indicators.add(indicator(Pollutant.CODMN, "1.8", "0.5"));
        indicators.add(indicator(Pollutant.CODMN, "0", "-0.5"));
        indicators.add(indicator(null, null, null));
        indicators.add(null);

        assertThat(errorsWith(wqi(JIEKOU, AssessmentPeriod.YEAR, "0.85", indicators, YUAN, YUAN))).containsExactly(
                "terms.compensation[0].indicators[1].pollutant", "terms.compensation[0].indicators[1].baseline",
                "terms.compensation[0].indicators[1].weight", "terms.compensation[0].indicators[2].pollutant",
                "terms.compensation[0].indicators[2].baseline", "terms.compensation[0].indicators[2].weight",
                "terms.compensation[0].indicators[3]");
    }

    @Test
    void weightsMustSumToExactlyOne() {
        assertThat(errorsWith(wqi(JIEKOU, AssessmentPeriod.YEAR, "0.85", List.of(indicator(Pollutant.CODMN, "1.8", "0.3"),
                indicator(Pollutant.TP, "0.025", "0.3"), indicator(Pollutant.NH3N, "0.09", "0.3")), YUAN, YUAN)))
                .containsExactly("terms.compensation[0].indicators");
        assertThat(errorsWith(wqi(JIEKOU, AssessmentPeriod.YEAR, "0.85", List.of(indicator(Pollutant.CODMN, "1.8", "0.6"),
                indicator(Pollutant.TP, "0.025", "0.40")), YUAN, YUAN)))
                .isEmpty();
    }

    @Test
    void theAmountsIfMetAndNotMetArePositiveBoundedAndInOneCurrency() {
        assertThat(errorsWith(wqi(JIEKOU, AssessmentPeriod.YEAR, "0.85", wqi.indicators(), null, Money.of("0", "CNY"))))
                .containsExactly("terms.compensation[0].amountIfMet", "terms.compensation[0].amountIfNotMet");
        assertThat(errorsWith(wqi(JIEKOU, AssessmentPeriod.YEAR, "0.85", wqi.indicators(),
                Money.of("10000000000000.01", "CNY"), Money.of("-1", "CNY"))))
                .containsExactly("terms.compensation[0].amountIfMet", "terms.compensation[0].amountIfNotMet");
        assertThat(errorsWith(wqi(JIEKOU, AssessmentPeriod.YEAR, "0.85", wqi.indicators(),
                Money.of("10000000000000.00", "CNY"), Money.of("1", "USD"))))
                .containsExactly("terms.compensation[0].amountIfNotMet");
    }

    @Test
    void anExceedanceRuleNeedsAKnownSectionAMonthAndAPollutant() {
        assertThat(errorsWith(exceedance("NOWHERE", AssessmentPeriod.YEAR, List.of())))
                .containsExactly("terms.compensation[0].sectionId", "terms.compensation[0].period",
                        "terms.compensation[0].pollutants");
    }

    @Test
    void exceedancePollutantsAreDistinctWithATargetAndAPositiveRateInOneCurrency() {
        List<PollutantRate> rates = new ArrayList<>();
        rates.add(new PollutantRate(Pollutant.CODMN, d("0"), Money.of("15000", "CNY")));
        rates.add(new PollutantRate(Pollutant.CODMN, d("-1"), Money.of("0", "CNY")));
        rates.add(new PollutantRate(null, null, null));
        rates.add(new PollutantRate(Pollutant.TP, d("0.2"), Money.of("100000", "USD")));
        rates.add(null);

        assertThat(errorsWith(exceedance(JIEKOU, AssessmentPeriod.MONTH, rates))).containsExactly(
                "terms.compensation[0].pollutants[1].pollutant", "terms.compensation[0].pollutants[1].target",
                "terms.compensation[0].pollutants[1].ratePerTonne", "terms.compensation[0].pollutants[2].pollutant",
                "terms.compensation[0].pollutants[2].target", "terms.compensation[0].pollutants[2].ratePerTonne",
                "terms.compensation[0].pollutants[3].ratePerTonne", "terms.compensation[0].pollutants[4]");
    }

    @Test
    void aFixedContributionIsBetweenTwoDifferentPartiesYearly() {
        assertThat(errorsWith(fixed(OUTSIDER, null, AssessmentPeriod.MONTH, null))).containsExactly(
                "terms.compensation[0].payer", "terms.compensation[0].payee", "terms.compensation[0].period",
                "terms.compensation[0].amount");
        assertThat(errorsWith(fixed(ANHUI, ANHUI, AssessmentPeriod.YEAR, Money.of("10000000000001", "CNY"))))
                .containsExactly("terms.compensation[0].payee", "terms.compensation[0].amount");
    }

    @Test
    void aSectionHasAtMostOneAssessableRulePerKindOfPeriod() {
        CompensationRule monthlyIndex = wqi(JIEKOU, AssessmentPeriod.MONTH, "0.85", wqi.indicators(), YUAN, YUAN);

        assertThat(errorsWith(wqi, exceedance, exceedance)).containsExactly("terms.compensation[2]");
        assertThat(errorsWith(wqi, wqi)).containsExactly("terms.compensation[1]");
        // a monthly index rule is refused for its period, and clashes with the monthly exceedance rule too
        assertThat(errorsWith(exceedance, monthlyIndex)).containsExactly("terms.compensation[1].period",
                "terms.compensation[1]");
    }

    @Test
    void anotherSectionMayHaveItsOwnRules() {
        CompensationRule lakeIndex = wqi(AgreementSamples.QIANDAO, AssessmentPeriod.YEAR, "0.85", wqi.indicators(), YUAN, YUAN);

        assertThat(errorsWith(wqi, lakeIndex, fixed, fixed)).isEmpty();
    }

    @Test
    void dissolvedOxygenIsNeitherAnIndicatorNorAPollutantOfARule() {
        List<Indicator> withOxygen = List.of(indicator(Pollutant.CODMN, "1.8", "0.5"), indicator(Pollutant.DO, "7.5", "0.5"));
        List<PollutantRate> oxygenRate = List.of(new PollutantRate(Pollutant.DO, d("5"), Money.of("15000", "CNY")));

        assertThat(errorsWith(wqi(JIEKOU, AssessmentPeriod.YEAR, "0.85", withOxygen, YUAN, YUAN)))
                .containsExactly("terms.compensation[0].indicators[1].pollutant");
        assertThat(errorsWith(exceedance(JIEKOU, AssessmentPeriod.MONTH, oxygenRate)))
                .containsExactly("terms.compensation[0].pollutants[0].pollutant");
    }

    @Test
    void everyAmountIsInARealIso4217Currency() {
        Money madeUp = Money.of("100", "XXQ");

        assertThat(errorsWith(wqi(JIEKOU, AssessmentPeriod.YEAR, "0.85", wqi.indicators(), madeUp, madeUp)))
                .containsExactly("terms.compensation[0].amountIfMet.currency",
                        "terms.compensation[0].amountIfNotMet.currency");
        assertThat(errorsWith(exceedance(JIEKOU, AssessmentPeriod.MONTH,
                List.of(new PollutantRate(Pollutant.CODMN, d("6"), Money.of("15000", "XTS"))))))
                .containsExactly("terms.compensation[0].pollutants[0].ratePerTonne.currency");
        assertThat(errorsWith(fixed(ANHUI, ZHEJIANG, AssessmentPeriod.YEAR, Money.of("1", "XXX"))))
                .containsExactly("terms.compensation[0].amount.currency");
    }

    @Test
    void allRulesOfAnAgreementShareOneCurrency() {
        CompensationRule inEuro = exceedance(JIEKOU, AssessmentPeriod.MONTH,
                List.of(new PollutantRate(Pollutant.CODMN, d("6"), Money.of("15000", "EUR"))));
        CompensationRule fixedInEuro = fixed(ANHUI, ZHEJIANG, AssessmentPeriod.YEAR, Money.of("1", "EUR"));

        assertThat(errorsWith(wqi, inEuro, fixed))
                .containsExactly("terms.compensation[1].pollutants[0].ratePerTonne.currency");
        assertThat(errorsWith(inEuro, fixedInEuro)).isEmpty();
        // a made-up code is named once, as not a currency, and sets no currency for the others
        assertThat(errorsWith(fixed(ANHUI, ZHEJIANG, AssessmentPeriod.YEAR, Money.of("1", "XXQ")), inEuro))
                .containsExactly("terms.compensation[0].amount.currency");
    }

    @Test
    void theAgreementsCurrencyIsItsRulesOrCnyWhereNoneNamesMoney() {
        AgreementTerms terms = valid.terms();
        CompensationRule inEuro = exceedance(JIEKOU, AssessmentPeriod.MONTH,
                List.of(new PollutantRate(Pollutant.CODMN, d("6"), Money.of("15000", "EUR"))));

        assertThat(AgreementDraftRules.currency(terms)).isEqualTo("CNY");
        assertThat(AgreementDraftRules.currency(new AgreementTerms(terms.text(), terms.sections(), terms.obligations(),
                List.of()))).isEqualTo("CNY");
        assertThat(AgreementDraftRules.currency(new AgreementTerms(terms.text(), terms.sections(), terms.obligations(),
                List.of(inEuro)))).isEqualTo("EUR");
    }

    @Test
    void parametersAreBelowTenThousandWithAtMostNineDecimals() {
        List<Indicator> fine = List.of(indicator(Pollutant.CODMN, "9999.999999999", "0.500000000"),
                indicator(Pollutant.TP, "0.000000001", "0.5"));
        List<Indicator> tooFine = List.of(indicator(Pollutant.CODMN, "1.8", "0.5000000001"),
                indicator(Pollutant.TP, "0.0000000001", "0.4999999999"));

        assertThat(errorsWith(wqi(JIEKOU, AssessmentPeriod.YEAR, "0.850000000", fine, YUAN, YUAN))).isEmpty();
        assertThat(errorsWith(wqi(JIEKOU, AssessmentPeriod.YEAR, "1E-100000000", tooFine, YUAN, YUAN))).containsExactly(
                "terms.compensation[0].stabilityCoefficient", "terms.compensation[0].indicators[0].weight",
                "terms.compensation[0].indicators[1].baseline", "terms.compensation[0].indicators[1].weight");
        assertThat(errorsWith(wqi(JIEKOU, AssessmentPeriod.YEAR, "10000", List.of(indicator(Pollutant.CODMN, "1E+4", "1")),
                YUAN, YUAN))).containsExactly("terms.compensation[0].stabilityCoefficient",
                "terms.compensation[0].indicators[0].baseline");
        assertThat(errorsWith(exceedance(JIEKOU, AssessmentPeriod.MONTH, List.of(
                new PollutantRate(Pollutant.CODMN, d("6.0000000001"), YUAN),
                new PollutantRate(Pollutant.TP, d("10000"), YUAN)))))
                .containsExactly("terms.compensation[0].pollutants[0].target", "terms.compensation[0].pollutants[1].target");
    }

    // --- schedules and bands ---

    private CompensationRule withSchedule(Money amount, List<ScheduledAmount> schedule) {
        return new CompensationRule(CompensationRuleType.FIXED_CONTRIBUTION, null, AssessmentPeriod.YEAR, null, null,
                null, null, null, MINISTRY, ANHUI, amount, schedule, null);
    }

    private CompensationRule withBands(Money ifMet, List<Band> bands) {
        return new CompensationRule(CompensationRuleType.WATER_QUALITY_INDEX, wqi.sectionId(), wqi.period(),
                wqi.stabilityCoefficient(), wqi.indicators(), ifMet, null, null, null, null, null, null, bands);
    }

    private static Money cny(String amount) {
        return Money.of(amount, Money.CNY);
    }

    @Test
    void acceptsAScheduleOfTheAgreementsYearsAndBandsRisingToALastOpenBand() {
        // the sample is in force 2025 to 2027: its years are the periods 2025, 2026 and 2027
        assertThat(errorsWith(wqi, withSchedule(null, List.of(new ScheduledAmount("2025", cny("400000000")),
                new ScheduledAmount("2027", cny("200000000")))))).isEmpty();
        assertThat(errorsWith(withBands(null, SchedulesAndBandsTest.BANDS), fixed)).isEmpty();
        assertThat(errorsWith(withBands(null, List.of(new Band(null, BandPayer.UPSTREAM, cny("1")))), fixed))
                .isEmpty();
    }

    @Test
    void refusesAScheduleBesideAnAmountEmptyOrNamingAYearTwiceOrOutsideTheAgreement() {
        assertThat(errorsWith(wqi, withSchedule(YUAN, List.of(new ScheduledAmount("2025", YUAN)))))
                .containsExactly("terms.compensation[1].schedule");
        assertThat(errorsWith(wqi, withSchedule(null, List.of()))).containsExactly("terms.compensation[1].schedule");
        assertThat(errorsWith(wqi, withSchedule(null, List.of(new ScheduledAmount("2025", YUAN),
                new ScheduledAmount("2025", YUAN), new ScheduledAmount("2028", YUAN), new ScheduledAmount(null, YUAN),
                new ScheduledAmount("2026", null), new ScheduledAmount("2027", cny("0"))))))
                .containsExactly("terms.compensation[1].schedule[1].period", "terms.compensation[1].schedule[2].period",
                        "terms.compensation[1].schedule[3].period", "terms.compensation[1].schedule[4].amount",
                        "terms.compensation[1].schedule[5].amount");
        assertThat(errorsWith(wqi, withSchedule(null, List.of(new ScheduledAmount("2025", YUAN),
                new ScheduledAmount("2026", Money.of("1", "EUR"))))))
                .containsExactly("terms.compensation[1].schedule[1].amount");
    }

    @Test
    void refusesBandsBesideAmountsEmptyOutOfOrderOrWithoutALastOpenBand() {
        assertThat(errorsWith(withBands(YUAN, SchedulesAndBandsTest.BANDS), fixed))
                .containsExactly("terms.compensation[0].bands");
        assertThat(errorsWith(withBands(null, List.of()), fixed)).containsExactly("terms.compensation[0].bands");
        assertThat(errorsWith(withBands(null, List.of(
                new Band(d("1.0"), BandPayer.DOWNSTREAM, YUAN),
                new Band(d("1.0"), BandPayer.DOWNSTREAM, YUAN),
                new Band(null, BandPayer.UPSTREAM, YUAN),
                new Band(d("-1"), null, cny("-1")),
                new Band(d("2"), BandPayer.UPSTREAM, null))), fixed))
                .containsExactly("terms.compensation[0].bands[1].upTo", "terms.compensation[0].bands[2].upTo",
                        "terms.compensation[0].bands[3].upTo", "terms.compensation[0].bands[3].payer",
                        "terms.compensation[0].bands[3].amount", "terms.compensation[0].bands[4].upTo",
                        "terms.compensation[0].bands[4].amount");
    }
}
