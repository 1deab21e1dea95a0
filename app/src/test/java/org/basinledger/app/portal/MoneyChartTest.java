package org.basinledger.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.basinledger.api.transfer.MoneyOverTime;
import org.basinledger.api.transfer.MoneyOverTime.Flow;
import org.basinledger.api.transfer.MoneyOverTime.MonthlyTotal;
import org.basinledger.app.portal.ChartAxis.AxisLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The money chart stays readable from 1 to 120 periods, and its amounts are exact. */
class MoneyChartTest {

    /** Money created and paid every {@code every} months from January 2019, {@code count} times. */
    private static MoneyOverTime money(int count, int every) {
        List<MonthlyTotal> totals = new ArrayList<>();
        YearMonth month = YearMonth.of(2019, 1);
        for (int i = 0; i < count; i++) {
            YearMonth m = month.plusMonths((long) i * every);
            totals.add(new MonthlyTotal(m.getYear(), m.getMonthValue(), "CNY", Flow.CREATED,
                    new BigDecimal("1000000.10").add(BigDecimal.valueOf(i))));
            totals.add(new MonthlyTotal(m.getYear(), m.getMonthValue(), "CNY", Flow.PAID, new BigDecimal("0.10")));
        }
        return new MoneyOverTime(totals);
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 1", "12, 1, 12", "36, 1, 36", "120, 1, 10", "120, 12, 120"})
    void noTwoLabelsOverlap(int count, int every, int periods) {
        MoneyChart chart = MoneyChart.of(money(count, every)).get(0);

        assertThat(chart.rows()).hasSize(periods);
        assertThat(chart.yearly()).isEqualTo(every > 1 || count > MoneyChart.MAX_MONTHS);
        assertThat(chart.bars()).hasSize(2 * periods)
                .allSatisfy(b -> assertThat(b.label()).matches("\\d+\\.\\d{2}"));
        List<MoneyChart.Bar> labelled = chart.bars().stream().filter(MoneyChart.Bar::labelled).toList();
        for (int i = 1; i < labelled.size(); i++) {
            double room = labelled.get(i).labelX() - labelled.get(i - 1).labelX();
            double needed = (ChartAxis.textWidth(labelled.get(i).label())
                    + ChartAxis.textWidth(labelled.get(i - 1).label())) / 2;
            assertThat(room).as("value labels %s and %s", labelled.get(i - 1).label(), labelled.get(i).label())
                    .isGreaterThan(needed);
        }
        List<AxisLabel> axis = chart.axisLabels();
        assertThat(axis).isNotEmpty();
        for (int i = 1; i < axis.size(); i++) {
            double room = axis.get(i).x() - axis.get(i - 1).x();
            double needed = (ChartAxis.textWidth(axis.get(i).label())
                    + ChartAxis.textWidth(axis.get(i - 1).label())) / 2;
            assertThat(room).as("axis labels %s and %s", axis.get(i - 1).label(), axis.get(i).label())
                    .isGreaterThan(needed);
        }
        assertThat(chart.ticks()).allSatisfy(t -> assertThat(ChartAxis.textWidth(t.label()))
                .isLessThan(chart.plotLeft()));
        assertThat(chart.someValuesUnlabelled()).isEqualTo(labelled.size() < 2 * periods);
    }

    @Test
    void oneMonthIsNamedAndLabelledTwelveAreNamedByTheirYear() {
        MoneyChart few = MoneyChart.of(money(1, 1)).get(0);
        assertThat(few.bars()).allMatch(MoneyChart.Bar::labelled);
        assertThat(few.axisLabels()).extracting(AxisLabel::label).containsExactly("2019-01");

        MoneyChart year = MoneyChart.of(money(12, 1)).get(0);
        assertThat(year.axisLabels()).extracting(AxisLabel::label).containsExactly("2019");
        assertThat(year.rows()).extracting(MoneyChart.Row::period).hasSize(12).startsWith("2019-01", "2019-02");
        assertThat(year.series()).extracting(MoneyChart.Series::name).containsExactly("Transfers created", "Paid");
    }

    @Test
    void everyFlowOfAnAgreementHasItsColourAndTheLegendAndBarsStayInsideTheChart() {
        List<MonthlyTotal> totals = new ArrayList<>();
        for (int year = 2019; year < 2139; year++) {
            for (Flow flow : List.of(Flow.CREATED, Flow.PAID, Flow.REFUNDS, Flow.TOP_UPS)) {
                totals.add(new MonthlyTotal(year, 6, "CNY", flow, new BigDecimal("123456789.01")));
            }
        }

        MoneyChart chart = MoneyChart.of(new MoneyOverTime(totals)).get(0);

        assertThat(chart.rows()).hasSize(120);
        assertThat(chart.series()).extracting(MoneyChart.Series::colour).doesNotHaveDuplicates().hasSize(4);
        assertThat(chart.seriesNames()).isEqualTo("Transfers created, Paid, Refunds ordered, Top-ups ordered");
        MoneyChart.Series last = chart.series().get(3);
        assertThat(last.legendX() + 20 + ChartAxis.textWidth(last.name())).isLessThanOrEqualTo(chart.width());
        assertThat(chart.bars()).allSatisfy(b -> {
            assertThat(b.x()).isGreaterThanOrEqualTo(chart.plotLeft());
            assertThat(b.x() + b.width()).isLessThanOrEqualTo(chart.plotRight());
            assertThat(b.y()).isGreaterThanOrEqualTo(chart.plotTop());
        });
        assertThat(chart.someValuesUnlabelled()).isTrue();
    }

    @Test
    void monthsBecomeYearsAddedUpExactlyWithEmptyPeriodsKept() {
        List<MonthlyTotal> totals = List.of(
                new MonthlyTotal(2019, 1, "CNY", Flow.RECEIVED, new BigDecimal("0.10")),
                new MonthlyTotal(2019, 2, "CNY", Flow.RECEIVED, new BigDecimal("0.20")),
                new MonthlyTotal(2019, 2, "USD", Flow.PAID_OUT, new BigDecimal("5.00")),
                new MonthlyTotal(2022, 12, "CNY", Flow.PAID_OUT, new BigDecimal("99999999999999999.99")),
                new MonthlyTotal(2022, 12, "CNY", Flow.RECEIVED, new BigDecimal("0.01")));

        List<MoneyChart> charts = MoneyChart.of(new MoneyOverTime(totals));

        assertThat(charts).extracting(MoneyChart::currency).containsExactly("CNY", "USD");
        MoneyChart cny = charts.get(0);
        assertThat(cny.yearly()).isTrue();
        assertThat(cny.series()).extracting(MoneyChart.Series::flow).containsExactly(Flow.PAID_OUT, Flow.RECEIVED);
        assertThat(cny.rows()).extracting(MoneyChart.Row::period).containsExactly("2019", "2020", "2021", "2022");
        assertThat(cny.rows().get(0).amounts()).containsExactly(BigDecimal.ZERO, new BigDecimal("0.30"));
        assertThat(cny.rows().get(1).amounts()).containsExactly(BigDecimal.ZERO, BigDecimal.ZERO);
        assertThat(cny.totals()).containsExactly(new BigDecimal("99999999999999999.99"), new BigDecimal("0.31"));
        MoneyChart usd = charts.get(1);
        assertThat(usd.yearly()).isFalse();
        assertThat(usd.rows()).extracting(MoneyChart.Row::period).containsExactly("2019-02");
    }
}
