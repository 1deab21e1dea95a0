package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Public reports and river chiefs over HTTP (issue 16): filing without a token, tracking, assignment, rejection,
 * answers, the overdue deadline, river chiefs and response records; every refusal changes nothing; and the contact:
 * readable only by the registrar and the assigned jurisdiction, in no event, no other table, no log line, erasable
 * by the reporter with the integrity log still verifying. Run against H2 and PostgreSQL by the subclasses.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class PublicReportContract {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    Http http;
    LedgerDriver ledger;

    @BeforeEach
    void connect() {
        http = new Http(port);
        ledger = new LedgerDriver(http);
    }

    static Map<String, Object> report(String waterBody, Map<String, Object> contact) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("basin", "Taihu");
        body.put("waterBody", waterBody);
        body.put("sectionId", "JINZE");
        body.put("place", Map.of("description", "East bank below the Jinze bridge", "latitude", 31.0401,
                "longitude", 120.9102));
        body.put("category", "FISH_KILL");
        body.put("description", "Dead fish along 200 m of the bank <script>alert(1)</script>");
        body.put("observedAt", Instant.now().minusSeconds(3_600).toString());
        body.put("photos", List.of(Map.of("sha256", "b".repeat(64), "uri", "https://photos.example/1.jpg")));
        if (contact != null) {
            body.put("contact", contact);
        }
        return body;
    }

    private JsonNode file(Map<String, Object> body) {
        Http.Answer filed = http.post("/api/v1/public-reports", body).send();
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        return filed.json();
    }

    private static String today() {
        return LedgerCalendar.dateOf(Instant.now()).toString();
    }

    @Test
    void anyoneFilesAReportAndFollowsItByItsTrackingCodeUntilTheAssignedJurisdictionAnswersIt() {
        Government jiaxing = ledger.register("CN-ZJ-JX");
        String water = "Taipu River " + System.nanoTime();
        Http.Answer filed = http.post("/api/v1/public-reports", report(water, null)).send();
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        String id = filed.json().path("id").asText();
        String code = filed.json().path("trackingCode").asText();
        assertThat(filed.header("Location")).isEqualTo("/api/v1/public-reports/" + id);
        assertThat(filed.json().path("status").asText()).isEqualTo("RECEIVED");
        assertThat(code).matches("[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}");

        JsonNode view = http.get("/api/v1/public-reports/" + id).send().json();
        assertThat(view.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(new java.math.BigDecimal(view.path("place").path("latitude").asText())).isEqualByComparingTo("31.0401");
        assertThat(view.path("photos")).hasSize(1);
        assertThat(view.has("contact")).isFalse();
        assertThat(view.has("trackingCode")).isFalse();
        Http.Answer tracked = http.get("/api/v1/public-reports/tracked").header("X-Tracking-Code",
                code.toLowerCase(Locale.ROOT).replace("-", " ")).send();
        assertThat(tracked.status()).as(tracked.toString()).isEqualTo(200);
        assertThat(tracked.json().path("id").asText()).isEqualTo(id);
        assertThat(http.get("/api/v1/public-reports/tracked").header("X-Tracking-Code", "2222-2222-2222-2222").send()
                .status()).isEqualTo(404);

        // a retry with the same Idempotency-Key files nothing twice and is not shown the tracking code again
        String key = "public-report-" + System.nanoTime();
        Map<String, Object> keyedBody = report(water, null);
        Http.Answer keyed = http.post("/api/v1/public-reports", keyedBody).header("Idempotency-Key", key).send();
        assertThat(keyed.status()).as(keyed.toString()).isEqualTo(201);
        assertThat(keyed.json().path("trackingCode").isTextual()).isTrue();
        Http.Answer replayed = http.post("/api/v1/public-reports", keyedBody).header("Idempotency-Key", key).send();
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(201);
        assertThat(replayed.json().path("id").asText()).isEqualTo(keyed.json().path("id").asText());
        assertThat(replayed.json().path("trackingCode").isTextual()).isFalse();
        assertThat(replayed.json().path("note").asText()).contains("shown once");
        assertThat(http.post("/api/v1/public-reports/" + keyed.json().path("id").asText() + "/rejection",
                Map.of("reason", "A duplicate, filed twice to test a retry")).token(LedgerDriver.REGISTRAR_TOKEN).send()
                .status()).isEqualTo(200);

        String answerBy = today();
        Http.Answer assigned = http.post("/api/v1/public-reports/" + id + "/assignment",
                Map.of("jurisdictionId", jiaxing.id(), "answerBy", answerBy)).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.json().path("status").asText()).isEqualTo("ASSIGNED");
        assertThat(assigned.json().path("jurisdictionId").asText()).isEqualTo(jiaxing.id());
        assertThat(assigned.json().path("answerBy").asText()).isEqualTo(answerBy);
        assertThat(assigned.json().path("overdue").asBoolean()).isFalse();

        Http.Answer answered = http.post("/api/v1/public-reports/" + id + "/answer", Map.of("text",
                "Inspected the outfall upstream; the plant was fined.", "actionTaken", "ENFORCEMENT", "evidence",
                List.of(Map.of("sha256", "c".repeat(64), "uri", "https://jx.example/fine.pdf",
                        "description", "the fine")))).token(jiaxing.token()).send();
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.json().path("status").asText()).isEqualTo("ANSWERED");
        assertThat(answered.json().path("answer").path("actionTaken").asText()).isEqualTo("ENFORCEMENT");
        assertThat(answered.json().path("answer").path("inTime").asBoolean()).isTrue();

        JsonNode record = http.get("/api/v1/jurisdictions/" + jiaxing.id() + "/public-report-record").send().json();
        assertThat(record.path("assigned").asLong()).isEqualTo(1);
        assertThat(record.path("answered").asLong()).isEqualTo(1);
        assertThat(record.path("answeredInTime").asLong()).isEqualTo(1);
        assertThat(record.path("overdue").asLong()).isZero();
        assertThat(new java.math.BigDecimal(record.path("medianDaysToAnswer").asText())).isEqualByComparingTo("0.0");

        JsonNode list = http.get("/api/v1/public-reports?jurisdictionId=" + jiaxing.id() + "&status=ANSWERED").send()
                .json();
        assertThat(list.path("items")).extracting(n -> n.path("id").asText()).containsExactly(id);
        JsonNode byWater = http.get("/api/v1/public-report-statistics?waterBody=" + water.replace(" ", "%20")).send()
                .json();
        assertThat(byWater.path("all").path("received").asLong()).isEqualTo(2);
        assertThat(byWater.path("all").path("rejected").asLong()).isEqualTo(1);
        assertThat(byWater.path("months")).hasSize(1);
    }

    @Test
    void everyRefusalIsAProblemAndChangesNothing() {
        Government jiaxing = ledger.register("CN-ZJ-JX");
        Government suzhou = ledger.register("CN-JS-SZ");
        String id = file(report("Taipu River", null)).path("id").asText();
        String assignment = "/api/v1/public-reports/" + id + "/assignment";
        Map<String, Object> assign = Map.of("jurisdictionId", jiaxing.id(), "answerBy", today());

        Http.Answer invalid = http.post("/api/v1/public-reports", Map.of("basin", "Taihu", "category", "SMOKE")).send();
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        Map<String, Object> empty = new LinkedHashMap<>(report("Taipu River", null));
        empty.put("description", " ");
        empty.put("photos", java.util.Collections.nCopies(11, Map.of("sha256", "b".repeat(64),
                "uri", "https://photos.example/1.jpg")));
        Http.Answer bounded = http.post("/api/v1/public-reports", empty).send();
        assertThat(bounded.status()).as(bounded.toString()).isEqualTo(400);
        assertThat(bounded.json().path("errors")).extracting(e -> e.path("field").asText())
                .containsExactly("description", "photos");
        Map<String, Object> huge = new LinkedHashMap<>(report("Taipu River", null));
        huge.put("description", "x".repeat(40_000));
        assertThat(http.post("/api/v1/public-reports", huge).send().status()).isEqualTo(413);

        assertThat(http.post(assignment, assign).send().status()).isEqualTo(401);
        assertThat(http.post(assignment, assign).token(jiaxing.token()).send().status()).isEqualTo(403);
        Http.Answer unknown = http.post(assignment, Map.of("jurisdictionId", "CN-NOWHERE", "answerBy", today()))
                .token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        Http.Answer past = http.post(assignment, Map.of("jurisdictionId", jiaxing.id(), "answerBy",
                LocalDate.parse(today()).minusDays(1).toString())).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(past.status()).as(past.toString()).isEqualTo(400);
        assertThat(http.post("/api/v1/public-reports/nope/assignment", assign).token(LedgerDriver.REGISTRAR_TOKEN)
                .send().status()).isEqualTo(404);
        Http.Answer early = http.post("/api/v1/public-reports/" + id + "/answer", Map.of("text", "t",
                "actionTaken", "INVESTIGATED")).token(jiaxing.token()).send();
        assertThat(early.status()).as(early.toString()).isEqualTo(403);
        JsonNode unchanged = http.get("/api/v1/public-reports/" + id).send().json();
        assertThat(unchanged.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(unchanged.path("version").asLong()).isZero();

        assertThat(http.post(assignment, assign).token(LedgerDriver.REGISTRAR_TOKEN).send().status()).isEqualTo(200);
        Http.Answer twice = http.post(assignment, assign).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
        Http.Answer rejectAssigned = http.post("/api/v1/public-reports/" + id + "/rejection", Map.of("reason", "dup"))
                .token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(rejectAssigned.status()).isEqualTo(409);
        Http.Answer other = http.post("/api/v1/public-reports/" + id + "/answer", Map.of("text", "t",
                "actionTaken", "INVESTIGATED")).token(suzhou.token()).send();
        assertThat(other.status()).as(other.toString()).isEqualTo(403);
        Http.Answer noAction = http.post("/api/v1/public-reports/" + id + "/answer", Map.of("text", "t"))
                .token(jiaxing.token()).send();
        assertThat(noAction.status()).as(noAction.toString()).isEqualTo(400);
        assertThat(http.get("/api/v1/public-reports/" + id).send().json().path("version").asLong()).isEqualTo(1);

        String rejected = file(report("Taipu River", null)).path("id").asText();
        Http.Answer reject = http.post("/api/v1/public-reports/" + rejected + "/rejection",
                Map.of("reason", "Outside the basin <b>sorry</b>")).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(reject.status()).as(reject.toString()).isEqualTo(200);
        assertThat(reject.json().path("status").asText()).isEqualTo("REJECTED");
        assertThat(reject.json().path("rejectionReason").asText()).isEqualTo("Outside the basin <b>sorry</b>");
        assertThat(http.post("/api/v1/public-reports/" + rejected + "/assignment", assign)
                .token(LedgerDriver.REGISTRAR_TOKEN).send().status()).isEqualTo(409);
        assertThat(http.post("/api/v1/public-reports/" + rejected + "/rejection", Map.of("reason", "x")).send()
                .status()).isEqualTo(401);
    }

    @Test
    void anUnansweredReportFallsOverdueByItsPersistentDeadlineAndIsStillAnsweredLate() {
        Government jiaxing = ledger.register("CN-ZJ-JX");
        String id = file(report("Taipu River", null)).path("id").asText();
        assertThat(http.post("/api/v1/public-reports/" + id + "/assignment", Map.of("jurisdictionId", jiaxing.id(),
                "answerBy", today())).token(LedgerDriver.REGISTRAR_TOKEN).send().status()).isEqualTo(200);
        List<String> deadlines = overdueDeadlines(id);
        assertThat(deadlines).hasSize(1);
        Timestamp due = jdbc.queryForObject("select execution_time from scheduled_tasks where task_instance = ?",
                Timestamp.class, deadlines.get(0));
        assertThat(due.toInstant()).isEqualTo(LedgerCalendar.endOf(LocalDate.parse(today())));

        jdbc.update("update scheduled_tasks set execution_time = ? where task_instance = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), deadlines.get(0));
        JsonNode overdue = LedgerIntegrityContract.await(() -> {
            JsonNode view = http.get("/api/v1/public-reports/" + id).send().json();
            return view.path("overdue").asBoolean() ? view : null;
        });
        assertThat(overdue.path("status").asText()).isEqualTo("ASSIGNED");
        assertThat(overdue.path("overdueSince").isNull()).isFalse();
        assertThat(http.get("/api/v1/jurisdictions/" + jiaxing.id() + "/public-report-record").send().json()
                .path("overdue").asLong()).isEqualTo(1);

        // the deadline ran on the ledger's clock, before the end of the day: an answer now still counts as in time
        // by the date, but the report was recorded overdue; the record counts it answered, no longer overdue
        Http.Answer late = http.post("/api/v1/public-reports/" + id + "/answer", Map.of("text", "Done at last.",
                "actionTaken", "NO_VIOLATION_FOUND")).token(jiaxing.token()).send();
        assertThat(late.status()).as(late.toString()).isEqualTo(200);
        assertThat(late.json().path("overdue").asBoolean()).isFalse();
        JsonNode record = http.get("/api/v1/jurisdictions/" + jiaxing.id() + "/public-report-record").send().json();
        assertThat(record.path("overdue").asLong()).isZero();
        assertThat(record.path("answered").asLong()).isEqualTo(1);
    }

    /** The ids of the scheduler's pending tasks that are the report's overdue deadline. */
    private List<String> overdueDeadlines(String reportId) {
        return jdbc.query("select task_instance, task_data from scheduled_tasks", (rs, i) -> {
            byte[] data = rs.getBytes("task_data");
            String text = data == null ? "" : new String(data, StandardCharsets.ISO_8859_1);
            return text.contains(reportId) && text.contains("public-report-overdue")
                    ? rs.getString("task_instance") : null;
        }).stream().filter(Objects::nonNull).toList();
    }

    @Test
    void theContactIsInNoEventNoOtherTableNoLogLineAndOnlyItsReadersSeeItUntilTheReporterErasesIt(
            CapturedOutput output) throws Exception {
        Government jiaxing = ledger.register("CN-ZJ-JX");
        Government suzhou = ledger.register("CN-JS-SZ");
        long unique = System.nanoTime() % 1_000_000_000L;
        String name = "Qiaoxiu Whistleblower" + unique;
        String phone = "+86 139 " + unique;
        String email = "whistle" + unique + "@example.org";
        JsonNode filed = file(report("Taipu River", Map.of("name", name, "phone", phone, "email", email)));
        String id = filed.path("id").asText();
        String code = filed.path("trackingCode").asText();
        String contact = "/api/v1/public-reports/" + id + "/contact";

        assertThat(http.get(contact).send().status()).isEqualTo(401);
        assertThat(http.get(contact).token(jiaxing.token()).send().status()).as("not assigned yet").isEqualTo(403);
        JsonNode kept = http.get(contact).token(LedgerDriver.REGISTRAR_TOKEN).send().json();
        assertThat(kept.path("state").asText()).isEqualTo("KEPT");
        assertThat(kept.path("name").asText()).isEqualTo(name);
        assertThat(kept.path("phone").asText()).isEqualTo(phone);
        assertThat(kept.path("email").asText()).isEqualTo(email);
        assertThat(http.post("/api/v1/public-reports/" + id + "/assignment", Map.of("jurisdictionId", jiaxing.id(),
                "answerBy", today())).token(LedgerDriver.REGISTRAR_TOKEN).send().status()).isEqualTo(200);
        assertThat(http.get(contact).token(jiaxing.token()).send().json().path("email").asText()).isEqualTo(email);
        assertThat(http.get(contact).token(suzhou.token()).send().status()).isEqualTo(403);

        List<String> markers = List.of(name, phone, email, "139 " + unique, "whistle" + unique);
        List<String> found = tablesHolding(markers);
        assertThat(found).as("the contact is kept in its own table and nowhere else").containsExactly(
                "PUBLIC_REPORT_CONTACT");
        JsonNode leaves = http.get("/api/v1/ledger/leaves?from=0&limit=1000").token(LedgerDriver.REGISTRAR_TOKEN)
                .send().json();
        assertThat(leaves.toString()).doesNotContain(markers);
        assertThat(http.get("/api/v1/public-reports/" + id).send().body()).doesNotContain(markers);
        assertThat(http.get("/api/v1/public-reports?basin=Taihu&size=100").send().body()).doesNotContain(markers);

        // the reporter erases the contact with the tracking code; a wrong code is refused and erases nothing
        assertThat(http.delete(contact).send().status()).isEqualTo(400);
        Http.Answer wrong = http.delete(contact).header("X-Tracking-Code", "2222-2222-2222-2222").send();
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(403);
        assertThat(http.get(contact).token(LedgerDriver.REGISTRAR_TOKEN).send().json().path("state").asText())
                .isEqualTo("KEPT");
        Http.Answer erased = http.delete(contact).header("X-Tracking-Code", code).send();
        assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
        JsonNode after = http.get(contact).token(LedgerDriver.REGISTRAR_TOKEN).send().json();
        assertThat(after.path("state").asText()).isEqualTo("ERASED");
        assertThat(after.path("email").isNull()).isTrue();
        assertThat(tablesHolding(markers)).as("erased everywhere").isEmpty();

        // the report, its history and the integrity log still verify
        assertThat(http.get("/api/v1/public-reports/" + id).send().json().path("status").asText())
                .isEqualTo("ASSIGNED");
        JsonNode verification = LedgerIntegrityContract.await(() -> {
            JsonNode report = http.get("/api/v1/ledger/verification").token(LedgerDriver.REGISTRAR_TOKEN).send()
                    .json();
            return report.path("ok").asBoolean() && report.path("checked").asLong() > 0 ? report : null;
        });
        assertThat(verification.path("mismatches").asLong()).isZero();
        assertThat(output.getAll()).doesNotContain(markers);
    }

    /** The tables (upper case) in which a row holds any of the markers, in any column, as text or bytes. */
    List<String> tablesHolding(List<String> markers) throws Exception {
        List<String> holding = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%",
                    new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String table : tables) {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rows.getMetaData().getColumnCount();
                    boolean hit = false;
                    while (rows.next() && !hit) {
                        for (int c = 1; c <= columns && !hit; c++) {
                            String text = text(rows.getObject(c));
                            hit = text != null && markers.stream().anyMatch(text::contains);
                        }
                    }
                    if (hit) {
                        holding.add(table.toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
        return holding;
    }

    private static String text(Object value) throws Exception {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof Blob blob) {
            return new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.UTF_8);
        }
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        return value.toString();
    }

    @Test
    void aJurisdictionPublishesItsRiverChiefsWithTheRecordOfTheirTerms() {
        Government wujiang = ledger.register("CN-JS-WJ");
        Government qingpu = ledger.register("CN-SH-QP");
        String water = "Yuandang Lake " + System.nanoTime();
        String path = "/api/v1/jurisdictions/" + wujiang.id() + "/river-chiefs";
        Map<String, Object> chief = Map.of("name", "Zhang Min", "office", "Deputy mayor of Wujiang",
                "waterBody", water, "sectionIds", List.of("YD-1"), "from", "2020-01-01");
        assertThat(http.post(path, chief).send().status()).isEqualTo(401);
        assertThat(http.post(path, chief).token(qingpu.token()).send().status()).isEqualTo(403);
        assertThat(http.post(path, Map.of("name", "x")).token(wujiang.token()).send().status()).isEqualTo(400);
        Http.Answer appointed = http.post(path, chief).token(wujiang.token()).send();
        assertThat(appointed.status()).as(appointed.toString()).isEqualTo(201);
        String chiefId = appointed.json().path("chiefId").asText();

        String id = file(report(water, null)).path("id").asText();
        http.post("/api/v1/public-reports/" + id + "/assignment", Map.of("jurisdictionId", wujiang.id(),
                "answerBy", today())).token(LedgerDriver.REGISTRAR_TOKEN).send();
        http.post("/api/v1/public-reports/" + id + "/answer", Map.of("text", "Cleared.", "actionTaken",
                "INVESTIGATED")).token(wujiang.token()).send();

        JsonNode chiefs = http.get("/api/v1/river-chiefs?waterBody=" + water.replace(" ", "%20")).send().json();
        assertThat(chiefs.path("items")).hasSize(1);
        JsonNode listed = chiefs.path("items").path(0);
        assertThat(listed.path("name").asText()).isEqualTo("Zhang Min");
        assertThat(listed.path("to").isNull()).isTrue();
        assertThat(listed.path("record").path("received").asLong()).isEqualTo(1);
        assertThat(listed.path("record").path("answeredInTime").asLong()).isEqualTo(1);

        Http.Answer ended = http.post(path + "/" + chiefId + "/end", Map.of("to", "2020-12-31"))
                .token(wujiang.token()).send();
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        assertThat(ended.json().path("to").asText()).isEqualTo("2020-12-31");
        assertThat(ended.json().path("record").path("received").asLong()).as("filed after the term").isZero();
        assertThat(http.post(path + "/" + chiefId + "/end", Map.of("to", "2021-01-01")).token(wujiang.token()).send()
                .status()).isEqualTo(409);
        assertThat(http.post(path + "/nope/end", Map.of("to", "2021-01-01")).token(wujiang.token()).send()
                .status()).isEqualTo(404);
    }
}
