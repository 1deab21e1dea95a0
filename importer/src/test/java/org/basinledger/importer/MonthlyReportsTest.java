package org.basinledger.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the samples file and grouping its rows into monthly reports. */
class MonthlyReportsTest {

    @TempDir
    Path dir;

    @Test
    void rowsOfInterleavedSectionsBecomeOneReportPerSectionAndMonth() throws IOException {
        List<MonthlyReports.Report> reports = read("""
                agreementId,sectionId,takenAt,pollutant,value,unit
                A1,JIEKOU,2025-01-30,CODMN,2.1,mg/L
                A1,JINZE,2025-01-30,CODMN,3.1,mg/L
                A1,JIEKOU,2025-01-31,codmn,2.2,mg/L
                # a comment, and a blank line

                A1,JIEKOU,2025-02-01,CODMN,2.3,mg/L
                A1,JINZE,2025-02-01T01:00:00Z,CODMN,3.3,mg/L
                """);

        assertThat(reports).extracting(MonthlyReports.Report::reportKey)
                .containsExactly("JIEKOU/2025-01", "JINZE/2025-01", "JIEKOU/2025-02", "JINZE/2025-02");
        MonthlyReports.Report january = reports.get(0);
        assertThat(january.samples()).extracting(MonthlyReports.Sample::value).containsExactly("2.1", "2.2");
        assertThat(january.samples().get(1).pollutant()).isEqualTo("CODMN");
        // a date is 10:00 China Standard Time that day
        assertThat(january.samples().get(0).takenAt()).isEqualTo("2025-01-30T02:00:00Z");
        assertThat(january.firstLine()).isEqualTo(2);
    }

    @Test
    void monthsFollowChinaStandardTimeAsTheLedgersPeriodsDo() throws IOException {
        List<MonthlyReports.Report> reports = read("""
                agreementId,sectionId,takenAt,pollutant,value,unit
                A1,S,2025-01-31T17:00:00Z,TP,0.05,mg/L
                """);
        assertThat(reports.get(0).period()).isEqualTo("2025-02");
    }

    @Test
    void aSectionGoingBackToAnEarlierMonthIsRefusedWithItsLine() {
        assertThatThrownBy(() -> read("""
                agreementId,sectionId,takenAt,pollutant,value,unit
                A1,S,2025-03-01,TP,0.05,mg/L
                A1,S,2025-02-27,TP,0.05,mg/L
                """)).hasMessageContaining("line 3").hasMessageContaining("goes back to 2025-02 after 2025-03");
    }

    @Test
    void columnsAreFoundByTheirHeaderAndTheFlowIsTheReports() throws IOException {
        List<MonthlyReports.Report> reports = read("""
                unit,value,pollutant,takenAt,sectionId,agreementId,flowCubicMetresPerSecond
                mg/L,0.05,TP,2025-03-01,"S,1",A1,12.5
                mg/L,0.06,TP,2025-03-02,"S,1",A1,
                """);
        assertThat(reports.get(0).sectionId()).isEqualTo("S,1");
        assertThat(reports.get(0).flow()).isEqualTo("12.5");
        assertThat(reports.get(0).samples()).hasSize(2);
    }

    @Test
    void aMissingColumnOrAnUnreadableDateIsNamed() {
        assertThatThrownBy(() -> read("agreementId,sectionId,takenAt,pollutant,value\n"))
                .hasMessageContaining("the header lacks unit");
        assertThatThrownBy(() -> read("""
                agreementId,sectionId,takenAt,pollutant,value,unit
                A1,S,1 March,TP,0.05,mg/L
                """)).hasMessageContaining("line 2 takenAt 1 March");
    }

    @Test
    void theGeneratorWritesPlainDecimals() {
        assertThat(GenerateCommand.thousandths(0.0851)).isEqualTo("0.085");
        assertThat(GenerateCommand.thousandths(14.2)).isEqualTo("14.200");
        assertThat(GenerateCommand.thousandths(0.004)).isEqualTo("0.004");
    }

    private List<MonthlyReports.Report> read(String text) throws IOException {
        Path file = dir.resolve("samples-" + System.nanoTime() + ".csv");
        Files.writeString(file, text);
        List<MonthlyReports.Report> reports = new ArrayList<>();
        MonthlyReports grouper = new MonthlyReports();
        try (SampleCsv csv = new SampleCsv(file)) {
            for (SampleCsv.Row row = csv.next(); row != null; row = csv.next()) {
                MonthlyReports.Report done = grouper.accept(row);
                if (done != null) {
                    reports.add(done);
                }
            }
        }
        reports.addAll(grouper.finish());
        return reports;
    }
}
