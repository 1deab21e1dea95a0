package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.Scenarios;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Emergency incidents over HTTP (issue 14): emergency terms signed with the rest, an incident raised, acknowledged
 * (in time and late), raised in level, closed; every refusal a problem that changes nothing; a missed notice's
 * penalty a transfer through the usual lifecycle, disputable; the public reads, the jurisdiction's record, and the
 * events in the agreement's history with their leaves in the integrity log. Run against H2 and PostgreSQL.
 */
abstract class IncidentContract {

    @LocalServerPort
    int port;

    Http http;
    LedgerDriver ledger;

    @BeforeEach
    void connect() {
        http = new Http(port);
        ledger = new LedgerDriver(http);
    }

    /** Emergency duties: RED within {@code red}, a penalty of 500,000 CNY unless {@code penalty} is false. */
    static Map<String, Object> emergency(String red, boolean penalty) {
        Map<String, Object> within = new LinkedHashMap<>();
        within.put("BLUE", "P1D");
        within.put("YELLOW", "PT12H");
        within.put("ORANGE", "PT6H");
        within.put("RED", red);
        Map<String, Object> emergency = new LinkedHashMap<>();
        emergency.put("acknowledgeWithin", within);
        if (penalty) {
            emergency.put("penaltyForMissedAcknowledgement", Scenarios.cny("500000.00"));
        }
        return emergency;
    }

    /** An agreement in force between the three, with these emergency duties (none when null). */
    String agreement(Map<String, Object> emergency, Government... parties) {
        Map<String, Object> body = LedgerDriver.draftBody(LocalDate.now().minusYears(1), LocalDate.now().plusYears(3),
                parties);
        if (emergency != null) {
            Scenarios.terms(body).put("emergency", emergency);
        }
        return Scenarios.signedInForce(ledger, body, parties);
    }

    static Map<String, Object> raiseBody(String level) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sectionId", "JIEKOU");
        body.put("level", level);
        body.put("pollutant", "benzene");
        body.put("description", "Benzene spill upstream of the Jiekou intake <script>alert(1)</script>");
        body.put("detectedAt", Instant.now().minus(Duration.ofMinutes(20)).toString());
        body.put("evidence", List.of(Scenarios.evidence("field sampling record")));
        return body;
    }

    Http.Answer post(String path, Object body, Government as) {
        return http.post(path, body).token(as.token()).send();
    }

    JsonNode incident(String id) {
        Http.Answer answer = http.get("/api/v1/incidents/" + id).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    static List<String> errorFields(Http.Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    void assertProblem(Http.Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void emergencyTermsAreValidatedAndSignedWithTheRest() {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        Map<String, Object> body = LedgerDriver.draftBody(LocalDate.now().minusYears(1), LocalDate.now().plusYears(3),
                anhui, zhejiang);
        Map<String, Object> bad = emergency("an hour", false);
        bad.put("penaltyForMissedAcknowledgement", Map.of("amount", "0", "currency", "CNY"));
        Scenarios.terms(body).put("emergency", bad);
        Http.Answer refused = post("/api/v1/agreements", body, anhui);
        assertProblem(refused, 400);
        assertThat(errorFields(refused)).containsExactly("terms.emergency.acknowledgeWithin.RED",
                "terms.emergency.penaltyForMissedAcknowledgement.amount");

        Scenarios.terms(body).put("emergency", emergency("PT1H", true));
        String id = ledger.draft(anhui, body).path("id").asText();
        ledger.open(anhui, id);
        String document = LedgerDriver.utf8(ledger.terms(id, anhui.token()));
        assertThat(document).contains("\"emergency\":{\"acknowledgeWithin\":{\"BLUE\":\"P1D\",\"ORANGE\":\"PT6H\","
                + "\"RED\":\"PT1H\",\"YELLOW\":\"PT12H\"},\"penaltyForMissedAcknowledgement\":{\"amount\":\"500000.00\","
                + "\"currency\":\"CNY\"}}");
    }

    @Test
    void anIncidentIsRaisedAcknowledgedRaisedInLevelAndClosedAndEveryRefusalChangesNothing() {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        Government ministry = ledger.register("CN-MOF");
        Government outsider = ledger.register("CN-JS");
        String agreementId = agreement(emergency("PT1H", true), anhui, zhejiang, ministry);
        String path = "/api/v1/agreements/" + agreementId + "/incidents";

        // refusals before anything exists
        assertProblem(http.post(path, raiseBody("ORANGE")).send(), 401);
        assertProblem(post(path, raiseBody("ORANGE"), outsider), 403);
        assertProblem(post("/api/v1/agreements/AGR-NONE/incidents", raiseBody("ORANGE"), anhui), 404);
        Map<String, Object> unknownSection = raiseBody("ORANGE");
        unknownSection.put("sectionId", "NOWHERE");
        unknownSection.put("evidence", List.of());
        Http.Answer badSection = post(path, unknownSection, anhui);
        assertProblem(badSection, 400);
        assertThat(errorFields(badSection)).containsExactly("sectionId", "evidence");
        Http.Answer badLevel = post(path, raiseBody("PURPLE"), anhui);
        assertProblem(badLevel, 400);
        Map<String, Object> future = raiseBody("ORANGE");
        future.put("detectedAt", Instant.now().plus(Duration.ofHours(2)).toString());
        assertThat(errorFields(post(path, future, anhui))).containsExactly("detectedAt");
        assertThat(http.get("/api/v1/incidents?agreementId=" + agreementId).send().json().path("items")).isEmpty();

        // raised: a notice to every other party with ORANGE's six hours
        Http.Answer raised = post(path, raiseBody("ORANGE"), anhui);
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        JsonNode view = raised.json();
        String id = view.path("id").asText();
        assertThat(raised.header("Location")).isEqualTo("/api/v1/incidents/" + id);
        assertThat(view.path("status").asText()).isEqualTo("OPEN");
        assertThat(view.path("level").asText()).isEqualTo("ORANGE");
        assertThat(view.path("raisedBy").asText()).isEqualTo(anhui.id());
        Instant raisedAt = Instant.parse(view.path("raisedAt").asText());
        assertThat(view.path("notices")).hasSize(2).allSatisfy(n -> {
            assertThat(n.path("level").asText()).isEqualTo("ORANGE");
            assertThat(Instant.parse(n.path("acknowledgeBy").asText())).isEqualTo(raisedAt.plus(Duration.ofHours(6)));
            assertThat(n.path("acknowledgedAt").isNull()).isTrue();
            assertThat(n.path("missed").asBoolean()).isFalse();
        });
        assertThat(view.path("notices")).extracting(n -> n.path("jurisdictionId").asText())
                .containsExactlyInAnyOrder(zhejiang.id(), ministry.id());
        // public, text as written (escaping is the reader's), listed with the filters
        assertThat(incident(id).path("description").asText()).contains("<script>");
        assertThat(ids("/api/v1/incidents?agreementId=" + agreementId + "&status=OPEN&level=ORANGE")).containsExactly(id);
        assertThat(ids("/api/v1/incidents?agreementId=" + agreementId + "&level=RED")).isEmpty();
        assertThat(ids("/api/v1/incidents?status=CLOSED")).doesNotContain(id);
        assertProblem(http.get("/api/v1/incidents?level=PURPLE").send(), 400);
        assertProblem(http.get("/api/v1/incidents/NO-SUCH-INCIDENT").send(), 404);
        long version = incident(id).path("version").asLong();

        // acknowledgements: only a party with a notice, once
        String ack = "/api/v1/incidents/" + id + "/acknowledgement";
        assertProblem(post(ack, Map.of(), anhui), 403);
        assertProblem(post(ack, Map.of(), outsider), 403);
        assertProblem(post("/api/v1/incidents/NO-SUCH-INCIDENT/acknowledgement", Map.of(), zhejiang), 404);
        assertThat(incident(id).path("version").asLong()).isEqualTo(version);
        Http.Answer acknowledged = post(ack, Map.of("note", "Intake closed at 09:10"), zhejiang);
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        JsonNode zjNotice = notice(acknowledged.json(), zhejiang.id(), "ORANGE");
        assertThat(zjNotice.path("acknowledgedAt").isTextual()).isTrue();
        assertThat(zjNotice.path("late").asBoolean()).isFalse();
        assertThat(zjNotice.path("note").asText()).isEqualTo("Intake closed at 09:10");
        assertProblem(post(ack, null, zhejiang), 409);

        // an update that raises the level: the ministry's pending notice is withdrawn, new RED notices sent
        String updates = "/api/v1/incidents/" + id + "/updates";
        assertProblem(post(updates, Map.of("text", "x"), outsider), 403);
        Http.Answer noText = post(updates, Map.of("text", " ", "level", "RED"), anhui);
        assertProblem(noText, 400);
        assertThat(errorFields(noText)).containsExactly("text");
        Http.Answer updated = post(updates, Map.of("text", "Benzene at the intake itself", "level", "RED",
                "evidence", List.of(Scenarios.evidence("intake sample"))), zhejiang);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode afterUpdate = updated.json();
        assertThat(afterUpdate.path("level").asText()).isEqualTo("RED");
        assertThat(afterUpdate.path("notices")).hasSize(4);
        assertThat(notice(afterUpdate, ministry.id(), "ORANGE").path("withdrawn").asBoolean()).isTrue();
        JsonNode red = notice(afterUpdate, ministry.id(), "RED");
        assertThat(Instant.parse(red.path("acknowledgeBy").asText()))
                .isEqualTo(Instant.parse(red.path("sentAt").asText()).plus(Duration.ofHours(1)));
        assertThat(afterUpdate.path("updates")).hasSize(1);
        assertThat(afterUpdate.path("updates").get(0).path("level").asText()).isEqualTo("RED");
        assertThat(afterUpdate.path("updates").get(0).path("author").asText()).isEqualTo(zhejiang.id());
        assertThat(post(ack, Map.of(), ministry).status()).isEqualTo(200);

        // closure: only the raising party, with a summary, once; nothing after
        String closure = "/api/v1/incidents/" + id + "/closure";
        assertProblem(post(closure, Map.of("summary", "Over"), zhejiang), 403);
        assertThat(errorFields(post(closure, Map.of("summary", ""), anhui))).containsExactly("summary");
        Http.Answer closed = post(closure, Map.of("summary", "Spill contained; intake reopened"), anhui);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.json().path("summary").asText()).isEqualTo("Spill contained; intake reopened");
        assertThat(notice(closed.json(), zhejiang.id(), "RED").path("withdrawn").asBoolean()).isTrue();
        long closedVersion = closed.json().path("version").asLong();
        assertProblem(post(closure, Map.of("summary", "Again"), anhui), 409);
        assertProblem(post(updates, Map.of("text", "More"), anhui), 409);
        assertProblem(post(ack, Map.of(), zhejiang), 409);
        assertThat(incident(id).path("version").asLong()).isEqualTo(closedVersion);

        // the record: Zhejiang and the ministry each acknowledged one notice in time
        JsonNode record = http.get("/api/v1/jurisdictions/" + zhejiang.id() + "/incident-record").send().json();
        assertThat(record.path("notices").asLong()).isEqualTo(1);
        assertThat(record.path("acknowledgedInTime").asLong()).isEqualTo(1);
        assertThat(record.path("late").asLong()).isZero();
        assertThat(record.path("missed").asLong()).isZero();
        assertThat(record.path("medianAcknowledgementSeconds").isIntegralNumber()).isTrue();
        assertProblem(http.get("/api/v1/jurisdictions/CN-NOBODY/incident-record").send(), 404);

        // open data: the incident in the JSON list with its notices, and a CSV row with the notices counted
        Http.Answer openJson = http.get("/open-data/incidents.json?agreementId=" + agreementId).send();
        assertThat(openJson.status()).isEqualTo(200);
        assertThat(openJson.header("Content-Disposition")).contains("incidents.json");
        assertThat(openJson.json().path("items")).hasSize(1);
        assertThat(openJson.json().path("items").get(0).path("id").asText()).isEqualTo(id);
        assertThat(openJson.json().path("items").get(0).path("notices")).hasSize(4);
        assertThat(http.get("/open-data/incidents.json?agreementId=" + agreementId + "&status=OPEN").send().json()
                .path("items")).isEmpty();
        assertProblem(http.get("/open-data/incidents.json?level=PURPLE").send(), 400);
        Http.Answer openCsv = http.get("/open-data/incidents.csv?agreementId=" + agreementId).send();
        assertThat(openCsv.status()).isEqualTo(200);
        String[] rows = openCsv.body().split("\r\n");
        assertThat(rows[0]).startsWith("id,agreementId,sectionId,status,level,pollutant,description,detectedAt,"
                + "evidence,raisedBy,raisedAt,notices,acknowledgedInTime,acknowledgedLate,missed,withdrawn,");
        assertThat(rows).hasSize(2);
        assertThat(rows[1]).startsWith("\"" + id + "\",\"" + agreementId + "\",JIEKOU,CLOSED,RED,benzene,");
        assertThat(rows[1]).contains(",4,2,0,0,2,");

        // every incident event is in the agreement's history, with its leaf in the integrity log
        JsonNode history = await(() -> {
            JsonNode items = http.get("/api/v1/agreements/" + agreementId + "/history?limit=500")
                    .token(LedgerDriver.REGISTRAR_TOKEN).send().json().path("items");
            List<JsonNode> ofIncident = new ArrayList<>();
            for (JsonNode item : items) {
                if (item.path("type").asText().startsWith("Incident")) {
                    if (!item.path("leafIndex").isIntegralNumber()) {
                        return null;
                    }
                    ofIncident.add(item);
                }
            }
            return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(ofIncident);
        });
        assertThat(history).extracting(e -> e.path("type").asText()).containsExactly("IncidentRaised",
                "IncidentAcknowledged", "IncidentUpdated", "IncidentLevelChanged", "IncidentAcknowledged",
                "IncidentClosed");
        assertThat(history).allSatisfy(e -> assertThat(e.path("aggregateId").asText()).isEqualTo(id));
    }

    @Test
    void anAgreementWithoutEmergencyDutiesTakesNoIncident() {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        String agreementId = agreement(null, anhui, zhejiang);
        assertProblem(post("/api/v1/agreements/" + agreementId + "/incidents", raiseBody("RED"), anhui), 409);
    }

    @Test
    void aMissedNoticeOwesItsPenaltyOnceThroughTheTransferLifecycleAndALateAcknowledgementIsRecorded() {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        String agreementId = agreement(emergency("PT2S", true), anhui, zhejiang);
        Http.Answer raised = post("/api/v1/agreements/" + agreementId + "/incidents", raiseBody("RED"), anhui);
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        String id = raised.json().path("id").asText();

        JsonNode missed = await(() -> {
            JsonNode view = incident(id);
            return view.path("notices").get(0).path("missed").asBoolean() ? view : null;
        });
        JsonNode notice = missed.path("notices").get(0);
        assertThat(notice.path("jurisdictionId").asText()).isEqualTo(zhejiang.id());
        String transferId = notice.path("penaltyTransferId").asText();
        JsonNode transfers = http.get("/api/v1/transfers?agreementId=" + agreementId).send().json().path("items");
        assertThat(transfers).hasSize(1);
        JsonNode penalty = transfers.get(0);
        assertThat(penalty.path("id").asText()).isEqualTo(transferId);
        assertThat(penalty.path("source").asText()).isEqualTo("PENALTY");
        assertThat(penalty.path("sourceId").asText()).isEqualTo(id);
        assertThat(penalty.path("payer").asText()).isEqualTo(zhejiang.id());
        assertThat(penalty.path("payee").asText()).isEqualTo(anhui.id());
        assertThat(penalty.path("amount").path("amount").asText()).isEqualTo("500000.00");
        assertThat(penalty.path("status").asText()).isEqualTo("DUE");

        // acknowledged late: recorded as late, no second penalty
        Http.Answer late = post("/api/v1/incidents/" + id + "/acknowledgement", Map.of("note", "Offline"), zhejiang);
        assertThat(late.status()).as(late.toString()).isEqualTo(200);
        assertThat(late.json().path("notices").get(0).path("late").asBoolean()).isTrue();
        assertThat(http.get("/api/v1/transfers?agreementId=" + agreementId).send().json().path("items")).hasSize(1);
        JsonNode record = http.get("/api/v1/jurisdictions/" + zhejiang.id() + "/incident-record").send().json();
        assertThat(record.path("notices").asLong()).isEqualTo(1);
        assertThat(record.path("late").asLong()).isEqualTo(1);
        assertThat(record.path("missed").asLong()).isZero();

        // the penalty is disputed like any other transfer
        Http.Answer dispute = post("/api/v1/disputes", Map.of("agreementId", agreementId,
                "subject", Map.of("type", "TRANSFER", "id", transferId), "respondents", List.of(anhui.id()),
                "claim", "The notice went to a decommissioned address."), zhejiang);
        assertThat(dispute.status()).as(dispute.toString()).isEqualTo(201);
        assertThat(http.get("/api/v1/transfers/" + transferId).send().json().path("status").asText())
                .isEqualTo("DISPUTED");
        // and paid like any other once released: here it cannot be paid while disputed
        assertProblem(post("/api/v1/transfers/" + transferId + "/acknowledgement", null, zhejiang), 409);
    }

    /** One SSE event as read off the wire: its name and its data. */
    record StreamEvent(String name, JsonNode data) {
    }

    /** Opens the incident stream and reads its events into a queue until the test closes it. */
    BlockingQueue<StreamEvent> openStream(String query, List<AutoCloseable> toClose) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/incidents/stream" + query))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        BlockingQueue<StreamEvent> events = new LinkedBlockingQueue<>();
        InputStream body = response.body();
        toClose.add(body);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                String name = "message";
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        events.add(new StreamEvent(name, new ObjectMapper().readTree(line.substring(5))));
                    } else if (line.isEmpty()) {
                        name = "message";
                    }
                }
            } catch (IOException closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    static StreamEvent next(BlockingQueue<StreamEvent> events) throws InterruptedException {
        // patience, not a timing assertion: the event must come, however long the machine takes
        StreamEvent event = events.poll(60, TimeUnit.SECONDS);
        assertThat(event).as("an event on the incident stream").isNotNull();
        return event;
    }

    @Test
    void theStreamShowsTheOpenIncidentsThenEveryChangeAsItHappens() throws Exception {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        String agreementId = agreement(emergency("PT2S", false), anhui, zhejiang);
        String earlier = post("/api/v1/agreements/" + agreementId + "/incidents", raiseBody("BLUE"), anhui).json()
                .path("id").asText();
        assertProblem(http.get("/api/v1/incidents/stream?agreementId=AGR-NONE").send(), 404);
        List<AutoCloseable> toClose = new ArrayList<>();
        try {
            BlockingQueue<StreamEvent> events = openStream("?agreementId=" + agreementId, toClose);
            StreamEvent open = next(events);
            assertThat(open.name()).isEqualTo("open-incidents");
            assertThat(open.data().path("items")).extracting(i -> i.path("id").asText()).containsExactly(earlier);

            String id = post("/api/v1/agreements/" + agreementId + "/incidents", raiseBody("RED"), zhejiang).json()
                    .path("id").asText();
            StreamEvent raised = next(events);
            assertThat(raised.name()).isEqualTo("raised");
            assertThat(raised.data().path("incidentId").asText()).isEqualTo(id);
            assertThat(raised.data().path("incident").path("level").asText()).isEqualTo("RED");

            // the RED notice to Anhui is missed after two seconds (no penalty under these terms)
            StreamEvent missed = next(events);
            assertThat(missed.name()).isEqualTo("missed");
            assertThat(missed.data().path("jurisdictionId").asText()).isEqualTo(anhui.id());

            post("/api/v1/incidents/" + earlier + "/acknowledgement", Map.of(), zhejiang);
            StreamEvent acknowledged = next(events);
            assertThat(acknowledged.name()).isEqualTo("acknowledged");
            assertThat(acknowledged.data().path("incidentId").asText()).isEqualTo(earlier);

            post("/api/v1/incidents/" + id + "/updates", Map.of("text", "Falling", "level", "ORANGE"), zhejiang);
            assertThat(next(events).name()).isEqualTo("updated");
            StreamEvent changed = next(events);
            assertThat(changed.name()).isEqualTo("level-changed");
            assertThat(changed.data().path("incident").path("level").asText()).isEqualTo("ORANGE");

            post("/api/v1/incidents/" + id + "/closure", Map.of("summary", "Over"), zhejiang);
            StreamEvent closed = next(events);
            assertThat(closed.name()).isEqualTo("closed");
            assertThat(closed.data().path("incident").path("status").asText()).isEqualTo("CLOSED");
        } finally {
            for (AutoCloseable closeable : toClose) {
                closeable.close();
            }
        }
    }

    private List<String> ids(String path) {
        Http.Answer answer = http.get(path).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().path("items").forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    private static JsonNode notice(JsonNode view, String jurisdictionId, String level) {
        for (JsonNode notice : view.path("notices")) {
            if (notice.path("jurisdictionId").asText().equals(jurisdictionId)
                    && notice.path("level").asText().equals(level)) {
                return notice;
            }
        }
        throw new AssertionError("no " + level + " notice to " + jurisdictionId + " in " + view);
    }

    static <T> T await(Supplier<T> probe) {
        return LedgerIntegrityContract.await(probe);
    }
}
