package org.basinledger.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.junit.jupiter.api.Test;

/**
 * The public-report pages as a browser without JavaScript gets them: the form files a report and shows its tracking
 * code once, refuses bad input with an error summary linking to each field and keeps what was typed; the tracking
 * page finds the report by its code (sent in the body) and erases the contact; the overview charts the response
 * statistics; the river chiefs page shows each water's chiefs and their record. Every text is escaped, and the
 * contact appears on no page and in no open-data file.
 */
class PublicReportPagesIT extends PortalTestBase {

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private Http.Answer post(String path, Map<String, String> fields) {
        return http.post(path, form(fields)).contentType("application/x-www-form-urlencoded").send();
    }

    private static Map<String, String> filled(String water, String name, String phone, String email) {
        LocalDate yesterday = LedgerCalendar.dateOf(java.time.Instant.now()).minusDays(1);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("basin", "Taihu");
        fields.put("waterBody", water);
        fields.put("place", "Below the <b>Jinze</b> bridge");
        fields.put("latitude", "31.0401");
        fields.put("longitude", "120.9102");
        fields.put("category", "ALGAL_BLOOM");
        fields.put("description", "Green scum <script>alert('x')</script> along the bank");
        fields.put("day", String.valueOf(yesterday.getDayOfMonth()));
        fields.put("month", String.valueOf(yesterday.getMonthValue()));
        fields.put("year", String.valueOf(yesterday.getYear()));
        fields.put("time", "07:45");
        fields.put("photoUri", "https://photos.example/bloom.jpg");
        fields.put("photoSha256", "D".repeat(64));
        fields.put("contactName", name);
        fields.put("contactPhone", phone);
        fields.put("contactEmail", email);
        return fields;
    }

    private static String trackingCode(String html) {
        Matcher m = Pattern.compile("id=\"tracking-code\">([2-9A-Z-]{19})<").matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    @Test
    void theFormFilesAReportWithoutJavaScriptAndTheTrackingPageFindsItAndErasesTheContact() {
        long unique = System.nanoTime() % 1_000_000_000L;
        String name = "Portal Reporter" + unique;
        String phone = "+86 137 " + unique;
        String email = "portal" + unique + "@example.org";
        List<String> contact = List.of(name, phone, email, "137 " + unique, "portal" + unique);

        Http.Answer empty = http.get("/public-reports/new").send();
        assertThat(empty.status()).isEqualTo(200);
        String blank = empty.body();
        for (String field : List.of("basin", "waterBody", "place", "latitude", "longitude", "category", "description",
                "day", "month", "year", "time", "photoUri", "photoSha256", "contactName", "contactPhone",
                "contactEmail")) {
            assertThat(blank).as(field).contains("for=\"" + field + "\"", "id=\"" + field + "\"");
        }
        assertThat(blank).contains("method=\"post\"", "action=\"/public-reports/new\"")
                .doesNotContain("govuk-error-summary\"");
        assertThat(empty.header("Content-Security-Policy")).contains("form-action 'self'");

        Http.Answer refused = post("/public-reports/new", Map.of("basin", "Taihu", "description", " ",
                "latitude", "north", "day", "31", "month", "2", "year", "2026", "contactEmail", email + " <x>"));
        assertThat(refused.status()).isEqualTo(400);
        String errors = refused.body();
        assertThat(errors).contains("<title>Error: Report a problem", "There is a problem", "href=\"#latitude\"",
                "href=\"#category\"", "href=\"#day\"", "govuk-form-group--error")
                .contains("value=\"Taihu\"");
        assertThat(errors).as("typed text is shown again escaped").contains(
                ("value=\"" + email + " &lt;x&gt;\""));

        Http.Answer refusedByLedger = post("/public-reports/new", Map.of("basin", "Taihu", "place", "bridge",
                "category", "ODOUR", "description", " ", "day", "1", "month", "1", "year", "2026"));
        assertThat(refusedByLedger.status()).isEqualTo(400);
        assertThat(refusedByLedger.body()).contains("href=\"#description\"", "The description must not be blank");

        String water = "Portal Lake " + unique;
        Http.Answer filed = post("/public-reports/new", filled(water, name, phone, email));
        assertThat(filed.status()).as(filed.body()).isEqualTo(200);
        assertThat(filed.body()).contains("Report received", "shown only this once");
        String code = trackingCode(filed.body());
        Matcher reportLink = Pattern.compile("href=\"/public-reports/([0-9a-f-]{36})\"").matcher(filed.body());
        assertThat(reportLink.find()).isTrue();
        String id = reportLink.group(1);

        JsonNode view = http.get("/api/v1/public-reports/" + id).send().json();
        assertThat(view.path("category").asText()).isEqualTo("ALGAL_BLOOM");
        assertThat(view.path("photos").path(0).path("sha256").asText()).isEqualTo("d".repeat(64));
        assertThat(view.path("observedAt").asText()).endsWith("T23:45:00Z");
        assertThat(http.get("/api/v1/public-reports/" + id + "/contact").token(LedgerDriver.REGISTRAR_TOKEN).send()
                .json().path("name").asText()).isEqualTo(name);

        String page = http.get("/public-reports/" + id).send().body();
        assertThat(page).contains("Green scum &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; along the bank",
                "Below the &lt;b&gt;Jinze&lt;/b&gt; bridge").doesNotContain("<script>alert", "<b>Jinze");
        assertThat(page).as("no erase button without the code").doesNotContain("contact-erasure");

        Http.Answer wrongCode = post("/public-reports/track", Map.of("code", "2222-2222-2222-2222"));
        assertThat(wrongCode.status()).isEqualTo(404);
        assertThat(wrongCode.body()).contains("There is a problem", "href=\"#code\"");
        Http.Answer tracked = post("/public-reports/track", Map.of("code", code.toLowerCase().replace("-", " ")));
        assertThat(tracked.status()).isEqualTo(200);
        assertThat(tracked.body()).contains("contact-erasure", "Erase my contact details");

        Government jiaxing = ledger.register("CN-ZJ-PJX");
        assertThat(http.post("/api/v1/public-reports/" + id + "/assignment", Map.of("jurisdictionId", jiaxing.id(),
                "answerBy", LedgerCalendar.dateOf(java.time.Instant.now()).plusDays(10).toString()))
                .token(LedgerDriver.REGISTRAR_TOKEN).send().status()).isEqualTo(200);
        assertThat(http.post("/api/v1/public-reports/" + id + "/answer", Map.of("text",
                "Algae cleared <i>today</i>.", "actionTaken", "INVESTIGATED")).token(jiaxing.token()).send().status())
                .isEqualTo(200);
        assertThat(http.post("/api/v1/jurisdictions/" + jiaxing.id() + "/river-chiefs", Map.of("name", "Wang Fang",
                "office", "Director <Water Bureau>", "waterBody", water, "from", "2020-01-01"))
                .token(jiaxing.token()).send().status()).isEqualTo(201);

        List<String> pages = new ArrayList<>(List.of("/public-reports", "/public-reports/" + id,
                "/public-reports?waterBody=" + URLEncoder.encode(water, StandardCharsets.UTF_8),
                "/public-reports?jurisdictionId=" + jiaxing.id(), "/river-chiefs",
                "/river-chiefs?waterBody=" + URLEncoder.encode(water, StandardCharsets.UTF_8),
                "/public-reports/track", "/public-reports/new"));
        for (String path : pages) {
            Http.Answer answer = http.get(path).send();
            assertThat(answer.status()).as(path).isEqualTo(200);
            String html = answer.body();
            assertThat(html).as(path).doesNotContain(contact).doesNotContain("<script>alert", "<i>today");
            assertThat(html).as(path).contains("<html lang=\"en\"", "id=\"main-content\"", "<h1 ");
            assertThat(answer.header("Content-Security-Policy")).as(path).contains("script-src 'self'");
            assertHeadingsInOrder(path, html);
        }
        String riverChiefs = http.get("/river-chiefs?waterBody=" + URLEncoder.encode(water, StandardCharsets.UTF_8))
                .send().body();
        assertThat(riverChiefs).contains("Wang Fang", "Director &lt;Water Bureau&gt;", water);
        String overview = http.get("/public-reports?waterBody=" + URLEncoder.encode(water, StandardCharsets.UTF_8))
                .send().body();
        assertThat(overview).contains("<svg", "id=\"reports-months\"", "Answered in time", "id=\"by-jurisdiction-table\"");
        for (String file : List.of("/open-data/public-reports.json", "/open-data/public-reports.csv",
                "/open-data/public-report-statistics.json", "/open-data/public-report-statistics.csv",
                "/api/v1/public-reports?size=100", "/api/v1/river-chiefs")) {
            Http.Answer answer = http.get(file).send();
            assertThat(answer.status()).as(file).isEqualTo(200);
            assertThat(answer.body()).as(file).doesNotContain(contact);
        }
        assertThat(http.get("/open-data/public-reports.csv").send().body()).contains(id, water);
        assertThat(http.get("/open-data/public-report-statistics.csv").send().body()).contains("WATER_BODY,\"" + water + "\"");

        Http.Answer erased = post("/public-reports/" + id + "/contact-erasure", Map.of("code", code));
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.body()).contains("Your contact details are erased");
        assertThat(http.get("/api/v1/public-reports/" + id + "/contact").token(LedgerDriver.REGISTRAR_TOKEN).send()
                .json().path("state").asText()).isEqualTo("ERASED");
        Http.Answer otherCode = post("/public-reports/" + id + "/contact-erasure", Map.of("code", "2222-2222-2222-2222"));
        assertThat(otherCode.status()).isEqualTo(403);
    }

    /** No heading level is skipped on the way down, and there is one h1. */
    private static void assertHeadingsInOrder(String page, String html) {
        Matcher m = Pattern.compile("<h([1-6])[ >]").matcher(html);
        int previous = 0;
        while (m.find()) {
            int level = Integer.parseInt(m.group(1));
            assertThat(level).as("%s: heading h%d after h%d", page, level, previous).isLessThanOrEqualTo(previous + 1);
            previous = level;
        }
        assertThat(Stream.of(html.split("<h1 ")).count()).as("%s has one h1", page).isEqualTo(2);
    }
}
