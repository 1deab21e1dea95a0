package org.basinledger.app.portal;

import static org.basinledger.app.portal.ChartAxis.GAP;
import static org.basinledger.app.portal.ChartAxis.round;
import static org.basinledger.app.portal.ChartAxis.textWidth;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.basinledger.api.report.PublicReportStatistics;
import org.basinledger.app.portal.ChartAxis.AxisLabel;
import org.basinledger.app.portal.ChartAxis.Tick;
import org.basinledger.app.portal.ChartAxis.ValueAxis;

/**
 * Public reports over time, drawn on the server as inline SVG like {@link MoneyChart}: per month of filing (basin
 * time), a bar each for the reports received, answered, answered in time and overdue now. Every month from the first
 * to the last with a report is drawn, an empty one empty, so the time axis is even; every count is in {@link #rows()},
 * which the page shows as a table beside the chart. Value labels only where they fit.
 */
public record ReportChart(List<Series> series, List<PublicReportStatistics.Month> rows, List<Bar> bars,
                          List<Tick> ticks, List<AxisLabel> axisLabels, int width, int height, int plotLeft,
                          int plotRight, int plotTop, int plotBottom) {

    static final int WIDTH = 640;
    static final int HEIGHT = 300;
    static final int RIGHT = 16;
    static final int TOP = 40;
    static final int BOTTOM = 56;
    private static final String[] NAMES = {"Received", "Answered", "Answered in time", "Overdue now"};
    private static final String[] COLOURS = {"#1d70b8", "#00703c", "#85994b", "#d4351c"};

    /** A count drawn, in words, with its colour and where its legend entry starts. */
    public record Series(String name, String colour, double legendX) {
    }

    /** One bar; its value label is drawn above it only when {@code labelled}. */
    public record Bar(double x, double y, double width, double height, double labelX, String label, String colour,
                      boolean labelled) {
    }

    /** The chart of these months, or null when there is no report. */
    public static ReportChart of(List<PublicReportStatistics.Month> months) {
        if (months.isEmpty()) {
            return null;
        }
        Map<String, PublicReportStatistics.Month> byMonth = new TreeMap<>();
        months.forEach(m -> byMonth.put(m.month(), m));
        YearMonth first = YearMonth.parse(months.get(0).month());
        YearMonth last = YearMonth.parse(months.get(months.size() - 1).month());
        List<PublicReportStatistics.Month> rows = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            rows.add(byMonth.getOrDefault(m.toString(), new PublicReportStatistics.Month(m.toString(), 0, 0, 0, 0)));
        }
        int plotTop = TOP;
        int plotBottom = HEIGHT - BOTTOM;
        double max = rows.stream().mapToLong(PublicReportStatistics.Month::received).max().orElse(0);
        ValueAxis axis = ValueAxis.upTo(max, plotTop, plotBottom);
        int plotLeft = (int) Math.ceil(axis.widestLabel() + 16);
        int plotRight = WIDTH - RIGHT;
        double slot = (plotRight - plotLeft) / (double) rows.size();
        double barSlot = slot * 0.8 / NAMES.length;
        double barWidth = Math.min(32, barSlot * 0.8);
        List<Bar> bars = new ArrayList<>();
        List<Double> centres = new ArrayList<>();
        for (int p = 0; p < rows.size(); p++) {
            double groupLeft = plotLeft + slot * p + slot * 0.1;
            centres.add(round(plotLeft + slot * p + slot / 2));
            long[] counts = counts(rows.get(p));
            for (int s = 0; s < NAMES.length; s++) {
                double h = axis.height(counts[s]);
                double x = groupLeft + barSlot * s + (barSlot - barWidth) / 2;
                String label = Long.toString(counts[s]);
                boolean fits = counts[s] != 0 && textWidth(label) + GAP <= barSlot;
                bars.add(new Bar(round(x), round(plotBottom - h), round(barWidth), round(h), round(x + barWidth / 2),
                        label, COLOURS[s], fits));
            }
        }
        List<Series> series = new ArrayList<>();
        double legendX = plotLeft;
        for (int s = 0; s < NAMES.length; s++) {
            series.add(new Series(NAMES[s], COLOURS[s], round(legendX)));
            legendX += 20 + textWidth(NAMES[s]) + 2 * GAP;
        }
        return new ReportChart(series, rows, bars, axis.ticks(),
                ChartAxis.timeLabels(centres, rows.stream().map(PublicReportStatistics.Month::month).toList(), slot),
                WIDTH, HEIGHT, plotLeft, plotRight, plotTop, plotBottom);
    }

    private static long[] counts(PublicReportStatistics.Month month) {
        return new long[] {month.received(), month.answered(), month.answeredInTime(), month.overdue()};
    }

    /** Whether some value labels were left out for want of room (the page then says they are in the table). */
    public boolean someValuesUnlabelled() {
        return bars.stream().anyMatch(b -> !b.labelled() && !"0".equals(b.label()));
    }
}
