package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.Scenarios;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /api/v1/agreements/{id}/monitoring-reports/batch} over HTTP on the whole application (issue 11, part
 * 2): a batch is applied all or nothing, every refused report is named, a report key or an {@code Idempotency-Key}
 * makes a retry record nothing twice, and the batch's own bounds hold. The subclasses run it on H2 and PostgreSQL
 * with {@code ledger.max-request-bytes=65536}, {@code ledger.monitoring-batch.max-reports=20} and
 * {@code ledger.monitoring-batch.max-request-bytes=1048576}.
 */
abstract class MonitoringReportBatchContract {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;
    LedgerDriver ledger;
    Government anhui;
    Government zhejiang;
    Government ministry;
    String agreementId;
    String batchPath;

    @BeforeEach
    void agreementInForce() {
        http = new Http(port);
        ledger = new LedgerDriver(http);
        anhui = ledger.register("CN-AH");
        zhejiang = ledger.register("CN-ZJ");
        ministry = ledger.register("CN-MOF");
        agreementId = Scenarios.signedInForce(ledger, Scenarios.xinan(anhui, zhejiang, ministry), anhui, zhejiang,
                ministry);
        batchPath = "/api/v1/agreements/" + agreementId + "/monitoring-reports/batch";
    }

    @Test
    void aValidBatchRecordsEveryReportAndAnswersEachWithItsLocation() {
        Http.Answer answer = send(zhejiang, batch(keyed(1), keyed(2), keyed(3)));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.path("created").asInt()).isEqualTo(3);
        assertThat(body.path("unchanged").asInt()).isZero();
        assertThat(body.path("reports")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode item = body.path("reports").path(i);
            assertThat(item.path("index").asInt()).isEqualTo(i);
            assertThat(item.path("reportKey").asText()).isEqualTo("JIEKOU/" + month(i + 1));
            assertThat(item.path("outcome").asText()).isEqualTo("CREATED");
            Http.Answer read = http.get(item.path("location").asText()).token(anhui.token()).send();
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json().path("period").asText()).isEqualTo(month(i + 1));
            assertThat(read.json().path("submittedBy").asText()).isEqualTo(zhejiang.id());
            assertThat(read.json().path("samples")).hasSize(8);
        }
        assertThat(reportsListed()).isEqualTo(3);
        assertThat(reportEvents()).isEqualTo(3);
    }

    @Test
    void aBatchSentAgainRecordsNothingTwiceAndAReportKeyWithOtherContentIsRefused() {
        Map<String, Object> batch = batch(keyed(1), keyed(2));
        assertThat(send(zhejiang, batch).status()).isEqualTo(200);

        // the answer was lost: the clerk sends the same batch again, and then the next one that repeats a report
        Http.Answer again = send(zhejiang, batch);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("created").asInt()).isZero();
        assertThat(again.json().path("unchanged").asInt()).isEqualTo(2);
        assertThat(again.json().path("reports").path(1).path("outcome").asText()).isEqualTo("UNCHANGED");
        Http.Answer overlapping = send(zhejiang, batch(keyed(2), keyed(3)));
        assertThat(overlapping.status()).as(overlapping.toString()).isEqualTo(200);
        assertThat(overlapping.json().path("created").asInt()).isEqualTo(1);
        assertThat(reportEvents()).isEqualTo(3);

        Map<String, Object> changed = keyed(3);
        changed.put("flowCubicMetresPerSecond", "12.5");
        Http.Answer refused = send(zhejiang, batch(keyed(4), changed));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:basin-ledger:problem:already-exists");
        assertThat(refused.json().path("refused")).hasSize(1);
        assertThat(refused.json().path("refused").path(0).path("index").asInt()).isEqualTo(1);
        assertThat(refused.json().path("refused").path(0).path("reportKey").asText())
                .isEqualTo("JIEKOU/" + month(3));
        assertThat(reportEvents()).as("report 4 is not recorded either").isEqualTo(3);
    }

    @Test
    void anInvalidReportRefusesTheWholeBatchAndEveryWrongFieldIsNamed() {
        Map<String, Object> negative = keyed(2);
        sampleOf(negative, 0).put("value", "-1");
        Map<String, Object> outside = keyed(3);
        sampleOf(outside, 1).put("takenAt", LocalDate.of(Scenarios.LAST_YEAR, 7, 1).atTime(2, 0)
                .toInstant(ZoneOffset.UTC).toString());
        Map<String, Object> unknownSection = keyed(4);
        unknownSection.put("sectionId", "NOWHERE");

        Http.Answer answer = send(zhejiang, batch(keyed(1), negative, outside, unknownSection));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        JsonNode problem = answer.json();
        assertThat(problem.path("type").asText()).isEqualTo("urn:basin-ledger:problem:invalid-input");
        assertThat(problem.path("detail").asText()).contains("3 of 4 reports refused")
                .contains("nothing of this batch was recorded");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).contains("reports[1].samples[0].value", "reports[2].samples[1].takenAt",
                "reports[3].sectionId");
        List<Integer> refused = new ArrayList<>();
        problem.path("refused").forEach(r -> refused.add(r.path("index").asInt()));
        assertThat(refused).containsExactly(1, 2, 3);
        assertThat(reportsListed()).as("report 0 was valid, and is not recorded either").isZero();
        assertThat(reportEvents()).isZero();

        // the same clerk fixes the file: the whole batch goes in
        Http.Answer fixed = send(zhejiang, batch(keyed(1), keyed(2), keyed(3), keyed(4)));
        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(200);
        assertThat(reportEvents()).isEqualTo(4);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndAppliesNothingTwice() {
        Map<String, Object> unkeyed = batch(unkeyed(5), unkeyed(6));
        String key = "backfill-" + UUID.randomUUID();

        Http.Answer first = http.post(batchPath, unkeyed).token(zhejiang.token()).header("Idempotency-Key", key).send();
        Http.Answer retry = http.post(batchPath, unkeyed).token(zhejiang.token()).header("Idempotency-Key", key).send();
        Http.Answer other = http.post(batchPath, batch(unkeyed(7))).token(zhejiang.token())
                .header("Idempotency-Key", key).send();

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(reportEvents()).isEqualTo(2);
    }

    @Test
    void aBatchHasItsOwnBoundsOnCountAndSize() throws Exception {
        // larger than ledger.max-request-bytes (64 KiB), within the batch's own 1 MiB
        List<Map<String, Object>> daily = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            daily.add(dailyReport(m));
        }
        Map<String, Object> large = Map.of("reports", daily);
        assertThat(new ObjectMapper().writeValueAsBytes(large).length).isGreaterThan(65536);
        Http.Answer accepted = send(zhejiang, large);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().path("created").asInt()).isEqualTo(12);

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(keyed(1 + i % 12));
            many.get(i).put("reportKey", "MANY-" + i);
        }
        Http.Answer tooMany = send(zhejiang, Map.of("reports", many));
        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(400);
        assertThat(tooMany.json().path("errors").path(0).path("field").asText()).isEqualTo("reports");
        assertThat(tooMany.json().path("detail").asText()).contains("at most 20 reports");

        byte[] tooLarge = new byte[1_048_577];
        Arrays.fill(tooLarge, (byte) ' ');
        Http.Answer refused = http.post(batchPath, tooLarge).token(zhejiang.token()).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(413);
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:basin-ledger:problem:payload-too-large");

        Http.Answer empty = send(zhejiang, Map.of("reports", List.of()));
        assertThat(empty.status()).isEqualTo(400);
        Http.Answer repeated = send(zhejiang, batch(keyed(1), keyed(1)));
        assertThat(repeated.status()).isEqualTo(400);
        assertThat(repeated.json().path("errors").path(0).path("field").asText()).isEqualTo("reports[1].reportKey");
        assertThat(reportEvents()).isEqualTo(12);
    }

    @Test
    void onlyAPartyMayReportAndTheRefusalRecordsNothing() {
        assertThat(send(zhejiang, batch(keyed(1))).status()).isEqualTo(200);
        Government stranger = ledger.register("CN-JS");

        Http.Answer asStranger = send(stranger, batch(keyed(1), keyed(2)));
        Http.Answer asPublic = http.post(batchPath, batch(keyed(2))).send();

        assertThat(asStranger.status()).as(asStranger.toString()).isEqualTo(403);
        assertThat(asPublic.status()).as(asPublic.toString()).isEqualTo(401);
        assertThat(reportEvents()).isEqualTo(1);
    }

    private Http.Answer send(Government by, Map<String, Object> body) {
        return http.post(batchPath, body).token(by.token()).send();
    }

    private static Map<String, Object> batch(Map<?, ?>... reports) {
        return Map.of("reports", List.of(reports));
    }

    private static String month(int month) {
        return String.format("%04d-%02d", Scenarios.LAST_YEAR, month);
    }

    /** A report of the month at Jiekou with the key {@code JIEKOU/<period>}. */
    private static Map<String, Object> keyed(int month) {
        Map<String, Object> report = unkeyed(month);
        report.put("reportKey", "JIEKOU/" + month(month));
        return report;
    }

    private static Map<String, Object> unkeyed(int month) {
        Map<String, Object> report = new LinkedHashMap<>(Scenarios.monthlyReport("JIEKOU", Scenarios.LAST_YEAR, month,
                Map.of("CODMN", "1.6", "NH3N", "0.10", "TP", "0.020", "TN", "1.10"), null));
        List<Map<String, Object>> samples = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> given = (List<Map<String, Object>>) report.get("samples");
        given.forEach(s -> samples.add(new HashMap<>(s)));
        report.put("samples", samples);
        return report;
    }

    /** Every day of the month, four pollutants: about 11 KB. */
    private static Map<String, Object> dailyReport(int month) {
        List<Map<String, Object>> samples = new ArrayList<>();
        LocalDate first = LocalDate.of(Scenarios.LAST_YEAR, month, 1);
        for (LocalDate day = first; day.getMonthValue() == month; day = day.plusDays(1)) {
            String takenAt = day.atTime(2, 0).toInstant(ZoneOffset.UTC).toString();
            for (String pollutant : List.of("CODMN", "NH3N", "TP", "TN")) {
                samples.add(Scenarios.sample(takenAt, pollutant, "0." + (10 + day.getDayOfMonth())));
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("reportKey", "DAILY/" + month(month));
        report.put("sectionId", "JIEKOU");
        report.put("period", month(month));
        report.put("samples", samples);
        return report;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sampleOf(Map<String, Object> report, int index) {
        return ((List<Map<String, Object>>) report.get("samples")).get(index);
    }

    private long reportsListed() {
        return http.get("/api/v1/agreements/" + agreementId + "/monitoring-reports").token(anhui.token()).send()
                .json().path("totalItems").asLong();
    }

    private long reportEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type LIKE '%MonitoringReportSubmittedEvent'", Long.class, agreementId);
    }
}
