package org.basinledger.app.portal;

import static org.basinledger.app.portal.ChartAxis.GAP;
import static org.basinledger.app.portal.ChartAxis.round;
import static org.basinledger.app.portal.ChartAxis.textWidth;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.basinledger.api.emission.EmissionAccountView;
import org.basinledger.api.emission.Quantities;
import org.basinledger.app.portal.ChartAxis.AxisLabel;
import org.basinledger.app.portal.ChartAxis.Tick;
import org.basinledger.app.portal.ChartAxis.ValueAxis;

/**
 * A line chart, drawn on the server as inline SVG like {@link MoneyChart}, of what each holder of an emission scheme
 * held (tonnes, all vintages) at the end of each month (UTC) from its first movement to its last, or of each year
 * when that spans more than {@link MoneyChart#MAX_MONTHS} months. Holdings are summed exactly from the accounts'
 * movements (issued, bought, sold, surrendered); every figure is in {@link #rows()}, shown as a table beside it.
 */
public record HoldingsChart(List<Series> series, List<Row> rows, boolean yearly, List<Tick> ticks,
                            List<AxisLabel> axisLabels, int width, int height, int plotLeft, int plotRight,
                            int plotTop, int plotBottom) {

    static final int WIDTH = 640;
    static final int HEIGHT = 300;
    static final int RIGHT = 16;
    static final int TOP = 40;
    static final int BOTTOM = 56;
    private static final String[] COLOURS = {"#1d70b8", "#00703c", "#d4351c", "#f47738", "#4c2c92", "#b58840",
        "#28a197", "#f499be", "#5694ca", "#505a5f"};

    /** One holder's line: its points as an SVG {@code points} attribute, its legend entry. */
    public record Series(String holder, String name, String colour, String points, double legendX) {
    }

    /** One period: each holder's holding at its end, in the order of {@link #series()}. */
    public record Row(String period, List<BigDecimal> holdings) {
    }

    /** The chart of the accounts' movements; null when nothing was ever issued. */
    public static HoldingsChart of(List<EmissionAccountView> accounts, Map<String, String> names) {
        List<EmissionAccountView> holders = accounts.stream().filter(a -> !a.transactions().isEmpty()).toList();
        if (holders.isEmpty()) {
            return null;
        }
        YearMonth first = null;
        YearMonth last = null;
        for (EmissionAccountView account : holders) {
            for (EmissionAccountView.Transaction t : account.transactions()) {
                YearMonth month = month(t.at());
                first = first == null || month.isBefore(first) ? month : first;
                last = last == null || month.isAfter(last) ? month : last;
            }
        }
        boolean yearly = first.until(last, ChronoUnit.MONTHS) + 1 > MoneyChart.MAX_MONTHS;
        Map<String, BigDecimal[]> periods = new LinkedHashMap<>();
        if (yearly) {
            for (int y = first.getYear(); y <= last.getYear(); y++) {
                periods.put(String.valueOf(y), null);
            }
        } else {
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                periods.put(m.toString(), null);
            }
        }
        List<String> keys = new ArrayList<>(periods.keySet());
        // per holder, the change in each period, then running sums: exact decimals throughout
        BigDecimal[][] holdings = new BigDecimal[keys.size()][holders.size()];
        for (int h = 0; h < holders.size(); h++) {
            Map<String, BigDecimal> change = new TreeMap<>();
            for (EmissionAccountView.Transaction t : holders.get(h).transactions()) {
                String key = yearly ? String.valueOf(month(t.at()).getYear()) : month(t.at()).toString();
                BigDecimal signed = t.kind().equals("ISSUED") || t.kind().equals("BOUGHT") ? t.quantity()
                        : t.quantity().negate();
                change.merge(key, signed, BigDecimal::add);
            }
            BigDecimal running = BigDecimal.ZERO;
            for (int p = 0; p < keys.size(); p++) {
                running = running.add(change.getOrDefault(keys.get(p), BigDecimal.ZERO));
                holdings[p][h] = Quantities.normal(running);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int p = 0; p < keys.size(); p++) {
            rows.add(new Row(keys.get(p), List.of(holdings[p])));
        }

        double max = rows.stream().flatMap(r -> r.holdings().stream()).mapToDouble(BigDecimal::doubleValue).max()
                .orElse(0);
        ValueAxis axis = ValueAxis.upTo(max, TOP, HEIGHT - BOTTOM);
        int plotLeft = (int) Math.ceil(axis.widestLabel() + 16);
        int plotRight = WIDTH - RIGHT;
        int plotBottom = HEIGHT - BOTTOM;
        double slot = (plotRight - plotLeft) / (double) keys.size();
        List<Double> centres = new ArrayList<>();
        for (int p = 0; p < keys.size(); p++) {
            centres.add(round(plotLeft + slot * p + slot / 2));
        }
        List<Series> series = new ArrayList<>();
        double legendX = plotLeft;
        for (int h = 0; h < holders.size(); h++) {
            StringBuilder points = new StringBuilder();
            for (int p = 0; p < keys.size(); p++) {
                double y = round(plotBottom - axis.height(holdings[p][h].doubleValue()));
                points.append(p == 0 ? "" : " ").append(centres.get(p)).append(',').append(y);
            }
            String holder = holders.get(h).holder();
            String name = names.getOrDefault(holder, holder);
            series.add(new Series(holder, name, COLOURS[h % COLOURS.length], points.toString(), round(legendX)));
            legendX += 20 + textWidth(name) + 2 * GAP;
        }
        return new HoldingsChart(series, rows, yearly, axis.ticks(), ChartAxis.timeLabels(centres, keys, slot),
                WIDTH, HEIGHT, plotLeft, plotRight, TOP, plotBottom);
    }

    /** The holders drawn, in words. */
    public String seriesNames() {
        return String.join(", ", series.stream().map(Series::name).toList());
    }

    private static YearMonth month(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC));
    }
}
