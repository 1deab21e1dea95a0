package org.basinledger.app.portal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the portal's server-drawn SVG charts share: the width of their 14px labels, a value axis with round
 * gridlines, and a time axis that names every period where each fits, else each year at its first period, as
 * often as there is room for one ({@link ComplianceChart}, {@link MoneyChart}).
 */
final class ChartAxis {

    /** Width in SVG units of one character of the charts' 14px labels (Arial's digits are about 0.55 em). */
    static final double CHARACTER = 8.0;
    /** Space kept between two labels. */
    static final double GAP = 6.0;

    private ChartAxis() {
    }

    /** A label of the time axis: a period, or a year at its first period. */
    public record AxisLabel(double x, String label) {
    }

    /** A gridline of the value axis. */
    public record Tick(double y, String label) {
    }

    /** A value axis from 0 to {@code top} drawn between {@code plotBottom} (0) and {@code plotTop}. */
    record ValueAxis(double top, List<Tick> ticks, int plotTop, int plotBottom) {

        /** Round gridlines from 0 to a little above {@code max} (at least one step). */
        static ValueAxis upTo(double max, int plotTop, int plotBottom) {
            double step = niceStep(max <= 0 ? 1 : max / 4);
            double top = Math.max(step, Math.ceil(max * 1.1 / step) * step);
            List<Tick> ticks = new ArrayList<>();
            for (double v = 0; v <= top + step / 2; v += step) {
                ticks.add(new Tick(round(plotBottom - v / top * (plotBottom - plotTop)),
                        BigDecimal.valueOf(v).setScale(step < 1 ? 2 : 0, RoundingMode.HALF_UP).toPlainString()));
            }
            return new ValueAxis(top, ticks, plotTop, plotBottom);
        }

        /** The height of a bar of {@code value}. */
        double height(double value) {
            return value / top * (plotBottom - plotTop);
        }

        /** The widest gridline label. */
        double widestLabel() {
            return ticks.stream().mapToDouble(t -> textWidth(t.label())).max().orElse(0);
        }
    }

    /**
     * The time axis under periods centred at {@code xs}, {@code slot} apart: every period when each fits its slot;
     * otherwise the year, under the first period of each year ({@code 2025}, {@code 2025-Q1}, {@code 2025-01} all
     * start with it), as often as there is room for one.
     */
    static List<AxisLabel> timeLabels(List<Double> xs, List<String> periods, double slot) {
        double widest = periods.stream().mapToDouble(ChartAxis::textWidth).max().orElse(0);
        List<AxisLabel> labels = new ArrayList<>();
        if (widest + GAP <= slot) {
            for (int i = 0; i < periods.size(); i++) {
                labels.add(new AxisLabel(xs.get(i), periods.get(i)));
            }
            return labels;
        }
        double lastX = Double.NEGATIVE_INFINITY;
        String lastYear = null;
        for (int i = 0; i < periods.size(); i++) {
            String period = periods.get(i);
            String year = period.length() >= 4 ? period.substring(0, 4) : period;
            if (!year.equals(lastYear) && xs.get(i) - lastX >= textWidth(year) + GAP) {
                labels.add(new AxisLabel(xs.get(i), year));
                lastX = xs.get(i);
            }
            lastYear = year;
        }
        return labels;
    }

    static double textWidth(String text) {
        return text.codePointCount(0, text.length()) * CHARACTER;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    /** A coordinate to a tenth of a unit. */
    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
