package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.Scenarios;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Compliance and compensation over HTTP (issue 3): monitoring reports, assessments by the agreement's own rule,
 * the transfers they create through to settlement, fixed contributions falling due by themselves, balances,
 * the compliance history, and Idempotency-Key. Run against H2 and PostgreSQL by the subclasses.
 */
abstract class CompensationContract {

    @LocalServerPort
    int port;

    Http http;
    LedgerDriver ledger;

    static final int LAST_YEAR = Scenarios.LAST_YEAR;

    @BeforeEach
    void connect() {
        http = new Http(port);
        ledger = new LedgerDriver(http);
    }

    @Test
    void aYearOfReportsIsAssessedByTheWaterQualityIndexAndTheTransferSettlesWhileTheFunderPaysEachYear() {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        Government ministry = ledger.register("CN-MOF");
        Map<String, Object> body = Scenarios.xinan(anhui, zhejiang, ministry);
        String id = Scenarios.signedInForce(ledger, body, anhui, zhejiang, ministry);

        // two anniversaries of effectiveFrom (LAST_YEAR - 1 -> Jan 1 of LAST_YEAR and of this year) have passed:
        // the central contribution fell due twice by itself
        JsonNode funding = http.get("/api/v1/transfers?agreementId=" + id + "&party=" + ministry.id()).send().json();
        assertThat(funding.path("items")).hasSize(2).allSatisfy(t -> {
            assertThat(t.path("payer").asText()).isEqualTo(ministry.id());
            assertThat(t.path("payee").asText()).isEqualTo(anhui.id());
            assertThat(t.path("amount").path("amount").asText()).isEqualTo("300000000.00");
            assertThat(t.path("amount").size()).as("money is exactly {amount, currency}").isEqualTo(2);
            assertThat(t.path("source").asText()).isEqualTo("FIXED_CONTRIBUTION");
            assertThat(t.path("status").asText()).isEqualTo("DUE");
        });

        for (int month = 1; month <= 12; month++) {
            Http.Answer report = http.post("/api/v1/agreements/" + id + "/monitoring-reports",
                    Scenarios.monthlyReport("JIEKOU", LAST_YEAR, month, Map.of("CODMN", "1.80", "NH3N", "0.12", "TP", "0.025", "TN", "1.20"), null))
                    .token(month % 2 == 0 ? zhejiang.token() : anhui.token()).send();
            assertThat(report.status()).as(report.toString()).isEqualTo(201);
        }
        JsonNode reports = http.get("/api/v1/agreements/" + id + "/monitoring-reports?sectionId=JIEKOU")
                .token(zhejiang.token()).send().json();
        assertThat(reports.path("items")).hasSize(12);

        Http.Answer assessed = http.post("/api/v1/agreements/" + id + "/assessments",
                Map.of("sectionId", "JIEKOU", "period", String.valueOf(LAST_YEAR))).token(zhejiang.token()).send();
        assertThat(assessed.status()).as(assessed.toString()).isEqualTo(201);
        JsonNode assessment = assessed.json();
        assertThat(assessment.path("rule").asText()).isEqualTo("WATER_QUALITY_INDEX");
        assertThat(assessment.path("result").path("index").asText()).isEqualTo("0.8500");
        assertThat(assessment.path("result").path("met").asBoolean()).isTrue();
        assertThat(assessment.path("result").path("waterClass").asText()).isEqualTo("II");
        assertThat(assessment.path("result").path("payer").asText()).isEqualTo(zhejiang.id());
        assertThat(assessment.path("result").path("payee").asText()).isEqualTo(anhui.id());
        assertThat(assessment.path("result").path("amount").path("amount").asText()).isEqualTo("100000000.00");
        // the samples by reference: the twelve reports, each by the event that stored it, and per pollutant the
        // count and exact sum of its samples
        assertThat(assessment.path("inputs").path("samples")).isEmpty();
        assertThat(assessment.path("inputs").path("means")).extracting(m -> m.path("samples").asInt())
                .containsOnly(12 * 2);
        assertThat(assessment.path("inputs").path("means")).extracting(m -> m.path("sum").asText()).contains("43.20");
        JsonNode reportHistory = http.get("/api/v1/agreements/" + id + "/history?limit=500").token(zhejiang.token())
                .send().json();
        List<String> reportEvents = new ArrayList<>();
        reportHistory.path("items").forEach(e -> {
            if (e.path("type").asText().contains("MonitoringReportSubmitted")) {
                reportEvents.add(e.path("eventId").asText());
            }
        });
        assertThat(assessment.path("inputs").path("reports")).extracting(r -> r.path("eventId").asText())
                .containsExactlyElementsOf(reportEvents);
        assertThat(assessment.path("inputs").path("ruleVersion").asText()).isNotBlank();
        String transferId = assessment.path("transferId").asText();
        assertThat(transferId).isNotBlank();

        Http.Answer again = http.post("/api/v1/agreements/" + id + "/assessments",
                Map.of("sectionId", "JIEKOU", "period", String.valueOf(LAST_YEAR))).token(anhui.token()).send();
        assertThat(again.status()).as(again.toString()).isEqualTo(409);

        // only the right party takes each step, in order
        assertThat(post("/api/v1/transfers/" + transferId + "/acknowledgement", null, anhui).status()).isEqualTo(403);
        assertThat(post("/api/v1/transfers/" + transferId + "/receipt", null, anhui).status()).isEqualTo(409);
        assertThat(post("/api/v1/transfers/" + transferId + "/acknowledgement", null, zhejiang).json()
                .path("status").asText()).isEqualTo("ACKNOWLEDGED");
        Map<String, Object> payment = Map.of("reference", "ZJ-TREASURY-2026-0042", "paidAt", "2026-01-15T02:00:00Z");
        assertThat(post("/api/v1/transfers/" + transferId + "/payment", payment, anhui).status()).isEqualTo(403);
        assertThat(post("/api/v1/transfers/" + transferId + "/payment", payment, zhejiang).json()
                .path("status").asText()).isEqualTo("PAID");
        assertThat(post("/api/v1/transfers/" + transferId + "/receipt", null, zhejiang).status()).isEqualTo(403);
        Http.Answer settled = post("/api/v1/transfers/" + transferId + "/receipt", null, anhui);
        assertThat(settled.json().path("status").asText()).isEqualTo("SETTLED");
        assertThat(settled.json().path("paymentReference").asText()).isEqualTo("ZJ-TREASURY-2026-0042");

        JsonNode balance = http.get("/api/v1/jurisdictions/" + anhui.id() + "/balance").send().json();
        assertThat(balance.path("counterparties")).anySatisfy(c -> {
            assertThat(c.path("counterparty").asText()).isEqualTo(zhejiang.id());
            assertThat(c.path("settled").path("amount").asText()).isEqualTo("100000000.00");
            assertThat(c.path("due").path("amount").asText()).isEqualTo("0.00");
        });
        assertThat(balance.path("counterparties")).anySatisfy(c -> {
            assertThat(c.path("counterparty").asText()).isEqualTo(ministry.id());
            assertThat(c.path("due").path("amount").asText()).isEqualTo("600000000.00");
        });
        JsonNode payerSide = http.get("/api/v1/jurisdictions/" + zhejiang.id() + "/balance").send().json();
        assertThat(payerSide.path("counterparties").path(0).path("settled").path("amount").asText())
                .isEqualTo("-100000000.00");

        JsonNode compliance = http.get("/api/v1/agreements/" + id + "/compliance").send().json();
        assertThat(compliance.path("assessments")).hasSize(1);
        assertThat(compliance.path("transfers")).hasSize(3);
        assertThat(compliance.path("obligations")).hasSize(1);
        assertThat(compliance.path("summary").path("periodsAssessed").asInt()).isEqualTo(1);
        assertThat(compliance.path("summary").path("periodsMet").asInt()).isEqualTo(1);
        assertThat(compliance.path("summary").path("complianceRate").asText()).isEqualTo("1.0000");

        JsonNode status = ledger.status(id, null);
        assertThat(status.path("outstanding").path("count").asInt()).isEqualTo(2);
        assertThat(status.path("outstanding").path("total").path("amount").asText()).isEqualTo("600000000.00");
        assertThat(status.path("lastAssessment").path("met").asBoolean()).isTrue();

        JsonNode history = http.get("/api/v1/agreements/" + id + "/history?limit=500").token(anhui.token()).send().json();
        assertThat(history.path("items")).extracting(i -> i.path("type").asText())
                .contains("MonitoringReportSubmitted", "AssessmentRecorded", "FixedContributionFellDue",
                        "TransferCreated", "TransferAcknowledged", "TransferPaid", "TransferSettled");
    }

    @Test
    void aYearThatMissesTheStandardMakesTheUpstreamPartyPay() {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        Government ministry = ledger.register("CN-MOF");
        String id = Scenarios.signedInForce(ledger, Scenarios.xinan(anhui, zhejiang, ministry), anhui, zhejiang, ministry);
        // means 20% above the baselines: P = 0.85 x 1.2 = 1.0200
        Http.Answer report = http.post("/api/v1/agreements/" + id + "/monitoring-reports",
                Scenarios.monthlyReport("JIEKOU", LAST_YEAR, 6, Map.of("CODMN", "2.16", "NH3N", "0.144", "TP", "0.030", "TN", "1.44"), null))
                .token(anhui.token()).send();
        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        JsonNode result = http.post("/api/v1/agreements/" + id + "/assessments",
                Map.of("sectionId", "JIEKOU", "period", String.valueOf(LAST_YEAR))).token(anhui.token()).send()
                .json().path("result");
        assertThat(result.path("index").asText()).isEqualTo("1.0200");
        assertThat(result.path("met").asBoolean()).isFalse();
        assertThat(result.path("payer").asText()).isEqualTo(anhui.id());
        assertThat(result.path("payee").asText()).isEqualTo(zhejiang.id());
        JsonNode summary = http.get("/api/v1/agreements/" + id + "/compliance").send().json().path("summary");
        assertThat(summary.path("periodsMet").asInt()).isZero();
        assertThat(summary.path("complianceRate").asText()).isEqualTo("0.0000");
    }

    @Test
    void anExceedanceMonthWithFlowIsChargedPerTonneAndAMonthWithoutFlowIsRefused() {
        Government wuxi = ledger.register("CN-JS-WX");
        Government suzhou = ledger.register("CN-JS-SZ");
        Map<String, Object> body = LedgerDriver.draftBody(LocalDate.of(LAST_YEAR - 1, 1, 1),
                LocalDate.of(LAST_YEAR + 3, 12, 31), wuxi, suzhou);
        @SuppressWarnings("unchecked")
        Map<String, Object> terms = (Map<String, Object>) body.get("terms");
        terms.put("sections", List.of(Map.of("id", "JINZE", "name", "Jinze", "waterBody", "Taipu River",
                "upstream", wuxi.id(), "downstream", suzhou.id())));
        terms.put("compensation", List.of(Map.of("rule", "EXCEEDANCE_PER_TONNE", "sectionId", "JINZE", "period", "MONTH",
                "pollutants", List.of(
                        Map.of("pollutant", "CODMN", "target", "6", "ratePerTonne", Scenarios.cny("15000.00")),
                        Map.of("pollutant", "NH3N", "target", "1.0", "ratePerTonne", Scenarios.cny("100000.00"))))));
        String id = Scenarios.signedInForce(ledger, body, wuxi, suzhou);

        // April has 30 days: (7.0 - 6) mg/L x 10 m3/s x 2,592,000 s / 1,000,000 = 25.92 t x 15,000 = 388,800.00
        Http.Answer april = http.post("/api/v1/agreements/" + id + "/monitoring-reports",
                Scenarios.monthlyReport("JINZE", LAST_YEAR, 4, Map.of("CODMN", "7.0", "NH3N", "0.8"), "10"))
                .token(suzhou.token()).send();
        assertThat(april.status()).as(april.toString()).isEqualTo(201);
        JsonNode assessment = http.post("/api/v1/agreements/" + id + "/assessments",
                Map.of("sectionId", "JINZE", "period", LAST_YEAR + "-04")).token(suzhou.token()).send().json();
        JsonNode result = assessment.path("result");
        assertThat(result.path("met").asBoolean()).as(assessment.toString()).isFalse();
        assertThat(result.path("amount").path("amount").asText()).isEqualTo("388800.00");
        assertThat(result.path("payer").asText()).isEqualTo(wuxi.id());
        assertThat(result.path("pollutants")).anySatisfy(p -> {
            assertThat(p.path("pollutant").asText()).isEqualTo("CODMN");
            assertThat(new BigDecimal(p.path("excessTonnes").asText())).isEqualByComparingTo("25.92");
        });
        assertThat(result.path("pollutants")).anySatisfy(p -> {
            assertThat(p.path("pollutant").asText()).isEqualTo("NH3N");
            assertThat(new BigDecimal(p.path("excessTonnes").asText())).isEqualByComparingTo("0");
        });
        assertThat(assessment.path("transferId").asText()).isNotBlank();

        Http.Answer noFlow = http.post("/api/v1/agreements/" + id + "/monitoring-reports",
                Scenarios.monthlyReport("JINZE", LAST_YEAR, 5, Map.of("CODMN", "7.0", "NH3N", "0.8"), null)).token(suzhou.token()).send();
        assertThat(noFlow.status()).isEqualTo(201);
        Http.Answer refused = http.post("/api/v1/agreements/" + id + "/assessments",
                Map.of("sectionId", "JINZE", "period", LAST_YEAR + "-05")).token(suzhou.token()).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    }

    /**
     * Reports after the end: an agreement that expired yesterday still takes the reports of its periods for its
     * reportingGraceDays (90 unless set); with none, it takes none. Its status stays EXPIRED either way.
     */
    @Test
    void reportsOfPeriodsInForceAreAcceptedForTheGraceDaysAfterTheAgreementEnded() {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        LocalDate yesterday = LocalDate.now(LedgerCalendar.ZONE).minusDays(1);
        Map<String, Object> sample = Scenarios.sample(LocalDate.of(LAST_YEAR, 6, 5).atTime(2, 0)
                .toInstant(java.time.ZoneOffset.UTC).toString(), "CODMN", "1.75");

        String withGrace = expiredAgreement(LedgerDriver.draftBody(LocalDate.of(LAST_YEAR, 1, 1), yesterday,
                anhui, zhejiang), anhui, zhejiang);
        Http.Answer accepted = report(withGrace, anhui, "JIEKOU", LAST_YEAR + "-06", sample);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(ledger.status(withGrace, anhui.token()).path("status").asText()).isEqualTo("EXPIRED");

        Map<String, Object> noGrace = LedgerDriver.draftBody(LocalDate.of(LAST_YEAR, 1, 1), yesterday, anhui, zhejiang);
        Scenarios.terms(noGrace).put("reportingGraceDays", 0);
        String withoutGrace = expiredAgreement(noGrace, anhui, zhejiang);
        Http.Answer refused = report(withoutGrace, anhui, "JIEKOU", LAST_YEAR + "-06", sample);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    }

    private String expiredAgreement(Map<String, Object> body, Government... parties) {
        String id = ledger.draft(parties[0], body).path("id").asText();
        ledger.open(parties[0], id);
        Http.Answer last = null;
        for (Government party : parties) {
            last = ledger.sign(party, id, true);
            assertThat(last.status()).as(last.toString()).isEqualTo(200);
        }
        assertThat(last.json().path("status").asText()).isEqualTo("EXPIRED");
        return id;
    }

    /**
     * A quarterly exceedance rule: the months' reports of a quarter and their flows make one assessment over the
     * quarter's seconds. Q3 has 92 days: (7.0 − 6) × mean(8, 12) m³/s × 7,948,800 s / 10^6 = 79.488 t × 15,000.
     */
    @Test
    void aQuarterlyExceedanceRuleChargesTheQuarterOverItsSeconds() {
        Government wuxi = ledger.register("CN-JS-WX");
        Government suzhou = ledger.register("CN-JS-SZ");
        Map<String, Object> body = LedgerDriver.draftBody(LocalDate.of(LAST_YEAR - 1, 1, 1),
                LocalDate.of(LAST_YEAR + 3, 12, 31), wuxi, suzhou);
        Scenarios.terms(body).put("sections", List.of(Map.of("id", "JINZE", "name", "Jinze", "waterBody",
                "Taipu River", "upstream", wuxi.id(), "downstream", suzhou.id())));
        Scenarios.terms(body).put("compensation", List.of(Map.of("rule", "EXCEEDANCE_PER_TONNE", "sectionId", "JINZE",
                "period", "QUARTER", "pollutants", List.of(
                        Map.of("pollutant", "CODMN", "target", "6", "ratePerTonne", Scenarios.cny("15000.00")),
                        Map.of("pollutant", "NH3N", "target", "1.0", "ratePerTonne", Scenarios.cny("100000.00"))))));
        String id = Scenarios.signedInForce(ledger, body, wuxi, suzhou);
        for (int[] monthAndFlow : new int[][] {{7, 8}, {9, 12}}) {
            Http.Answer report = http.post("/api/v1/agreements/" + id + "/monitoring-reports",
                    Scenarios.monthlyReport("JINZE", LAST_YEAR, monthAndFlow[0], Map.of("CODMN", "7.0", "NH3N", "0.8"),
                            String.valueOf(monthAndFlow[1]))).token(suzhou.token()).send();
            assertThat(report.status()).as(report.toString()).isEqualTo(201);
        }
        Http.Answer monthly = http.post("/api/v1/agreements/" + id + "/assessments",
                Map.of("sectionId", "JINZE", "period", LAST_YEAR + "-07")).token(suzhou.token()).send();
        assertThat(monthly.status()).as(monthly.toString()).isEqualTo(409);

        Http.Answer assessed = http.post("/api/v1/agreements/" + id + "/assessments",
                Map.of("sectionId", "JINZE", "period", LAST_YEAR + "-Q3")).token(suzhou.token()).send();
        assertThat(assessed.status()).as(assessed.toString()).isEqualTo(201);
        JsonNode assessment = assessed.json();
        assertThat(assessment.path("period").asText()).isEqualTo(LAST_YEAR + "-Q3");
        assertThat(assessment.path("inputs").path("secondsInPeriod").asLong()).isEqualTo(7_948_800L);
        assertThat(assessment.path("result").path("amount").path("amount").asText()).isEqualTo("1192320.00");
        assertThat(assessment.path("result").path("payer").asText()).isEqualTo(wuxi.id());
    }

    /**
     * A month cut by effectiveFrom (16 April) is assessed over its 15 days in force: samples of those days only,
     * (7.0 − 6) × 10 m³/s × 1,296,000 s / 10^6 = 12.96 t × 15,000 = 194,400.00.
     */
    @Test
    void aMonthCutByTheEffectiveDatesIsAssessedOverItsDaysInForce() {
        Government wuxi = ledger.register("CN-JS-WX");
        Government suzhou = ledger.register("CN-JS-SZ");
        Map<String, Object> body = LedgerDriver.draftBody(LocalDate.of(LAST_YEAR, 4, 16),
                LocalDate.of(LAST_YEAR + 3, 12, 31), wuxi, suzhou);
        Scenarios.terms(body).put("sections", List.of(Map.of("id", "JINZE", "name", "Jinze", "waterBody",
                "Taipu River", "upstream", wuxi.id(), "downstream", suzhou.id())));
        Scenarios.terms(body).put("compensation", List.of(Map.of("rule", "EXCEEDANCE_PER_TONNE", "sectionId", "JINZE",
                "period", "MONTH", "pollutants", List.of(
                        Map.of("pollutant", "CODMN", "target", "6", "ratePerTonne", Scenarios.cny("15000.00")),
                        Map.of("pollutant", "NH3N", "target", "1.0", "ratePerTonne", Scenarios.cny("100000.00"))))));
        String id = Scenarios.signedInForce(ledger, body, wuxi, suzhou);
        String april = LAST_YEAR + "-04";
        Http.Answer early = http.post("/api/v1/agreements/" + id + "/monitoring-reports",
                Map.of("sectionId", "JINZE", "period", april, "flowCubicMetresPerSecond", "10", "samples",
                        List.of(Scenarios.sample(LAST_YEAR + "-04-10T02:00:00Z", "CODMN", "7.0")))).token(suzhou.token())
                .send();
        assertField(early, "samples[0].takenAt");
        Http.Answer report = http.post("/api/v1/agreements/" + id + "/monitoring-reports",
                Map.of("sectionId", "JINZE", "period", april, "flowCubicMetresPerSecond", "10", "samples",
                        List.of(Scenarios.sample(LAST_YEAR + "-04-20T02:00:00Z", "CODMN", "7.0"),
                                Scenarios.sample(LAST_YEAR + "-04-20T02:00:00Z", "NH3N", "0.8")))).token(suzhou.token())
                .send();
        assertThat(report.status()).as(report.toString()).isEqualTo(201);

        Http.Answer assessed = http.post("/api/v1/agreements/" + id + "/assessments",
                Map.of("sectionId", "JINZE", "period", april)).token(suzhou.token()).send();
        assertThat(assessed.status()).as(assessed.toString()).isEqualTo(201);
        JsonNode inputs = assessed.json().path("inputs");
        assertThat(inputs.path("periodStart").asText())
                .isEqualTo(LedgerCalendar.startOf(LocalDate.of(LAST_YEAR, 4, 16)).toString());
        assertThat(inputs.path("secondsInPeriod").asLong()).isEqualTo(1_296_000L);
        assertThat(assessed.json().path("result").path("amount").path("amount").asText()).isEqualTo("194400.00");
    }

    @Test
    void badMonitoringReportsAreRefusedNamingTheField() {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        Government ministry = ledger.register("CN-MOF");
        String id = Scenarios.signedInForce(ledger, Scenarios.xinan(anhui, zhejiang, ministry), anhui, zhejiang, ministry);
        String march = LAST_YEAR + "-03";
        assertField(report(id, anhui, "JIEKOU", march, Scenarios.sample(LAST_YEAR + "-04-02T01:00:00Z", "CODMN", "1.0")), "samples[0].takenAt");
        assertField(report(id, anhui, "JIEKOU", march, Scenarios.sample(LAST_YEAR + "-03-02T01:00:00Z", "CODMN", "-1")), "samples[0].value");
        assertField(report(id, anhui, "JIEKOU", march, Scenarios.sample(LAST_YEAR + "-03-02T01:00:00Z", "CODMN", "100000")), "samples[0].value");
        assertField(report(id, anhui, "JIEKOU", march, Scenarios.sample(LAST_YEAR + "-03-02T01:00:00Z", "MERCURY", "1")), "samples[0].pollutant");
        assertField(report(id, anhui, "JIEKOU", march, Scenarios.sample(LAST_YEAR + "-03-02T01:00:00Z", "CODMN", "NaN")), "samples[0].value");
        assertField(report(id, anhui, "NOWHERE", march, Scenarios.sample(LAST_YEAR + "-03-02T01:00:00Z", "CODMN", "1")), "sectionId");
        assertField(report(id, anhui, "JIEKOU", "March", Scenarios.sample(LAST_YEAR + "-03-02T01:00:00Z", "CODMN", "1")), "period");
        Government outsider = ledger.register("CN-JS");
        assertThat(report(id, outsider, "JIEKOU", march, Scenarios.sample(LAST_YEAR + "-03-02T01:00:00Z", "CODMN", "1")).status())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/agreements/" + id + "/monitoring-reports").token(anhui.token()).send().json()
                .path("items")).isEmpty();
    }

    @Test
    void racingDuplicateRequestsWithOneIdempotencyKeyCreateOneTransfer() throws Exception {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        Government ministry = ledger.register("CN-MOF");
        String id = Scenarios.signedInForce(ledger, Scenarios.xinan(anhui, zhejiang, ministry), anhui, zhejiang, ministry);
        Map<String, Object> transfer = Map.of("agreementId", id, "payee", anhui.id(), "amount", Scenarios.cny("2500000.00"),
                "reason", "Joint dredging of the Jiekou reach, Zhejiang's share");
        String key = "zj-dredging-" + System.nanoTime();

        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            Callable<Http.Answer> send = () -> {
                start.await();
                return http.post("/api/v1/transfers", transfer).token(zhejiang.token()).header("Idempotency-Key", key).send();
            };
            answers.add(pool.submit(send));
        }
        start.countDown();
        List<String> ids = new ArrayList<>();
        for (Future<Http.Answer> answer : answers) {
            Http.Answer a = answer.get();
            // a duplicate that arrives while the first is being applied is told so at once, and retries
            for (int tries = 0; a.status() == 409 && tries < 30; tries++) {
                assertThat(a.header("Retry-After")).as(a.toString()).isNotNull();
                Thread.sleep(Long.parseLong(a.header("Retry-After")) * 1000);
                a = http.post("/api/v1/transfers", transfer).token(zhejiang.token()).header("Idempotency-Key", key).send();
            }
            assertThat(a.status()).as(a.toString()).isEqualTo(201);
            ids.add(a.json().path("id").asText());
        }
        pool.shutdown();
        assertThat(ids).containsOnly(ids.get(0));
        JsonNode created = http.get("/api/v1/transfers?agreementId=" + id + "&party=" + zhejiang.id())
                .token(zhejiang.token()).send().json();
        assertThat(created.path("items")).hasSize(1);

        Http.Answer replay = http.post("/api/v1/transfers", transfer).token(zhejiang.token()).header("Idempotency-Key", key).send();
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().path("id").asText()).isEqualTo(ids.get(0));

        Map<String, Object> other = new LinkedHashMap<>(transfer);
        other.put("amount", Scenarios.cny("2600000.00"));
        Http.Answer reused = http.post("/api/v1/transfers", other).token(zhejiang.token()).header("Idempotency-Key", key).send();
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/api/v1/transfers?agreementId=" + id + "&party=" + zhejiang.id()).token(zhejiang.token())
                .send().json().path("items")).hasSize(1);
    }

    @Test
    void onlyThePayingPartyCreatesATransfer() {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        Government ministry = ledger.register("CN-MOF");
        String id = Scenarios.signedInForce(ledger, Scenarios.xinan(anhui, zhejiang, ministry), anhui, zhejiang, ministry);
        Government outsider = ledger.register("CN-JS");
        Http.Answer notParty = http.post("/api/v1/transfers", Map.of("agreementId", id, "payee", anhui.id(),
                "amount", Scenarios.cny("10.00"), "reason", "r")).token(outsider.token()).send();
        assertThat(notParty.status()).as(notParty.toString()).isBetween(400, 403);
        Http.Answer negative = http.post("/api/v1/transfers", Map.of("agreementId", id, "payee", anhui.id(),
                "amount", Scenarios.cny("-10.00"), "reason", "r")).token(zhejiang.token()).send();
        assertThat(negative.status()).as(negative.toString()).isEqualTo(400);
        Http.Answer unknown = http.post("/api/v1/transfers", Map.of("agreementId", "no-such-agreement", "payee", anhui.id(),
                "amount", Scenarios.cny("10.00"), "reason", "r")).token(zhejiang.token()).send();
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
    }

    @Test
    void domainsBoundaryCheckIsNotMetAndTheUpstreamPartyPays() {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        Government ministry = ledger.register("CN-MOF");
        Map<String, Object> body = Scenarios.xinan(anhui, zhejiang, ministry);
        List<Object> rules = new ArrayList<>(compensation(body));
        Map<String, Object> index = new LinkedHashMap<>(asMap(rules.get(0)));
        index.put("stabilityCoefficient", "0.90");
        rules.set(0, index);
        Scenarios.terms(body).put("compensation", rules);
        String id = Scenarios.signedInForce(ledger, body, anhui, zhejiang, ministry);
        // DOMAIN.md: 0.90 x 0.25 x (1.95/1.80 + 0.13/0.12 + 0.02945/0.025 + 1.32/1.20) = 1.00005 exactly -> 1.0001
        Http.Answer report = http.post("/api/v1/agreements/" + id + "/monitoring-reports",
                Scenarios.monthlyReport("JIEKOU", LAST_YEAR, 6, Map.of("CODMN", "1.95", "NH3N", "0.13", "TP", "0.02945",
                        "TN", "1.32"), null)).token(anhui.token()).send();
        assertThat(report.status()).as(report.toString()).isEqualTo(201);

        JsonNode result = http.post("/api/v1/agreements/" + id + "/assessments",
                Map.of("sectionId", "JIEKOU", "period", String.valueOf(LAST_YEAR))).token(zhejiang.token()).send()
                .json().path("result");

        assertThat(result.path("index").asText()).as(result.toString()).isEqualTo("1.0001");
        assertThat(result.path("met").asBoolean()).isFalse();
        assertThat(result.path("payer").asText()).isEqualTo(anhui.id());
        assertThat(result.path("payee").asText()).isEqualTo(zhejiang.id());
    }

    @Test
    void rulesThatWeighDissolvedOxygenOrNameAMadeUpCurrencyAreRefusedNamingTheField() {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        Government ministry = ledger.register("CN-MOF");

        Map<String, Object> withOxygen = Scenarios.xinan(anhui, zhejiang, ministry);
        List<Object> rules = new ArrayList<>(compensation(withOxygen));
        Map<String, Object> index = new LinkedHashMap<>(asMap(rules.get(0)));
        index.put("indicators", List.of(Map.of("pollutant", "CODMN", "baseline", "1.80", "weight", "0.5"),
                Map.of("pollutant", "DO", "baseline", "7.5", "weight", "0.5")));
        rules.set(0, index);
        Scenarios.terms(withOxygen).put("compensation", rules);
        assertField(http.post("/api/v1/agreements", withOxygen).token(anhui.token()).send(),
                "terms.compensation[0].indicators[1].pollutant");

        Map<String, Object> madeUp = Scenarios.xinan(anhui, zhejiang, ministry);
        List<Object> fixed = new ArrayList<>(compensation(madeUp));
        Map<String, Object> contribution = new LinkedHashMap<>(asMap(fixed.get(1)));
        contribution.put("amount", Map.of("amount", "300000000.00", "currency", "XXQ"));
        fixed.set(1, contribution);
        Scenarios.terms(madeUp).put("compensation", fixed);
        assertField(http.post("/api/v1/agreements", madeUp).token(anhui.token()).send(),
                "terms.compensation[1].amount.currency");
    }

    @Test
    void aTransferInAMadeUpOrAnotherCurrencyThanItsAgreementsIsRefused() {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        Government ministry = ledger.register("CN-MOF");
        String id = Scenarios.signedInForce(ledger, Scenarios.xinan(anhui, zhejiang, ministry), anhui, zhejiang, ministry);

        assertField(http.post("/api/v1/transfers", Map.of("agreementId", id, "payee", anhui.id(),
                "amount", Map.of("amount", "10.00", "currency", "XXQ"), "reason", "r")).token(zhejiang.token()).send(),
                "amount.currency");
        assertField(http.post("/api/v1/transfers", Map.of("agreementId", id, "payee", anhui.id(),
                "amount", Map.of("amount", "10.00", "currency", "EUR"), "reason", "r")).token(zhejiang.token()).send(),
                "amount.currency");
        assertThat(http.get("/api/v1/transfers?agreementId=" + id + "&party=" + zhejiang.id()).token(zhejiang.token())
                .send().json().path("items")).isEmpty();
    }

    @Test
    void aReportThatCouldMakeAMonthOweMoreThanATransferMayCarryIsRefusedNamingItsFields() {
        Government wuxi = ledger.register("CN-JS-WX");
        Government suzhou = ledger.register("CN-JS-SZ");
        Map<String, Object> body = LedgerDriver.draftBody(LocalDate.of(LAST_YEAR - 1, 1, 1),
                LocalDate.of(LAST_YEAR + 3, 12, 31), wuxi, suzhou);
        Scenarios.terms(body).put("sections", List.of(Map.of("id", "JINZE", "name", "Jinze", "waterBody", "Taipu River",
                "upstream", wuxi.id(), "downstream", suzhou.id())));
        Scenarios.terms(body).put("compensation", List.of(Map.of("rule", "EXCEEDANCE_PER_TONNE", "sectionId", "JINZE",
                "period", "MONTH", "pollutants", List.of(
                        Map.of("pollutant", "CODMN", "target", "6", "ratePerTonne", Scenarios.cny("15000.00"))))));
        String id = Scenarios.signedInForce(ledger, body, wuxi, suzhou);

        // April: (9,000 - 6) x 500,000 m3/s x 2,592,000 s / 10^6 x 15,000 = 1.75 x 10^14 yuan > 10^13
        Http.Answer refused = http.post("/api/v1/agreements/" + id + "/monitoring-reports",
                Scenarios.monthlyReport("JINZE", LAST_YEAR, 4, Map.of("CODMN", "9000"), "500000"))
                .token(suzhou.token()).send();
        assertField(refused, "samples[0].value");
        assertField(refused, "flowCubicMetresPerSecond");
        assertThat(http.get("/api/v1/agreements/" + id + "/monitoring-reports").token(suzhou.token()).send().json()
                .path("items")).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> compensation(Map<String, Object> body) {
        return (List<Object>) Scenarios.terms(body).get("compensation");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void underPaymentTermsAContributionUnpaidAfterItsDueDateIsOverdueAndItsLatePaymentOwesExactInterest() {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        Government ministry = ledger.register("CN-MOF");
        Map<String, Object> body = Scenarios.xinan(anhui, zhejiang, ministry);

        Scenarios.terms(body).put("payment", Map.of("dueDays", -1, "lateInterestDailyRate", "0.0005"));
        assertField(http.post("/api/v1/agreements", body).token(anhui.token()).send(), "terms.payment.dueDays");

        Scenarios.terms(body).put("payment", Map.of("dueDays", 30, "lateInterestDailyRate", "0.0005"));
        String id = Scenarios.signedInForce(ledger, body, anhui, zhejiang, ministry);
        assertThat(LedgerDriver.utf8(ledger.terms(id, anhui.token())))
                .contains("\"payment\":{\"dueDays\":30,\"lateInterestDailyRate\":\"0.0005\"}");

        // the contribution that fell due on 1 January of last year was due by the 31st: overdue since it was created
        LocalDate due = LocalDate.of(LAST_YEAR, 1, 31);
        JsonNode funding = http.get("/api/v1/transfers?agreementId=" + id + "&party=" + ministry.id()).send().json();
        JsonNode late = null;
        for (JsonNode t : funding.path("items")) {
            if (t.path("dueDate").asText().equals(due.toString())) {
                late = t;
            }
        }
        assertThat(late).as(funding.toString()).isNotNull();
        assertThat(late.path("overdue").asBoolean()).isTrue();
        assertThat(late.path("overdueSince").asText()).isNotBlank();
        String lateId = late.path("id").asText();
        JsonNode onTime = funding.path("items").path(0).path("id").asText().equals(lateId)
                ? funding.path("items").path(1) : funding.path("items").path(0);
        assertThat(onTime.path("dueDate").asText()).isEqualTo(LocalDate.of(LAST_YEAR + 1, 1, 31).toString());

        // the balance shows the overdue part of what is due: every transfer shown overdue, from Anhui's side
        BigDecimal overdue = BigDecimal.ZERO;
        for (JsonNode t : funding.path("items")) {
            if (t.path("overdue").asBoolean()) {
                overdue = overdue.add(new BigDecimal(t.path("amount").path("amount").asText()));
            }
        }
        JsonNode balance = http.get("/api/v1/jurisdictions/" + anhui.id() + "/balance").send().json();
        BigDecimal expected = overdue;
        assertThat(balance.path("counterparties")).anySatisfy(c -> {
            assertThat(c.path("counterparty").asText()).isEqualTo(ministry.id());
            assertThat(new BigDecimal(c.path("overdue").path("amount").asText())).isEqualByComparingTo(expected);
            assertThat(expected).isGreaterThanOrEqualTo(new BigDecimal("300000000.00"));
        });

        // paid at noon on 2 March of last year (basin time): days late counted from the due date
        LocalDate paidOn = LocalDate.of(LAST_YEAR, 3, 2);
        long daysLate = ChronoUnit.DAYS.between(due, paidOn);
        assertThat(post("/api/v1/transfers/" + lateId + "/acknowledgement", null, ministry).status()).isEqualTo(200);
        Http.Answer paid = post("/api/v1/transfers/" + lateId + "/payment", Map.of("reference", "MOF-" + LAST_YEAR,
                "paidAt", paidOn.atTime(4, 0).toInstant(ZoneOffset.UTC).toString()), ministry);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.json().path("overdue").asBoolean()).isFalse();
        String interestId = paid.json().path("lateInterestTransferId").asText();
        assertThat(interestId).isNotBlank();
        JsonNode interest = http.get("/api/v1/transfers/" + interestId).send().json();
        assertThat(interest.path("source").asText()).isEqualTo("LATE_INTEREST");
        assertThat(interest.path("sourceId").asText()).isEqualTo(lateId);
        assertThat(interest.path("payer").asText()).isEqualTo(ministry.id());
        assertThat(interest.path("payee").asText()).isEqualTo(anhui.id());
        assertThat(interest.path("status").asText()).isEqualTo("DUE");
        // 300,000,000.00 × 0.0005 × days late, exactly
        assertThat(interest.path("amount").path("amount").asText())
                .isEqualTo(new BigDecimal("150000.00").multiply(BigDecimal.valueOf(daysLate))
                        .setScale(2).toPlainString());
        assertThat(interest.path("dueDate").asText()).as("due at once")
                .isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());

        // the other contribution paid on the day it fell due: no interest
        String onTimeId = onTime.path("id").asText();
        assertThat(post("/api/v1/transfers/" + onTimeId + "/acknowledgement", null, ministry).status()).isEqualTo(200);
        Http.Answer inTime = post("/api/v1/transfers/" + onTimeId + "/payment", Map.of("reference", "MOF-ON-TIME",
                "paidAt", LocalDate.of(LAST_YEAR + 1, 1, 1).atTime(0, 30).atZone(ZoneId.of("Asia/Shanghai")).toInstant()
                        .toString()), ministry);
        assertThat(inTime.status()).as(inTime.toString()).isEqualTo(200);
        assertThat(inTime.json().path("lateInterestTransferId").isNull()
                || inTime.json().path("lateInterestTransferId").isMissingNode()).as(inTime.toString()).isTrue();
        JsonNode all = http.get("/api/v1/transfers?agreementId=" + id + "&party=" + ministry.id()).send().json();
        assertThat(all.path("items")).filteredOn(t -> t.path("source").asText().equals("LATE_INTEREST")).hasSize(1);

        JsonNode history = http.get("/api/v1/agreements/" + id + "/history?limit=500").token(anhui.token()).send()
                .json();
        List<String> types = new ArrayList<>();
        history.path("items").forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).anySatisfy(t -> assertThat(t).contains("TransferOverdue"))
                .anySatisfy(t -> assertThat(t).contains("LateInterestCharged"));
    }

    @Test
    void aScheduleTapersTheFundersContributionAndBandsOfPDecideTheAssessment() {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        Government ministry = ledger.register("CN-MOF");
        Map<String, Object> body = Scenarios.xinan(anhui, zhejiang, ministry);
        List<Object> bands = List.of(
                Map.of("upTo", "0.85", "payer", "DOWNSTREAM", "amount", Scenarios.cny("300000000.00")),
                Map.of("upTo", "1", "payer", "DOWNSTREAM", "amount", Scenarios.cny("100000000.00")),
                Map.of("payer", "UPSTREAM", "amount", Scenarios.cny("200000000.00")));
        Map<String, Object> index = new LinkedHashMap<>(asMap(asList(Scenarios.terms(body).get("compensation")).get(0)));
        index.remove("amountIfMet");
        index.remove("amountIfNotMet");
        index.put("bands", bands);
        Map<String, Object> fixed = new LinkedHashMap<>(asMap(asList(Scenarios.terms(body).get("compensation")).get(1)));
        fixed.remove("amount");
        fixed.put("schedule", List.of(
                Map.of("period", String.valueOf(LAST_YEAR - 1), "amount", Scenarios.cny("400000000.00")),
                Map.of("period", String.valueOf(LAST_YEAR), "amount", Scenarios.cny("300000000.00")),
                Map.of("period", String.valueOf(LAST_YEAR + 1), "amount", Scenarios.cny("200000000.00"))));

        // a last band that is not open, and a schedule naming a year outside the agreement: refused, naming each
        Map<String, Object> badIndex = new LinkedHashMap<>(index);
        badIndex.put("bands", bands.subList(0, 2));
        Map<String, Object> badFixed = new LinkedHashMap<>(fixed);
        badFixed.put("schedule", List.of(Map.of("period", String.valueOf(LAST_YEAR + 9), "amount",
                Scenarios.cny("1.00"))));
        Scenarios.terms(body).put("compensation", List.of(badIndex, badFixed));
        Http.Answer refused = http.post("/api/v1/agreements", body).token(anhui.token()).send();
        assertField(refused, "terms.compensation[0].bands[1].upTo");
        assertField(refused, "terms.compensation[1].schedule[0].period");

        Scenarios.terms(body).put("compensation", List.of(index, fixed));
        String id = Scenarios.signedInForce(ledger, body, anhui, zhejiang, ministry);
        assertThat(LedgerDriver.utf8(ledger.terms(id, anhui.token()))).contains("\"bands\":[").contains("\"schedule\":[");

        // the two years that have passed fell due at their own amounts: 400 then 300 million
        JsonNode funding = http.get("/api/v1/transfers?agreementId=" + id + "&party=" + ministry.id()).send().json();
        List<String> amounts = new ArrayList<>();
        funding.path("items").forEach(t -> amounts.add(t.path("amount").path("amount").asText()));
        assertThat(amounts).containsExactlyInAnyOrder("400000000.00", "300000000.00");

        for (int month = 1; month <= 12; month++) {
            Http.Answer report = http.post("/api/v1/agreements/" + id + "/monitoring-reports",
                    Scenarios.monthlyReport("JIEKOU", LAST_YEAR, month, Map.of("CODMN", "1.80", "NH3N", "0.12",
                            "TP", "0.025", "TN", "1.20"), null)).token(anhui.token()).send();
            assertThat(report.status()).as(report.toString()).isEqualTo(201);
        }
        // P = 0.8500 exactly: on the first band's upper bound, so the first band decides
        Http.Answer assessed = http.post("/api/v1/agreements/" + id + "/assessments",
                Map.of("sectionId", "JIEKOU", "period", String.valueOf(LAST_YEAR))).token(zhejiang.token()).send();
        assertThat(assessed.status()).as(assessed.toString()).isEqualTo(201);
        assertThat(assessed.json().path("result").path("index").asText()).isEqualTo("0.8500");
        assertThat(assessed.json().path("result").path("payer").asText()).isEqualTo(zhejiang.id());
        assertThat(assessed.json().path("result").path("amount").path("amount").asText()).isEqualTo("300000000.00");
        assertThat(assessed.json().path("inputs").path("rule").path("bands")).hasSize(3);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object value) {
        return (List<Object>) value;
    }

    // ---- helpers ----

    private Http.Answer report(String id, Government party, String section, String period, Map<String, Object> sample) {
        return http.post("/api/v1/agreements/" + id + "/monitoring-reports",
                Map.of("sectionId", section, "period", period, "samples", List.of(sample))).token(party.token()).send();
    }

    private static void assertField(Http.Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.json().path("errors")).as(answer.toString())
                .anySatisfy(e -> assertThat(e.path("field").asText()).isEqualTo(field));
    }

    private Http.Answer post(String path, Object body, Government who) {
        return http.post(path, body).token(who.token()).send();
    }

}
