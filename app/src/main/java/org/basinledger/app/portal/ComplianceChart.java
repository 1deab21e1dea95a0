package org.basinledger.app.portal;

import static org.basinledger.app.portal.ChartAxis.GAP;
import static org.basinledger.app.portal.ChartAxis.round;
import static org.basinledger.app.portal.ChartAxis.textWidth;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.compliance.AssessmentResult;
import org.basinledger.api.compliance.AssessmentView;
import org.basinledger.app.portal.ChartAxis.AxisLabel;
import org.basinledger.app.portal.ChartAxis.Tick;
import org.basinledger.app.portal.ChartAxis.ValueAxis;

/**
 * A bar chart, drawn on the server as inline SVG, of one monitoring section's assessments under one rule: the
 * water-quality index P per period against its limit 1 ({@code WATER_QUALITY_INDEX}: met when P ≤ 1), or the
 * tonnes in excess of the targets per period against 0 ({@code EXCEEDANCE_PER_TONNE}). Every figure is also in
 * {@link #rows()}, which the page shows as a table: the chart is never the only way to read them. It stays
 * readable from 1 to 120 periods and more: values with 2 decimals, drawn above a bar only where they fit; the
 * time axis names each period where they fit, else each year at its first period, else every few years.
 */
public record ComplianceChart(String sectionId, CompensationRuleType rule, String measure, String limitLabel,
                              List<Row> rows, List<Bar> bars, List<Tick> ticks, List<AxisLabel> axisLabels,
                              double limitY, int width, int height, int plotLeft, int plotRight, int plotTop,
                              int plotBottom) {

    static final int WIDTH = 640;
    static final int HEIGHT = 300;
    static final int LEFT = 64;
    static final int RIGHT = 16;
    static final int TOP = 24;
    static final int BOTTOM = 56;

    /** One period: its value, the limit, whether it met the standard. */
    public record Row(String period, BigDecimal value, BigDecimal limit, boolean met) {
    }

    /** One bar in SVG coordinates; its value label is drawn above it only when {@code labelled} (it fits). */
    public record Bar(double x, double y, double width, double height, double labelX, String label, String period,
                      boolean met, boolean labelled) {
    }

    /** One chart per section and rule that has assessments, in the order of first assessment. */
    public static List<ComplianceChart> of(List<AssessmentView> assessments) {
        Map<String, List<AssessmentView>> groups = new LinkedHashMap<>();
        for (AssessmentView a : assessments) {
            if (a.result() == null || (a.rule() != CompensationRuleType.WATER_QUALITY_INDEX
                    && a.rule() != CompensationRuleType.EXCEEDANCE_PER_TONNE)) {
                continue;
            }
            groups.computeIfAbsent(a.sectionId() + "\u0000" + a.rule(), k -> new ArrayList<>()).add(a);
        }
        return groups.values().stream().map(ComplianceChart::chart).toList();
    }

    private static ComplianceChart chart(List<AssessmentView> group) {
        AssessmentView first = group.get(0);
        boolean index = first.rule() == CompensationRuleType.WATER_QUALITY_INDEX;
        BigDecimal limit = index ? BigDecimal.ONE : BigDecimal.ZERO;
        List<Row> rows = group.stream()
                .sorted(Comparator.comparing(AssessmentView::period))
                .map(a -> new Row(a.period(), index ? nonNull(a.result().index()) : excess(a.result()), limit,
                        a.result().met()))
                .toList();
        double max = Math.max(limit.doubleValue(), rows.stream().mapToDouble(r -> r.value().doubleValue()).max().orElse(0));

        int plotLeft = LEFT;
        int plotRight = WIDTH - RIGHT;
        int plotTop = TOP;
        int plotBottom = HEIGHT - BOTTOM;
        ValueAxis axis = ValueAxis.upTo(max, plotTop, plotBottom);
        double slot = (plotRight - plotLeft) / (double) Math.max(rows.size(), 1);
        double barWidth = Math.min(64, slot * 0.6);

        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            double h = axis.height(row.value().doubleValue());
            double x = plotLeft + slot * i + (slot - barWidth) / 2;
            String label = row.value().setScale(2, RoundingMode.HALF_UP).toPlainString() + (index ? "" : " t");
            // with the tick mark, a label needs its characters and a gap on each side
            boolean fits = textWidth(label + " ✓") + GAP <= slot;
            bars.add(new Bar(round(x), round(plotBottom - h), round(barWidth), round(h), round(x + barWidth / 2),
                    label, row.period(), row.met(), fits));
        }
        double limitY = round(plotBottom - axis.height(limit.doubleValue()));
        return new ComplianceChart(first.sectionId(), first.rule(),
                index ? "Water-quality index P" : "Tonnes in excess of the targets",
                index ? "Limit: P = 1 (met at or below)" : "Limit: 0 tonnes in excess", rows, bars, axis.ticks(),
                axisLabels(bars, slot), limitY, WIDTH, HEIGHT, plotLeft, plotRight, plotTop, plotBottom);
    }

    /** The time axis under the bars ({@link ChartAxis#timeLabels}). */
    static List<AxisLabel> axisLabels(List<Bar> bars, double slot) {
        return ChartAxis.timeLabels(bars.stream().map(Bar::labelX).toList(), bars.stream().map(Bar::period).toList(),
                slot);
    }

    /** Whether some value labels were left out for want of room (the page then says they are in the table). */
    public boolean someValuesUnlabelled() {
        return bars.stream().anyMatch(b -> !b.labelled());
    }

    public boolean isIndex() {
        return rule == CompensationRuleType.WATER_QUALITY_INDEX;
    }

    private static BigDecimal excess(AssessmentResult result) {
        if (result.pollutants() == null) {
            return BigDecimal.ZERO;
        }
        return result.pollutants().stream()
                .map(p -> nonNull(p.excessTonnes()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal nonNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
