package org.basinledger.app.portal;

import static org.basinledger.app.portal.ChartAxis.GAP;
import static org.basinledger.app.portal.ChartAxis.round;
import static org.basinledger.app.portal.ChartAxis.textWidth;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.basinledger.api.transfer.MoneyOverTime;
import org.basinledger.api.transfer.MoneyOverTime.Flow;
import org.basinledger.api.transfer.MoneyOverTime.MonthlyTotal;
import org.basinledger.app.portal.ChartAxis.AxisLabel;
import org.basinledger.app.portal.ChartAxis.Tick;
import org.basinledger.app.portal.ChartAxis.ValueAxis;

/**
 * A chart of money over time in one currency, drawn on the server as inline SVG like {@link ComplianceChart}:
 * per period, a bar for each flow that has money (created, paid, refunds, top-ups of an agreement; paid and
 * received by a jurisdiction). Periods are the months from the first to the last with money when they are at most
 * {@link #MAX_MONTHS}, else the years; a period without money is drawn empty, so the time axis is even. Amounts are
 * the database's exact sums, added up exactly into years; every one is in {@link #rows()}, which the page shows as
 * a table beside the chart. Value labels (2 decimals) only where they fit; the time axis as {@link ChartAxis}'s.
 */
public record MoneyChart(String currency, boolean yearly, List<Series> series, List<Row> rows, List<BigDecimal> totals,
                         List<Bar> bars, List<Tick> ticks, List<AxisLabel> axisLabels, int width, int height,
                         int plotLeft, int plotRight, int plotTop, int plotBottom) {

    /** Monthly periods up to this many months from the first to the last, years beyond. */
    static final int MAX_MONTHS = 36;
    static final int WIDTH = 640;
    static final int HEIGHT = 300;
    static final int RIGHT = 16;
    static final int TOP = 40;
    static final int BOTTOM = 56;

    /** A flow drawn, in words, with its colour and where its legend entry starts. */
    public record Series(Flow flow, String name, String colour, double legendX) {
    }

    /** One period: the amount of each series, in the order of {@link #series()}. */
    public record Row(String period, List<BigDecimal> amounts) {
    }

    /** One bar; its value label is drawn above it only when {@code labelled} (it fits beside its neighbours). */
    public record Bar(double x, double y, double width, double height, double labelX, String label, String colour,
                      boolean labelled) {
    }

    private static final Map<Flow, String> NAMES = Map.of(
            Flow.CREATED, "Transfers created",
            Flow.PAID, "Paid",
            Flow.REFUNDS, "Refunds ordered",
            Flow.TOP_UPS, "Top-ups ordered",
            Flow.PAID_OUT, "Paid",
            Flow.RECEIVED, "Received");

    private static final Map<Flow, String> COLOURS = Map.of(
            Flow.CREATED, "#1d70b8",
            Flow.PAID, "#00703c",
            Flow.REFUNDS, "#d4351c",
            Flow.TOP_UPS, "#f47738",
            Flow.PAID_OUT, "#d4351c",
            Flow.RECEIVED, "#00703c");

    /** One chart per currency with money, currencies in alphabetical order. */
    public static List<MoneyChart> of(MoneyOverTime money) {
        Map<String, List<MonthlyTotal>> byCurrency = new TreeMap<>();
        money.totals().forEach(t -> byCurrency.computeIfAbsent(t.currency(), c -> new ArrayList<>()).add(t));
        return byCurrency.entrySet().stream().map(e -> chart(e.getKey(), e.getValue())).toList();
    }

    private static MoneyChart chart(String currency, List<MonthlyTotal> totals) {
        List<Flow> flows = Arrays.stream(Flow.values())
                .filter(f -> totals.stream().anyMatch(t -> t.flow() == f)).toList();
        YearMonth first = totals.stream().map(t -> YearMonth.of(t.year(), t.month())).min(YearMonth::compareTo)
                .orElseThrow();
        YearMonth last = totals.stream().map(t -> YearMonth.of(t.year(), t.month())).max(YearMonth::compareTo)
                .orElseThrow();
        boolean yearly = first.until(last, ChronoUnit.MONTHS) + 1 > MAX_MONTHS;
        // every period from the first to the last, each flow's amount summed exactly
        Map<String, BigDecimal[]> amounts = new TreeMap<>();
        if (yearly) {
            for (int y = first.getYear(); y <= last.getYear(); y++) {
                amounts.put(String.valueOf(y), zeros(flows.size()));
            }
        } else {
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                amounts.put(m.toString(), zeros(flows.size()));
            }
        }
        for (MonthlyTotal t : totals) {
            YearMonth month = YearMonth.of(t.year(), t.month());
            BigDecimal[] row = amounts.get(yearly ? String.valueOf(t.year()) : month.toString());
            int i = flows.indexOf(t.flow());
            row[i] = row[i].add(t.amount());
        }
        List<Row> rows = amounts.entrySet().stream()
                .map(e -> new Row(e.getKey(), List.of(e.getValue()))).toList();
        List<BigDecimal> sums = new ArrayList<>();
        for (int i = 0; i < flows.size(); i++) {
            int f = i;
            sums.add(rows.stream().map(r -> r.amounts().get(f)).reduce(BigDecimal.ZERO, BigDecimal::add));
        }

        int plotTop = TOP;
        int plotBottom = HEIGHT - BOTTOM;
        double max = rows.stream().flatMap(r -> r.amounts().stream()).mapToDouble(BigDecimal::doubleValue).max()
                .orElse(0);
        ValueAxis axis = ValueAxis.upTo(max, plotTop, plotBottom);
        int plotLeft = (int) Math.ceil(axis.widestLabel() + 16);
        int plotRight = WIDTH - RIGHT;
        double slot = (plotRight - plotLeft) / (double) rows.size();
        double barSlot = slot * 0.8 / flows.size();
        double barWidth = Math.min(32, barSlot * 0.8);

        List<Bar> bars = new ArrayList<>();
        List<Double> centres = new ArrayList<>();
        for (int p = 0; p < rows.size(); p++) {
            double groupLeft = plotLeft + slot * p + slot * 0.1;
            centres.add(round(plotLeft + slot * p + slot / 2));
            for (int f = 0; f < flows.size(); f++) {
                BigDecimal amount = rows.get(p).amounts().get(f);
                double h = axis.height(amount.doubleValue());
                double x = groupLeft + barSlot * f + (barSlot - barWidth) / 2;
                String label = amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
                // an empty bar needs no label; any other needs its characters and a gap within its own share
                boolean fits = amount.signum() != 0 && textWidth(label) + GAP <= barSlot;
                bars.add(new Bar(round(x), round(plotBottom - h), round(barWidth), round(h),
                        round(x + barWidth / 2), label, COLOURS.get(flows.get(f)), fits));
            }
        }
        List<Series> series = new ArrayList<>();
        double legendX = plotLeft;
        for (Flow flow : flows) {
            series.add(new Series(flow, NAMES.get(flow), COLOURS.get(flow), round(legendX)));
            legendX += 20 + textWidth(NAMES.get(flow)) + 2 * GAP;
        }
        return new MoneyChart(currency, yearly, series, rows, sums, bars, axis.ticks(),
                ChartAxis.timeLabels(centres, rows.stream().map(Row::period).toList(), slot), WIDTH, HEIGHT,
                plotLeft, plotRight, plotTop, plotBottom);
    }

    /** The flows drawn, in words: "Transfers created, Paid". */
    public String seriesNames() {
        return String.join(", ", series.stream().map(Series::name).toList());
    }

    /** Whether some value labels were left out for want of room (the page then says they are in the table). */
    public boolean someValuesUnlabelled() {
        return bars.stream().anyMatch(b -> !b.labelled() && new BigDecimal(b.label()).signum() != 0);
    }

    private static BigDecimal[] zeros(int size) {
        BigDecimal[] zeros = new BigDecimal[size];
        Arrays.fill(zeros, BigDecimal.ZERO);
        return zeros;
    }
}
