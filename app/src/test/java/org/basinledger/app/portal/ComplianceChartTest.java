package org.basinledger.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.compliance.AssessmentResult;
import org.basinledger.api.compliance.AssessmentView;
import org.basinledger.app.portal.ChartAxis.AxisLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chart's geometry stays readable from 1 to 120 periods: no two labels overlap, values have 2 decimals. */
class ComplianceChartTest {

    /** {@code count} monthly assessments from January 2019, index 0.9123… growing. */
    private static List<AssessmentView> monthly(int count) {
        List<AssessmentView> assessments = new ArrayList<>();
        YearMonth month = YearMonth.of(2019, 1);
        for (int i = 0; i < count; i++) {
            BigDecimal index = new BigDecimal("0.91234567").add(BigDecimal.valueOf(i, 3));
            assessments.add(new AssessmentView("AS-" + i, "AG-1", "JIEKOU", CompensationRuleType.WATER_QUALITY_INDEX,
                    month.plusMonths(i).toString(), null,
                    new AssessmentResult(index.compareTo(BigDecimal.ONE) <= 0, index, null, null, null, null, null),
                    null, "CN-ZJ-HZ", null));
        }
        return assessments;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 12, 47, 60, 120})
    void noTwoLabelsOverlapAndValuesHaveTwoDecimals(int periods) {
        ComplianceChart chart = ComplianceChart.of(monthly(periods)).get(0);

        assertThat(chart.rows()).hasSize(periods);
        assertThat(chart.bars()).allSatisfy(b -> assertThat(b.label()).matches("\\d+\\.\\d{2}"));
        List<ComplianceChart.Bar> labelled = chart.bars().stream().filter(ComplianceChart.Bar::labelled).toList();
        for (int i = 1; i < labelled.size(); i++) {
            double room = labelled.get(i).labelX() - labelled.get(i - 1).labelX();
            assertThat(room).as("value labels %d and %d", i - 1, i)
                    .isGreaterThanOrEqualTo(ChartAxis.textWidth(labelled.get(i).label() + " ✓"));
        }
        List<AxisLabel> axis = chart.axisLabels();
        assertThat(axis).isNotEmpty();
        for (int i = 1; i < axis.size(); i++) {
            double room = axis.get(i).x() - axis.get(i - 1).x();
            double needed = (ChartAxis.textWidth(axis.get(i).label()) + ChartAxis.textWidth(axis.get(i - 1).label())) / 2;
            assertThat(room).as("axis labels %s and %s", axis.get(i - 1).label(), axis.get(i).label())
                    .isGreaterThan(needed);
        }
        assertThat(chart.someValuesUnlabelled()).isEqualTo(labelled.size() < periods);
    }

    @Test
    void fewPeriodsAreEachLabelledAndNamed() {
        ComplianceChart chart = ComplianceChart.of(monthly(4)).get(0);

        assertThat(chart.bars()).allMatch(ComplianceChart.Bar::labelled);
        assertThat(chart.axisLabels()).extracting(AxisLabel::label)
                .containsExactly("2019-01", "2019-02", "2019-03", "2019-04");
        assertThat(chart.bars().get(0).label()).isEqualTo("0.91");
    }

    @Test
    void manyMonthlyPeriodsAreNamedByYear() {
        ComplianceChart chart = ComplianceChart.of(monthly(47)).get(0);

        assertThat(chart.axisLabels()).extracting(AxisLabel::label).containsExactly("2019", "2020", "2021", "2022");
        ComplianceChart tenYears = ComplianceChart.of(monthly(120)).get(0);
        assertThat(tenYears.axisLabels()).extracting(AxisLabel::label)
                .containsExactly("2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026", "2027", "2028");
    }
}
