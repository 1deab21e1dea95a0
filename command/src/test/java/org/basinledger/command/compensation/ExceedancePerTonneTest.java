package org.basinledger.command.compensation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.basinledger.api.agreement.AssessmentPeriod;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRule.PollutantRate;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.agreement.SectionKind;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.ReportingPeriod;
import org.basinledger.api.compliance.AssessmentResult.PollutantExcess;
import org.junit.jupiter.api.Test;

class ExceedancePerTonneTest {

    private static final String SUZHOU = "CN-JS-SZ";
    private static final String SHANGHAI = "CN-SH";
    private static final MonitoringSection JINZE =
            new MonitoringSection("JINZE", "Jinze", "Taipu River", SectionKind.RIVER, SUZHOU, SHANGHAI);
    private static final long APRIL_2025 = ReportingPeriod.parse("2025-04", "period").seconds();
    private static final long MARCH_2025 = ReportingPeriod.parse("2025-03", "period").seconds();
    private static final long FEBRUARY_2025 = ReportingPeriod.parse("2025-02", "period").seconds();
    /** Jiangsu's 2008 rates. */
    private static final CompensationRule JIANGSU = rule(
            rate(Pollutant.CODMN, "6", "15000.00"), rate(Pollutant.NH3N, "1.0", "100000.00"), rate(Pollutant.TP, "0.2", "100000.00"));

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static Fraction f(String value) {
        return Fraction.of(d(value));
    }

    private static Money yuan(String amount) {
        return Money.of(amount, Money.CNY);
    }

    private static PollutantRate rate(Pollutant pollutant, String target, String perTonne) {
        return new PollutantRate(pollutant, d(target), yuan(perTonne));
    }

    private static CompensationRule rule(PollutantRate... rates) {
        return new CompensationRule(CompensationRuleType.EXCEEDANCE_PER_TONNE, "JINZE", AssessmentPeriod.MONTH, null,
                null, null, null, List.of(rates), null, null, null);
    }

    @Test
    void theCalendarMonthsHaveTheirOwnLengths() {
        assertThat(APRIL_2025).isEqualTo(2_592_000L);
        assertThat(MARCH_2025).isEqualTo(2_678_400L);
        assertThat(FEBRUARY_2025).isEqualTo(2_419_200L);
    }

    @Test
    void oneTonneOfCodmnOverTargetInAThirtyDayMonthIsTheDomainCheck() {
        CompensationRule codmn = rule(rate(Pollutant.CODMN, "6", "15000.00"));

        ExceedancePerTonne.Outcome outcome = ExceedancePerTonne.assess(codmn, JINZE,
                Map.of(Pollutant.CODMN, f("7.0")), f("10"), APRIL_2025);

        assertThat(outcome.pollutants()).containsExactly(
                new PollutantExcess(Pollutant.CODMN, d("7"), d("6"), d("25.92"), yuan("388800.00")));
        assertThat(outcome.met()).isFalse();
        assertThat(outcome.payment()).isEqualTo(new Payment(SUZHOU, SHANGHAI, yuan("388800.00")));
    }

    @Test
    void aJiangsuMonthWithTwoPollutantsOverTargetAndOneUnder() {
        ExceedancePerTonne.Outcome outcome = ExceedancePerTonne.assess(JIANGSU, JINZE,
                Map.of(Pollutant.CODMN, f("6.5"), Pollutant.NH3N, f("1.2"), Pollutant.TP, f("0.15")), f("20"), MARCH_2025);

        // CODMn 0.5 g/m³ × 20 m³/s × 2,678,400 s = 26.784 t; NH3-N 0.2 × 20 × 2,678,400 = 10.7136 t; TP under target
        assertThat(outcome.pollutants()).containsExactly(
                new PollutantExcess(Pollutant.CODMN, d("6.5"), d("6"), d("26.784"), yuan("401760.00")),
                new PollutantExcess(Pollutant.NH3N, d("1.2"), d("1.0"), d("10.7136"), yuan("1071360.00")),
                new PollutantExcess(Pollutant.TP, d("0.15"), d("0.2"), BigDecimal.ZERO, yuan("0.00")));
        assertThat(outcome.payment()).isEqualTo(new Payment(SUZHOU, SHANGHAI, yuan("1473120.00")));
    }

    @Test
    void aTwentyEightDayFebruaryCountsItsOwnSeconds() {
        ExceedancePerTonne.Outcome outcome = ExceedancePerTonne.assess(rule(rate(Pollutant.CODMN, "6", "15000.00")),
                JINZE, Map.of(Pollutant.CODMN, f("7")), f("10"), FEBRUARY_2025);

        assertThat(outcome.pollutants().get(0).excessTonnes()).isEqualTo(d("24.192"));
        assertThat(outcome.payment().amount()).isEqualTo(yuan("362880.00"));
    }

    @Test
    void aThirtyOneDayMonthCountsItsOwnSeconds() {
        ExceedancePerTonne.Outcome outcome = ExceedancePerTonne.assess(rule(rate(Pollutant.CODMN, "6", "15000.00")),
                JINZE, Map.of(Pollutant.CODMN, f("7")), f("10"), MARCH_2025);

        assertThat(outcome.pollutants().get(0).excessTonnes()).isEqualTo(d("26.784"));
        assertThat(outcome.payment().amount()).isEqualTo(yuan("401760.00"));
    }

    @Test
    void aMeanAtTargetOwesNothingAndMeetsTheStandard() {
        ExceedancePerTonne.Outcome outcome = ExceedancePerTonne.assess(JIANGSU, JINZE,
                Map.of(Pollutant.CODMN, f("6.0"), Pollutant.NH3N, f("0.4"), Pollutant.TP, f("0.2")), f("20"), MARCH_2025);

        assertThat(outcome.met()).isTrue();
        assertThat(outcome.payment()).isNull();
        assertThat(outcome.pollutants()).extracting(PollutantExcess::amount)
                .containsOnly(yuan("0.00"));
    }

    @Test
    void halfACentIsRoundedUp() {
        // 0.025 g/m³ × 5 m³/s × 2,592,000 s = 0.324 t, × 1.25 = 0.405 yuan
        ExceedancePerTonne.Outcome outcome = ExceedancePerTonne.assess(rule(rate(Pollutant.CODMN, "6", "1.25")),
                JINZE, Map.of(Pollutant.CODMN, f("6.025")), f("5"), APRIL_2025);

        assertThat(outcome.payment().amount()).isEqualTo(yuan("0.41"));
    }

    @Test
    void theTotalIsRoundedFromTheUnroundedSumNotAddedFromRoundedAmounts() {
        // 0.405 + 1.215 = 1.620: each shown rounded up (0.41, 1.22), the total 1.62, not 1.63
        ExceedancePerTonne.Outcome outcome = ExceedancePerTonne.assess(
                rule(rate(Pollutant.CODMN, "6", "1.25"), rate(Pollutant.NH3N, "1", "1.25")), JINZE,
                Map.of(Pollutant.CODMN, f("6.025"), Pollutant.NH3N, f("1.075")), f("5"), APRIL_2025);

        assertThat(outcome.pollutants()).extracting(PollutantExcess::amount).containsExactly(yuan("0.41"), yuan("1.22"));
        assertThat(outcome.payment().amount()).isEqualTo(yuan("1.62"));
    }

    @Test
    void aTotalThatRoundsToNothingOwesNothing() {
        // 0.000001 g/m³ × 1 m³/s × 2,592,000 s = 0.000002592 t, × 1.00 = 0.0000026 yuan
        ExceedancePerTonne.Outcome outcome = ExceedancePerTonne.assess(rule(rate(Pollutant.CODMN, "6", "1.00")),
                JINZE, Map.of(Pollutant.CODMN, f("6.000001")), f("1"), APRIL_2025);

        assertThat(outcome.met()).isFalse();
        assertThat(outcome.payment()).isNull();
    }
}
