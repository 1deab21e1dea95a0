package org.basinledger.app.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.basinledger.api.common.Money;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.api.transfer.TransferSource;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.api.transfer.TransferView;
import org.basinledger.app.opendata.PublicLedger.RulingEntry;
import org.junit.jupiter.api.Test;

class CsvTablesTest {

    private static final String AWKWARD = "Wuxi, \"upstream\", pays;\nline two — 无锡";

    @Test
    void writesRfc4180WithAHeaderRowCrlfAndQuotingThatReadsBack() throws Exception {
        TransferView transfer = new TransferView("T1", "A1", "CN-JS-WX", "CN-JS-SZ", Money.of("1234567.8", "CNY"),
                AWKWARD, TransferSource.PARTY, null, TransferStatus.DUE, 0, Instant.parse("2024-01-02T03:04:05Z"),
                null, null, null, null, Instant.parse("2024-01-02T03:04:05Z"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CsvTables.TRANSFERS.write(out, rows -> rows.accept(transfer));
        String csv = out.toString(StandardCharsets.UTF_8);

        assertThat(csv).startsWith("id,agreementId,payer,payee,amount,amountCurrency,reason,");
        assertThat(csv.split("\r\n", -1)[0]).doesNotContain("\n");
        assertThat(csv).contains("\"Wuxi, \"\"upstream\"\", pays;\nline two — 无锡\"");
        assertThat(csv).endsWith("\r\n");
        List<Map<String, String>> rows = read(csv);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("reason")).isEqualTo(AWKWARD);
        assertThat(rows.get(0).get("amount")).isEqualTo("1234567.80");
        assertThat(rows.get(0).get("amountCurrency")).isEqualTo("CNY");
        assertThat(rows.get(0).get("sourceId")).isEmpty();
        assertThat(rows.get(0).get("createdAt")).isEqualTo("2024-01-02T03:04:05Z");
    }

    @Test
    void aRefundNamesTheTransferItCorrectsAndACorrectedTransferWhatTheRulingSet() throws Exception {
        Instant at = Instant.parse("2024-01-02T03:04:05Z");
        TransferView paid = new TransferView("T1", "A1", "CN-JS-WX", "CN-JS-SZ", Money.of("100", "CNY"), "assessment",
                TransferSource.ASSESSMENT, "S1", TransferStatus.PAID, 5, at, at, at, "ref", null, at, null,
                Money.of("60", "CNY"));
        TransferView refund = new TransferView("T2", "A1", "CN-JS-SZ", "CN-JS-WX", Money.of("40", "CNY"), "refund",
                TransferSource.REFUND, "D1", TransferStatus.DUE, 0, at, null, null, null, null, at, "T1", null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CsvTables.TRANSFERS.write(out, rows -> {
            rows.accept(paid);
            rows.accept(refund);
        });
        List<Map<String, String>> rows = read(out.toString(StandardCharsets.UTF_8));

        assertThat(rows.get(0).get("ruledAmount")).isEqualTo("60.00");
        assertThat(rows.get(0).get("ruledAmountCurrency")).isEqualTo("CNY");
        assertThat(rows.get(0).get("correctsTransferId")).isEmpty();
        assertThat(rows.get(1).get("source")).isEqualTo("REFUND");
        assertThat(rows.get(1).get("correctsTransferId")).isEqualTo("T1");
        assertThat(rows.get(1).get("ruledAmount")).isEmpty();
    }

    @Test
    void listsAreJoinedAndDecimalsArePlain() throws Exception {
        RulingEntry ruling = new RulingEntry("D1", "A1", new Subject(SubjectType.ASSESSMENT, "S1"), "CN-JS-WX",
                List.of("CN-JS-SZ", "CN-JS"), "JS-DEE", "ADJUSTED", "=reasoning", Money.of(new BigDecimal("1E+3"), "CNY"),
                Instant.parse("2024-01-02T00:00:00Z"), Instant.parse("2024-02-02T00:00:00Z"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CsvTables.RULINGS.write(out, rows -> rows.accept(ruling));
        Map<String, String> row = read(out.toString(StandardCharsets.UTF_8)).get(0);

        assertThat(row.get("respondents")).isEqualTo("CN-JS-SZ;CN-JS");
        assertThat(row.get("adjustedAmount")).isEqualTo("1000.00");
        assertThat(row.get("subjectType")).isEqualTo("ASSESSMENT");
        assertThat(row.get("reasoning")).as("a formula is written as text").isEqualTo("'=reasoning");
    }

    @Test
    void anEmptyListIsTheHeaderAlone() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CsvTables.ASSESSMENTS.write(out, rows -> { });

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                String.join(",", CsvTables.ASSESSMENTS.headers()) + "\r\n");
    }

    static List<Map<String, String>> read(String csv) throws Exception {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return rows.readAll();
        }
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaIsWrittenAsTextAndNumbersStayNumbers() {
        assertThat(CsvTables.text("=HYPERLINK(\"http://evil\",\"x\")")).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
        assertThat(CsvTables.text("+1+cmd|' /C calc'!A0")).startsWith("'+");
        assertThat(CsvTables.text("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvTables.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvTables.text("\tx")).isEqualTo("'\tx");
        assertThat(CsvTables.text("\rx")).isEqualTo("'\rx");
        assertThat(CsvTables.text("-1250000.50")).isEqualTo("-1250000.50");
        assertThat(CsvTables.text("+7")).isEqualTo("+7");
        assertThat(CsvTables.text("Wuxi pays = fair")).isEqualTo("Wuxi pays = fair");
        assertThat(CsvTables.text(new BigDecimal("-3.5"))).isEqualTo("-3.5");
    }
}
