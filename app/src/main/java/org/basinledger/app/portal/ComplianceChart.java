package org.basinledger.app.portal;

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

/**
 * A bar chart, drawn on the server as inline SVG, of one monitoring section's assessments under one rule: the
 * water-quality index P per period against its limit 1 ({@code WATER_QUALITY_INDEX}: met when P ≤ 1), or the
 * tonnes in excess of the targets per period against 0 ({@code EXCEEDANCE_PER_TONNE}). Every figure is also in
 * {@link #rows()}, which the page shows as a table: the chart is never the only way to read them.
 */
public record ComplianceChart(String sectionId, CompensationRuleType rule, String measure, String limitLabel,
                              List<Row> rows, List<Bar> bars, List<Tick> ticks, double limitY, int width, int height,
                              int plotLeft, int plotRight, int plotTop, int plotBottom) {

    static final int WIDTH = 640;
    static final int HEIGHT = 300;
    static final int LEFT = 64;
    static final int RIGHT = 16;
    static final int TOP = 24;
    static final int BOTTOM = 56;

    /** One period: its value, the limit, whether it met the standard. */
    public record Row(String period, BigDecimal value, BigDecimal limit, boolean met) {
    }

    /** One bar in SVG coordinates, with the label drawn above it and under the axis. */
    public record Bar(double x, double y, double width, double height, double labelX, String label, String period,
                      boolean met) {
    }

    /** A gridline of the value axis. */
    public record Tick(double y, String label) {
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
        double step = niceStep(max <= 0 ? 1 : max / 4);
        double top = Math.max(step, Math.ceil(max * 1.1 / step) * step);

        int plotLeft = LEFT;
        int plotRight = WIDTH - RIGHT;
        int plotTop = TOP;
        int plotBottom = HEIGHT - BOTTOM;
        double plotHeight = plotBottom - plotTop;
        double slot = (plotRight - plotLeft) / (double) Math.max(rows.size(), 1);
        double barWidth = Math.min(64, slot * 0.6);

        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            double h = row.value().doubleValue() / top * plotHeight;
            double x = plotLeft + slot * i + (slot - barWidth) / 2;
            String label = index ? row.value().setScale(4, RoundingMode.HALF_UP).toPlainString()
                    : row.value().stripTrailingZeros().toPlainString() + " t";
            bars.add(new Bar(round(x), round(plotBottom - h), round(barWidth), round(h), round(x + barWidth / 2),
                    label, row.period(), row.met()));
        }
        List<Tick> ticks = new ArrayList<>();
        for (double v = 0; v <= top + step / 2; v += step) {
            ticks.add(new Tick(round(plotBottom - v / top * plotHeight),
                    BigDecimal.valueOf(v).setScale(step < 1 ? 2 : 0, RoundingMode.HALF_UP).toPlainString()));
        }
        double limitY = round(plotBottom - limit.doubleValue() / top * plotHeight);
        return new ComplianceChart(first.sectionId(), first.rule(),
                index ? "Water-quality index P" : "Tonnes in excess of the targets",
                index ? "Limit: P = 1 (met at or below)" : "Limit: 0 tonnes in excess", rows, bars, ticks, limitY,
                WIDTH, HEIGHT, plotLeft, plotRight, plotTop, plotBottom);
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

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
