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

    private static Map<Pollutant, BigDecimal> means(String codmn, String nh3n, String tp, String tn) {
        return Map.of(Pollutant.CODMN, d(codmn), Pollutant.NH3N, d(nh3n), Pollutant.TP, d(tp), Pollutant.TN, d(tn));
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

        assertThat(WaterQualityIndex.assess(rule, JIEKOU, Map.of(Pollutant.CODMN, d("2"))).payment().amount())
                .isEqualTo(Money.of("200000000.00", Money.CNY));
        assertThat(WaterQualityIndex.assess(rule, JIEKOU, Map.of(Pollutant.CODMN, d("2.1"))).payment().amount())
                .isEqualTo(Money.of("50000000.00", Money.CNY));
    }

    @Test
    void anIndexOfExactlyOneMeetsTheStandard() {
        CompensationRule rule = rule("1", indicator(Pollutant.CODMN, "2", "1"));

        WaterQualityIndex.Outcome outcome = WaterQualityIndex.assess(rule, JIEKOU, Map.of(Pollutant.CODMN, d("2")));

        assertThat(outcome.index()).isEqualTo(d("1.0000"));
        assertThat(outcome.met()).isTrue();
    }

    @Test
    void theIndexIsRoundedToFourDecimalsHalfUpBeforeItIsCompared() {
        CompensationRule rule = rule("1", indicator(Pollutant.CODMN, "1", "1"));

        assertThat(WaterQualityIndex.index(d("1"), rule.indicators(), Map.of(Pollutant.CODMN, d("1.00004"))))
                .isEqualTo(d("1.0000"));
        assertThat(WaterQualityIndex.assess(rule, JIEKOU, Map.of(Pollutant.CODMN, d("1.00004"))).met()).isTrue();
        assertThat(WaterQualityIndex.index(d("1"), rule.indicators(), Map.of(Pollutant.CODMN, d("1.00005"))))
                .isEqualTo(d("1.0001"));
        assertThat(WaterQualityIndex.assess(rule, JIEKOU, Map.of(Pollutant.CODMN, d("1.00005"))).met()).isFalse();
        assertThat(WaterQualityIndex.index(d("1"), rule.indicators(), Map.of(Pollutant.CODMN, d("0.00005"))))
                .isEqualTo(d("0.0001"));
    }

    @Test
    void ratiosThatDoNotTerminateAreDividedExactlyEnoughForFourDecimals() {
        CompensationRule rule = rule("1", indicator(Pollutant.CODMN, "3", "0.5"), indicator(Pollutant.TP, "3", "0.5"));

        assertThat(WaterQualityIndex.index(d("1"), rule.indicators(), Map.of(Pollutant.CODMN, d("2"), Pollutant.TP, d("2"))))
                .isEqualTo(d("0.6667"));
    }

    @Test
    void everyIndicatorNeedsAMean() {
        assertThatThrownBy(() -> WaterQualityIndex.assess(XINAN, JIEKOU, Map.of(Pollutant.CODMN, d("1"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
