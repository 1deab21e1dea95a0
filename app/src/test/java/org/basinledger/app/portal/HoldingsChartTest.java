package org.basinledger.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.basinledger.api.emission.EmissionAccountStatus;
import org.basinledger.api.emission.EmissionAccountView;
import org.basinledger.api.emission.EmissionAccountView.Transaction;
import org.junit.jupiter.api.Test;

class HoldingsChartTest {

    private static Transaction t(long sequence, String at, String kind, String tonnes) {
        return new Transaction(sequence, Instant.parse(at), kind, 2026, new BigDecimal(tonnes), null, null, null);
    }

    private static EmissionAccountView account(String holder, Transaction... transactions) {
        return new EmissionAccountView("TAIHU-COD", holder, EmissionAccountStatus.OPEN, Instant.EPOCH, 0, List.of(),
                List.of(transactions), List.of());
    }

    @Test
    void eachHoldersHoldingAtTheEndOfEachMonthIsSummedExactly() {
        HoldingsChart chart = HoldingsChart.of(List.of(
                account("CN-JS-WX", t(1, "2026-01-10T00:00:00Z", "ISSUED", "100.001"),
                        t(3, "2026-03-02T00:00:00Z", "SOLD", "0.001"), t(4, "2026-03-05T00:00:00Z", "SURRENDERED", "40")),
                account("CN-JS-SZ", t(1, "2026-01-10T00:00:00Z", "ISSUED", "50"),
                        t(3, "2026-03-02T00:00:00Z", "BOUGHT", "0.001")),
                account("CN-JS-CZ")), Map.of("CN-JS-WX", "Wuxi"));

        assertThat(chart.yearly()).isFalse();
        assertThat(chart.series()).extracting(HoldingsChart.Series::name).containsExactly("Wuxi", "CN-JS-SZ");
        assertThat(chart.rows()).extracting(HoldingsChart.Row::period).containsExactly("2026-01", "2026-02", "2026-03");
        assertThat(chart.rows().get(0).holdings()).containsExactly(new BigDecimal("100.001"), new BigDecimal("50"));
        assertThat(chart.rows().get(1).holdings()).containsExactly(new BigDecimal("100.001"), new BigDecimal("50"));
        assertThat(chart.rows().get(2).holdings()).containsExactly(new BigDecimal("60"), new BigDecimal("50.001"));
        assertThat(chart.series().get(0).points().split(" ")).hasSize(3);
        assertThat(chart.axisLabels()).isNotEmpty();
    }

    @Test
    void moreThanThreeYearsOfMovementsAreDrawnByYearAndNothingIsNoChart() {
        HoldingsChart chart = HoldingsChart.of(List.of(account("CN-JS-WX",
                t(1, "2021-06-01T00:00:00Z", "ISSUED", "10"), t(2, "2026-06-01T00:00:00Z", "ISSUED", "5"))), Map.of());
        assertThat(chart.yearly()).isTrue();
        assertThat(chart.rows()).hasSize(6);
        assertThat(chart.rows().get(5).holdings()).containsExactly(new BigDecimal("15"));
        assertThat(HoldingsChart.of(List.of(account("CN-JS-WX")), Map.of())).isNull();
    }
}
