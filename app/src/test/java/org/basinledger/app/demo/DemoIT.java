package org.basinledger.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.app.BasinLedgerApplication;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application started as {@code --demo} on a fresh data directory (its registrar token generated into it):
 * the basin is loaded through the command path, and every open-data download parses and leaks nothing private —
 * no draft title, no dispute claim or statement, no token, no private key. Then a restart loads nothing twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LISTS = List.of("agreements", "transfers", "assessments", "rulings", "incidents", "public-reports",
            "jurisdictions", "emission-schemes", "emission-holdings", "emission-trades", "emission-compliance");

    private static Path dataDir;
    private static ConfigurableApplicationContext app;
    private static Http http;
    private static String registrarToken;

    @BeforeAll
    static void startWithTheDemo() throws Exception {
        dataDir = Path.of("target", "it-data", "demo-" + System.nanoTime());
        long started = System.nanoTime();
        app = start();
        // how long start and load took is reported, not asserted: speed is the benchmarks' business (a timed
        // assertion fails on a busy machine and proves nothing on a quiet one)
        System.out.println("demo: started and loaded in " + Duration.ofNanos(System.nanoTime() - started).toMillis()
                + " ms");
        http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
        registrarToken = Files.readString(dataDir.resolve("registrar.token"), StandardCharsets.UTF_8).strip();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BasinLedgerApplication.class)
                .run("--demo", "--server.port=0", "--ledger.data-dir=" + dataDir);
    }

    @Test
    @Order(2)
    void theThreeAgreementsAreInForceAndTheNeverOpenedDraftIsNotFound() {
        for (String id : List.of(DemoBasin.XINAN, DemoBasin.TAIPU, DemoBasin.JIANGSU)) {
            Http.Answer status = http.get("/api/v1/agreements/" + id).send();
            assertThat(status.status()).as(status.toString()).isEqualTo(200);
            assertThat(status.json().path("status").asText()).isEqualTo("IN_FORCE");
        }
        assertThat(http.get("/api/v1/agreements/" + DemoBasin.NEXT_ROUND_DRAFT).send().status()).isEqualTo(404);
        assertThat(http.get("/open-data/agreements/" + DemoBasin.NEXT_ROUND_DRAFT + "/record.json").send().status())
                .isEqualTo(404);
        JsonNode agreements = download("agreements.json").json();
        assertThat(agreements.path("count").asInt()).isEqualTo(4);
        assertThat(agreements.path("items").findValuesAsText("title")).containsExactlyInAnyOrder(
                DemoBasin.XINAN_ROUND_1_TITLE, DemoBasin.XINAN_TITLE, DemoBasin.TAIPU_TITLE, DemoBasin.JIANGSU_TITLE);
        assertThat(http.get("/api/v1/agreements/" + DemoBasin.XINAN_ROUND_1).send().json().path("status").asText())
                .isEqualTo("EXPIRED");
        JsonNode xinan = http.get("/api/v1/agreements/" + DemoBasin.XINAN).send().json();
        assertThat(xinan.path("parties").findValuesAsText("jurisdictionId"))
                .containsExactly(DemoBasin.HUANGSHAN, DemoBasin.HANGZHOU, DemoBasin.FINANCE_MINISTRY);
        assertThat(xinan.path("parties").findValuesAsText("role")).containsExactly("UPSTREAM", "DOWNSTREAM", "FUNDER");
    }

    @Test
    @Order(2)
    void theXinanRoundsAreLinkedAndTheLatePaymentOwesItsInterest() {
        JsonNode round2 = http.get("/api/v1/agreements/" + DemoBasin.XINAN).send().json();
        JsonNode round1 = http.get("/api/v1/agreements/" + DemoBasin.XINAN_ROUND_1).send().json();
        assertThat(round2.path("predecessorId").asText()).isEqualTo(DemoBasin.XINAN_ROUND_1);
        assertThat(round1.path("successorId").asText()).isEqualTo(DemoBasin.XINAN);
        // the next round is a private draft: the public does not learn it continues round 2
        assertThat(round2.hasNonNull("successorId")).isFalse();

        // round 1's central funds tapered 400, 300, 200 million, all settled
        JsonNode funds = http.get("/api/v1/transfers?agreementId=" + DemoBasin.XINAN_ROUND_1).send().json();
        assertThat(funds.path("items").findValuesAsText("status")).containsOnly("SETTLED");
        assertThat(funds.path("items")).extracting(t -> t.path("amount").path("amount").asText())
                .containsExactlyInAnyOrder("400000000.00", "300000000.00", "200000000.00");

        // round 2's second contribution was paid 15 days late: 300,000,000.00 × 0.0005 × 15 = 2,250,000.00
        JsonNode transfers = http.get("/api/v1/transfers?agreementId=" + DemoBasin.XINAN + "&size=500").send().json();
        List<JsonNode> interest = new ArrayList<>();
        transfers.path("items").forEach(t -> {
            if (t.path("source").asText().equals("LATE_INTEREST")) {
                interest.add(t);
            }
        });
        assertThat(interest).singleElement().satisfies(t -> {
            assertThat(t.path("amount").path("amount").asText()).isEqualTo("2250000.00");
            assertThat(t.path("payer").asText()).isEqualTo(DemoBasin.FINANCE_MINISTRY);
            assertThat(t.path("payee").asText()).isEqualTo(DemoBasin.HUANGSHAN);
        });

        String page = http.get("/agreements/" + DemoBasin.XINAN).send().body();
        assertThat(page).contains("id=\"rounds-table\"").contains("/agreements/" + DemoBasin.XINAN_ROUND_1)
                .contains("round 1").contains("this agreement");

        // round 2 was amended in force: the central funds taper to 200 million, signed by all three parties
        assertThat(round2.path("termsVersion").asInt()).isEqualTo(1);
        JsonNode amendments = http.get("/api/v1/agreements/" + DemoBasin.XINAN + "/amendments").send().json()
                .path("items");
        assertThat(amendments).singleElement().satisfies(a -> {
            assertThat(a.path("status").asText()).isEqualTo("ADOPTED");
            assertThat(a.path("signatures").findValuesAsText("jurisdictionId")).containsExactlyInAnyOrder(
                    DemoBasin.HUANGSHAN, DemoBasin.HANGZHOU, DemoBasin.FINANCE_MINISTRY);
        });
        assertThat(page).contains("id=\"versions-table\"").contains("Amendment 1");
        assertThat(http.get("/agreements/" + DemoBasin.XINAN + "/versions/diff").send().body())
                .contains("terms.compensation[1].amount.amount").contains("300000000.00").contains("200000000.00");
    }

    @Test
    @Order(3)
    void transfersCoverEveryStateAndTheRulingsArePublic() {
        JsonNode transfers = download("transfers.json").json().path("items");
        Set<TransferStatus> states = EnumSet.noneOf(TransferStatus.class);
        transfers.forEach(t -> states.add(TransferStatus.valueOf(t.path("status").asText())));
        assertThat(states).containsExactlyInAnyOrder(TransferStatus.values());
        assertThat(transfers.findValuesAsText("source")).contains("ASSESSMENT", "FIXED_CONTRIBUTION", "PARTY");

        JsonNode rulings = download("rulings.json").json().path("items");
        assertThat(rulings.findValuesAsText("outcome")).containsExactlyInAnyOrder("UPHELD", "ADJUSTED");
        rulings.forEach(r -> assertThat(r.path("reasoning").asText()).isNotBlank());
        JsonNode publicDisputes = http.get("/api/v1/disputes?agreementId=" + DemoBasin.JIANGSU).send().json();
        assertThat(publicDisputes.path("items").findValuesAsText("status")).containsOnly("RULED").hasSize(2);

        JsonNode assessments = download("assessments.json").json().path("items");
        List<Boolean> xinanMet = new ArrayList<>();
        assessments.forEach(a -> {
            if (a.path("rule").asText().equals("WATER_QUALITY_INDEX")) {
                xinanMet.add(a.path("result").path("met").asBoolean());
            }
        });
        assertThat(xinanMet).hasSize(3).contains(true, false);
        assertThat(assessments.findValuesAsText("rule")).contains("EXCEEDANCE_PER_TONNE");

        JsonNode taipu = http.get("/api/v1/agreements/" + DemoBasin.TAIPU).send().json();
        assertThat(taipu.path("obligations").findValuesAsText("status"))
                .contains("FULFILLED", "OVERDUE", "PENDING");
        // the Jinze source's incidents: the oil sheen closed, the algae bloom open at orange, Jiashan still to answer
        JsonNode incidents = http.get("/api/v1/incidents?agreementId=" + DemoBasin.TAIPU).send().json();
        assertThat(incidents.path("items")).hasSize(2);
        assertThat(incidents.path("items").findValuesAsText("status")).containsExactlyInAnyOrder("OPEN", "CLOSED");
        JsonNode open = http.get("/api/v1/incidents?agreementId=" + DemoBasin.TAIPU + "&status=OPEN").send().json()
                .path("items").get(0);
        assertThat(open.path("level").asText()).isEqualTo("ORANGE");
        assertThat(http.get("/").send().body()).contains("1 emergency incident open");
    }

    @Test
    @Order(3)
    void aSeasonOfPublicReportsWasAnsweredOneRejectedOneDueTodayAndTheRiverChiefsArePublished() {
        JsonNode reports = http.get("/api/v1/public-reports?size=100").send().json();
        assertThat(reports.path("items").findValuesAsText("status")).hasSize(8)
                .containsOnly("ANSWERED", "ASSIGNED", "REJECTED");
        assertThat(reports.path("items").findValuesAsText("status").stream().filter("ANSWERED"::equals)).hasSize(5);
        JsonNode chiefs = http.get("/api/v1/river-chiefs?waterBody=Taipu%20River").send().json();
        assertThat(chiefs.path("items")).hasSize(3);
        assertThat(chiefs.path("items").findValuesAsText("jurisdictionId"))
                .containsExactlyInAnyOrder(DemoBasin.WUJIANG, DemoBasin.QINGPU, DemoBasin.JIASHAN);
        JsonNode contact = http.get("/api/v1/public-reports/" + DemoCommands.id("public-report:1") + "/contact")
                .token(registrarToken).send().json();
        assertThat(contact.path("email").asText()).isEqualTo(DemoBasin.DEMO_CONTACT.email());
        for (String page : List.of("/public-reports", "/river-chiefs", "/public-reports/" + DemoCommands.id("public-report:1"))) {
            Http.Answer answer = http.get(page).send();
            assertThat(answer.status()).as(page).isEqualTo(200);
            assertNothingPrivate(page, answer.body());
        }
    }

    @Test
    @Order(3)
    void theTaihuCitiesTradeCodAllowancesAndChangzhouIsInDeficit() {
        JsonNode scheme = http.get("/api/v1/emission-schemes/" + DemoBasin.TAIHU_COD).send().json();
        assertThat(scheme.path("accounts").findValuesAsText("holder"))
                .containsExactlyInAnyOrder(DemoBasin.WUXI, DemoBasin.SUZHOU, DemoBasin.CHANGZHOU);
        assertThat(scheme.path("vintages")).hasSize(2).allSatisfy(v -> assertThat(
                new java.math.BigDecimal(v.path("issued").asText())).isEqualByComparingTo(
                new java.math.BigDecimal(v.path("held").asText()).add(new java.math.BigDecimal(v.path("retired").asText()))));
        JsonNode trades = http.get("/api/v1/emission-schemes/" + DemoBasin.TAIHU_COD + "/trades").send().json();
        assertThat(trades.findValuesAsText("status")).containsExactlyInAnyOrder("COMPLETED", "COMPLETED", "COMPLETED",
                "CANCELLED", "PROPOSED");
        JsonNode changzhou = http.get("/api/v1/emission-schemes/" + DemoBasin.TAIHU_COD + "/accounts/"
                + DemoBasin.CHANGZHOU).send().json();
        JsonNode deficit = changzhou.path("compliance").path(0);
        assertThat(deficit.path("status").asText()).isEqualTo("DEFICIT");
        assertThat(deficit.path("stillOwed").asText()).isEqualTo("150");
        assertThat(deficit.path("penalty").path("amount").asText()).isEqualTo("1350000.00");
        for (String holder : List.of(DemoBasin.WUXI, DemoBasin.SUZHOU)) {
            assertThat(http.get("/api/v1/emission-schemes/" + DemoBasin.TAIHU_COD + "/accounts/" + holder).send()
                    .json().path("compliance").path(0).path("status").asText()).as(holder).isEqualTo("COMPLIANT");
        }
        assertThat(http.get("/api/v1/emission-reconciliation").token(registrarToken).send().json().path("problems"))
                .isEmpty();
        Http.Answer page = http.get("/emission-schemes/" + DemoBasin.TAIHU_COD).send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Changzhou", "Deficit", "<polyline");
        assertNothingPrivate("/emission-schemes/" + DemoBasin.TAIHU_COD, page.body());
    }

    @Test
    @Order(4)
    void everyDownloadParsesAndLeaksNothingPrivate() throws Exception {
        for (String list : LISTS) {
            Http.Answer json = download(list + ".json");
            assertThat(json.contentType()).startsWith("application/json");
            JsonNode parsed = JSON.readTree(json.body());
            assertThat(parsed.path("items").isArray()).isTrue();
            assertThat(parsed.path("count").asInt()).isEqualTo(parsed.path("items").size()).isPositive();

            Http.Answer csv = download(list + ".csv");
            assertThat(csv.contentType()).startsWith("text/csv");
            assertThat(csv.body()).contains("\r\n");
            List<Map<String, String>> rows = readCsv(csv.body());
            if (!list.equals("jurisdictions")) { // one CSV row per key there
                assertThat(rows).as(list).hasSize(parsed.path("items").size());
            } else {
                assertThat(rows.size()).isGreaterThanOrEqualTo(parsed.path("items").size());
                rows.forEach(r -> assertThat(r.get("publicKey")).isNotBlank());
            }
            assertNothingPrivate(list + ".json", json.body());
            assertNothingPrivate(list + ".csv", csv.body());
        }
        for (String id : List.of(DemoBasin.XINAN, DemoBasin.TAIPU, DemoBasin.JIANGSU)) {
            Http.Answer record = download("agreements/" + id + "/record.json");
            JSON.readTree(record.body());
            assertNothingPrivate("record of " + id, record.body());
        }
    }

    @Test
    @Order(5)
    void aRecordHasOneReleasePerPublicEventAndTheCompiledState() throws Exception {
        JsonNode record = download("agreements/" + DemoBasin.XINAN + "/record.json").json();
        String ocid = record.path("ocid").asText();
        assertThat(ocid).endsWith(DemoBasin.XINAN);
        JsonNode releases = record.path("releases");
        Set<String> ids = new HashSet<>();
        long previous = 0;
        for (JsonNode release : releases) {
            assertThat(release.path("ocid").asText()).isEqualTo(ocid);
            assertThat(ids.add(release.path("id").asText())).isTrue();
            assertThat(release.path("date").asText()).isNotBlank();
            assertThat(release.path("sequence").asLong()).isGreaterThan(previous);
            previous = release.path("sequence").asLong();
        }
        List<String> tags = new ArrayList<>();
        releases.forEach(r -> tags.add(r.path("tag").path(0).asText()));
        assertThat(tags.get(0)).isEqualTo("AgreementDrafted");
        assertThat(tags).contains("AgreementAmended", "AgreementOpenedForSignature", "AgreementRejected",
                "AgreementSigned", "AgreementEnteredIntoForce", "MonitoringReportSubmitted", "AssessmentRecorded",
                "FixedContributionFellDue", "TransferCreated", "TransferSettled").doesNotContain("StatementAdded");
        assertThat(releases.get(0).path("contentWithheld").asBoolean()).isTrue();
        assertThat(releases.get(0).path("content").has("draft")).isFalse();

        // the last document opened is the one signed; amendment 1 (the central funds taper) replaced its hash, and
        // the agreement's terms hash is the amendment's, which took effect
        JsonNode lastOpened = null;
        JsonNode tookEffect = null;
        for (JsonNode release : releases) {
            if (release.path("tag").path(0).asText().equals("AgreementOpenedForSignature")) {
                lastOpened = release.path("content");
            }
            if (release.path("tag").path(0).asText().equals("AmendmentTookEffect")) {
                tookEffect = release.path("content");
            }
        }
        byte[] document = lastOpened.path("canonicalDocument").asText().getBytes(StandardCharsets.UTF_8);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document));
        assertThat(tookEffect).as("the taper's amendment took effect").isNotNull();
        assertThat(tookEffect.path("number").asInt()).isEqualTo(1);
        byte[] amended = http.get("/api/v1/agreements/" + DemoBasin.XINAN + "/terms?version=1").send().raw().body();
        assertThat(new String(amended, StandardCharsets.UTF_8)).contains("\"replacesTermsHash\":\"" + hash + "\"");
        String amendedHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(amended));
        JsonNode compiled = record.path("compiledRelease");
        assertThat(compiled.path("agreement").path("termsHash").asText()).isEqualTo(amendedHash);
        assertThat(tookEffect.path("termsHash").asText()).isEqualTo(amendedHash);
        assertThat(compiled.path("terms").toString()).contains("200000000.00");
        assertThat(compiled.path("agreement").path("status").asText()).isEqualTo("IN_FORCE");
        assertThat(compiled.path("parties")).hasSize(3);
        compiled.path("parties").forEach(p -> assertThat(p.path("publicKey").asText()).isNotBlank());
        assertThat(compiled.path("terms").path("compensation")).hasSize(2);
        assertThat(compiled.path("assessments")).hasSize(3);
        assertThat(compiled.path("transfers").size()).isGreaterThanOrEqualTo(6);
        assertThat(compiled.path("monitoringReports").size()).isGreaterThanOrEqualTo(36);

        JsonNode jiangsu = download("agreements/" + DemoBasin.JIANGSU + "/record.json").json();
        List<String> jiangsuTags = new ArrayList<>();
        jiangsu.path("releases").forEach(r -> jiangsuTags.add(r.path("tag").path(0).asText()));
        assertThat(jiangsuTags).contains("DisputeRaised", "DisputeRuled", "TransferAdjusted", "TransferCancelled",
                "TransferDisputed");
        assertThat(jiangsu.path("compiledRelease").path("rulings")).hasSize(2);
    }

    @Test
    @Order(6)
    void aDraftBetweenARejectionAndTheNextOpeningIsNeverPublished() {
        Government a = register("CN-T-A");
        Government b = register("CN-T-B");
        Map<String, Object> body = LedgerDriver.draftBody(java.time.LocalDate.now().minusYears(1),
                java.time.LocalDate.now().plusYears(2), a, b);
        body.put("title", "First opened title");
        String id = http.post("/api/v1/agreements", body).token(a.token()).send().json().path("id").asText();
        assertThat(http.post("/api/v1/agreements/" + id + "/open-for-signature", null).token(a.token()).send().status())
                .isEqualTo(200);
        assertThat(http.post("/api/v1/agreements/" + id + "/rejection", Map.of("reason", "Not yet"))
                .token(b.token()).send().status()).isEqualTo(200);
        amend(a, id, body, "Private renegotiation title");

        assertThat(http.get("/open-data/agreements/" + id + "/record.json").send().status()).isEqualTo(404);
        assertThat(download("agreements.json").body()).doesNotContain(id).doesNotContain("Private renegotiation");
        assertThat(download("agreements.csv").body()).doesNotContain(id);

        amend(a, id, body, "Second opened title");
        assertThat(http.post("/api/v1/agreements/" + id + "/open-for-signature", null).token(a.token()).send().status())
                .isEqualTo(200);
        JsonNode record = download("agreements/" + id + "/record.json").json();
        List<String> tags = new ArrayList<>();
        record.path("releases").forEach(r -> tags.add(r.path("tag").path(0).asText()));
        assertThat(tags).containsExactly("AgreementDrafted", "AgreementOpenedForSignature", "AgreementRejected",
                "AgreementAmended", "AgreementAmended", "AgreementOpenedForSignature");
        assertThat(record.toString()).contains("First opened title", "Second opened title")
                .doesNotContain("Private renegotiation title");
        assertThat(record.path("compiledRelease").path("agreement").path("title").asText())
                .isEqualTo("Second opened title");
        assertThat(download("agreements.csv").body()).contains("Second opened title")
                .doesNotContain("Private renegotiation title");
    }

    private static void amend(Government party, String id, Map<String, Object> body, String title) {
        String version = http.get("/api/v1/agreements/" + id).token(party.token()).send().json().path("version")
                .asText();
        body.put("title", title);
        Http.Answer amended = http.put("/api/v1/agreements/" + id + "/terms", body).token(party.token())
                .header("If-Match", "\"" + version + "\"").send();
        assertThat(amended.status()).as(amended.toString()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void aRestartLoadsNothingTwice() {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        Integer before = jdbc.queryForObject("select count(*) from domain_event_entry", Integer.class);
        app.close();
        app = start();
        http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
        Integer after = app.getBean(JdbcTemplate.class).queryForObject("select count(*) from domain_event_entry",
                Integer.class);
        assertThat(after).isEqualTo(before);
        assertThat(download("agreements.json").json().path("count").asInt()).isEqualTo(5);
    }

    private static Government register(String prefix) {
        org.basinledger.app.support.Keys keys = org.basinledger.app.support.Keys.generate();
        String id = LedgerDriver.uniqueId(prefix);
        Http.Answer registered = http.post("/api/v1/jurisdictions", Map.of("id", id, "name", "Test " + id,
                "level", "CITY", "publicKey", keys.publicKeyPem())).token(registrarToken).send();
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Http.Answer issued = http.post("/api/v1/tokens", Map.of("principalType", "JURISDICTION",
                "principalId", id)).token(registrarToken).send();
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        return new Government(id, keys, registered.json().path("keys").path(0).path("keyId").asText(),
                issued.json().path("token").asText());
    }

    private static Http.Answer download(String path) {
        Http.Answer answer = http.get("/open-data/" + path).send();
        assertThat(answer.status()).as(path + ": " + answer).isEqualTo(200);
        assertThat(answer.header("Content-Disposition")).startsWith("attachment").contains("filename=");
        return answer;
    }

    private static void assertNothingPrivate(String what, String body) {
        assertThat(body).as(what).doesNotContain("PRIVATE KEY").doesNotContain(registrarToken);
        for (String title : DemoBasin.PRIVATE_DRAFT_TITLES) {
            assertThat(body).as(what).doesNotContain(title);
        }
        for (String text : DemoBasin.STATEMENT_TEXTS) {
            assertThat(body).as(what).doesNotContain(text);
        }
        for (String claim : DemoBasin.CLAIMS) {
            assertThat(body).as(what).doesNotContain(claim);
        }
        // the demo reporter's contact (personal data)
        assertThat(body).as(what).doesNotContain(DemoBasin.DEMO_CONTACT.name())
                .doesNotContain(DemoBasin.DEMO_CONTACT.phone()).doesNotContain(DemoBasin.DEMO_CONTACT.email());
        // the never-opened draft's own words
        assertThat(body).as(what).doesNotContain("confidential negotiating text");
    }

    private static List<Map<String, String>> readCsv(String csv) throws Exception {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return rows.readAll();
        }
    }
}
