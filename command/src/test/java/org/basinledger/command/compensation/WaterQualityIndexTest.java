package org.basinledger.command.compensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.basinledger.api.agreement.AssessmentPeriod;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRule.Indicator;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.agreement.SectionKind;
import org.basinledger.api.common.Money;
import org.junit.jupiter.api.Test;

class WaterQualityIndexTest {

    private static final String ANHUI = "CN-AH";
    private static final String ZHEJIANG = "CN-ZJ";
    private static final MonitoringSection JIEKOU =
            new MonitoringSection("JIEKOU", "Jiekou", "Xin'an River", SectionKind.RIVER, ANHUI, ZHEJIANG);
    private static final Money HUNDRED_MILLION = Money.of("100000000.00", Money.CNY);
    /** Round 1 of the Xin'an agreement: k = 0.85, four indicators weighted 0.25 against their baselines. */
    private static final CompensationRule XINAN = rule("0.85",
            indicator(Pollutant.CODMN, "1.80", "0.25"), indicator(Pollutant.NH3N, "0.09", "0.25"),
            indicator(Pollutant.TP, "0.025", "0.25"), indicator(Pollutant.TN, "1.10", "0.25"));

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static Indicator indicator(Pollutant pollutant, String baseline, String weight) {
        return new Indicator(pollutant, d(baseline), d(weight));
    }

    private static CompensationRule rule(String k, Indicator... indicators) {
        return new CompensationRule(CompensationRuleType.WATER_QUALITY_INDEX, "JIEKOU", AssessmentPeriod.YEAR, d(k),
                List.of(indicators), HUNDRED_MILLION, HUNDRED_MILLION, null, null, null, null);
    }

    private static Fraction f(String value) {
        return Fraction.of(d(value));
    }

    private static Map<Pollutant, Fraction> means(String codmn, String nh3n, String tp, String tn) {
        return Map.of(Pollutant.CODMN, f(codmn), Pollutant.NH3N, f(nh3n), Pollutant.TP, f(tp), Pollutant.TN, f(tn));
    }

    @Test
    void meansEqualToTheBaselinesGiveTheStabilityCoefficientAndMeetTheStandard() {
        WaterQualityIndex.Outcome outcome = WaterQualityIndex.assess(XINAN, JIEKOU, means("1.80", "0.09", "0.025", "1.10"));

        assertThat(outcome.index()).isEqualTo(d("0.8500"));
        assertThat(outcome.met()).isTrue();
    }

    @Test
    void meansTwentyPercentAboveTheBaselinesGive1point02AndFailTheStandard() {
        WaterQualityIndex.Outcome outcome = WaterQualityIndex.assess(XINAN, JIEKOU, means("2.16", "0.108", "0.030", "1.32"));

        assertThat(outcome.index()).isEqualTo(d("1.0200"));
        assertThat(outcome.met()).isFalse();
    }

    @Test
    void aXinanYearThatMeetsTheStandardHasZhejiangPayAnhui100Million() {
        WaterQualityIndex.Outcome outcome = WaterQualityIndex.assess(XINAN, JIEKOU, means("1.70", "0.08", "0.024", "1.15"));

        // 0.85 × 0.25 × (1.70/1.80 + 0.08/0.09 + 0.024/0.025 + 1.15/1.10) = 0.81574…
        assertThat(outcome.index()).isEqualTo(d("0.8157"));
        assertThat(outcome.payment()).isEqualTo(new Payment(ZHEJIANG, ANHUI, HUNDRED_MILLION));
    }

    @Test
    void aXinanYearThatFailsTheStandardHasAnhuiPayZhejiang100Million() {
        WaterQualityIndex.Outcome outcome = WaterQualityIndex.assess(XINAN, JIEKOU, means("2.30", "0.12", "0.030", "1.40"));

        // 0.85 × 0.25 × (2.30/1.80 + 0.12/0.09 + 0.030/0.025 + 1.40/1.10) = 1.08031…
        assertThat(outcome.index()).isEqualTo(d("1.0803"));
        assertThat(outcome.payment()).isEqualTo(new Payment(ANHUI, ZHEJIANG, HUNDRED_MILLION));
    }

    @Test
    void theAmountsIfMetAndIfNotMetAreTheRulesOwn() {
        CompensationRule rule = new CompensationRule(CompensationRuleType.WATER_QUALITY_INDEX, "JIEKOU",
                AssessmentPeriod.YEAR, d("1"), List.of(indicator(Pollutant.CODMN, "2", "1")),
                Money.of("200000000.00", Money.CNY), Money.of("50000000.00", Money.CNY), null, null, null, null);

        assertThat(WaterQualityIndex.assess(rule, JIEKOU, Map.of(Pollutant.CODMN, f("2"))).payment().amount())
                .isEqualTo(Money.of("200000000.00", Money.CNY));
        assertThat(WaterQualityIndex.assess(rule, JIEKOU, Map.of(Pollutant.CODMN, f("2.1"))).payment().amount())
                .isEqualTo(Money.of("50000000.00", Money.CNY));
    }

    @Test
    void theBoundaryCheckIsExactlyOnePointZeroZeroZeroZeroFiveAndFailsTheStandard() {
        // DOMAIN.md: 0.90 × 0.25 × (1.95/1.80 + 0.13/0.12 + 0.02945/0.025 + 1.32/1.20) = 1.00005 exactly → 1.0001;
        // divided to 34 digits on the way it was 1.00004999… → 1.0000, met, and 100 million went the wrong way.
        CompensationRule boundary = rule("0.90",
                indicator(Pollutant.CODMN, "1.80", "0.25"), indicator(Pollutant.NH3N, "0.12", "0.25"),
                indicator(Pollutant.TP, "0.025", "0.25"), indicator(Pollutant.TN, "1.20", "0.25"));
        Map<Pollutant, Fraction> means = means("1.95", "0.13", "0.02945", "1.32");

        assertThat(WaterQualityIndex.exactIndex(d("0.90"), boundary.indicators(), means))
                .isEqualTo(Fraction.of(d("1.00005")));
        WaterQualityIndex.Outcome outcome = WaterQualityIndex.assess(boundary, JIEKOU, means);
        assertThat(outcome.index()).isEqualTo(d("1.0001"));
        assertThat(outcome.met()).isFalse();
        assertThat(outcome.payment()).isEqualTo(new Payment(ANHUI, ZHEJIANG, HUNDRED_MILLION));
    }

    @Test
    void aMeanThatDoesNotTerminateIsUsedExactly() {
        // samples 1, 1, 1.00015 over baseline 1: the mean 3.00015/3 = 1.00005 exactly → 1.0001, not met
        CompensationRule rule = rule("1", indicator(Pollutant.CODMN, "1", "1"));
        Fraction mean = Fraction.mean(List.of(d("1"), d("1"), d("1.00015")));

        assertThat(WaterQualityIndex.assess(rule, JIEKOU, Map.of(Pollutant.CODMN, mean)).index()).isEqualTo(d("1.0001"));
        // a third of 1.0001 + 2: (3.0001)/3 = 1.0000333… → 1.0000, met
        Fraction under = Fraction.mean(List.of(d("1"), d("1"), d("1.0001")));
        assertThat(WaterQualityIndex.assess(rule, JIEKOU, Map.of(Pollutant.CODMN, under)).met()).isTrue();
    }

    @Test
    void anIndexOfExactlyOneMeetsTheStandard() {
        CompensationRule rule = rule("1", indicator(Pollutant.CODMN, "2", "1"));

        WaterQualityIndex.Outcome outcome = WaterQualityIndex.assess(rule, JIEKOU, Map.of(Pollutant.CODMN, f("2")));

        assertThat(outcome.index()).isEqualTo(d("1.0000"));
        assertThat(outcome.met()).isTrue();
    }

    @Test
    void theIndexIsRoundedToFourDecimalsHalfUpBeforeItIsCompared() {
        CompensationRule rule = rule("1", indicator(Pollutant.CODMN, "1", "1"));

        assertThat(WaterQualityIndex.index(d("1"), rule.indicators(), Map.of(Pollutant.CODMN, f("1.00004"))))
                .isEqualTo(d("1.0000"));
        assertThat(WaterQualityIndex.assess(rule, JIEKOU, Map.of(Pollutant.CODMN, f("1.00004"))).met()).isTrue();
        assertThat(WaterQualityIndex.index(d("1"), rule.indicators(), Map.of(Pollutant.CODMN, f("1.00005"))))
                .isEqualTo(d("1.0001"));
        assertThat(WaterQualityIndex.assess(rule, JIEKOU, Map.of(Pollutant.CODMN, f("1.00005"))).met()).isFalse();
        assertThat(WaterQualityIndex.index(d("1"), rule.indicators(), Map.of(Pollutant.CODMN, f("0.00005"))))
                .isEqualTo(d("0.0001"));
    }

    @Test
    void ratiosThatDoNotTerminateAreDividedExactlyEnoughForFourDecimals() {
        CompensationRule rule = rule("1", indicator(Pollutant.CODMN, "3", "0.5"), indicator(Pollutant.TP, "3", "0.5"));

        assertThat(WaterQualityIndex.index(d("1"), rule.indicators(), Map.of(Pollutant.CODMN, f("2"), Pollutant.TP, f("2"))))
                .isEqualTo(d("0.6667"));
    }

    @Test
    void everyIndicatorNeedsAMean() {
        assertThatThrownBy(() -> WaterQualityIndex.assess(XINAN, JIEKOU, Map.of(Pollutant.CODMN, f("1"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
