package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.Registration;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.compliance.FindComplianceHistoryQuery;
import org.basinledger.api.dispute.ListDisputesQuery;
import org.basinledger.app.opendata.PublicReleases;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.Scenarios;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Answers that grow with an agreement's history are paged or streamed (issue 10): one agreement with more
 * transfers and events than a page holds (page sizes made small here), read page by page through the API, the
 * portal and the open-data record; together the pages hold everything, each page no more than its size.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LargeAnswersIT {

    static final Path DATA_DIR = Path.of("target", "it-data", "large-answers-" + System.nanoTime());
    static final int ROWS_PER_TABLE = 7;
    static final int PARTY_TRANSFERS = 45;
    /** Monthly reports of two whole years: more than one page of the record's reads (10 here), two assessments. */
    static final int REPORTS = 24;
    /** Fewer than the agreement's assessments: the portal's charts show the latest one of them. */
    static final int CHART_ASSESSMENTS = 1;
    /** The most any read of compliance records or disputes may ask for at once. */
    static final int LARGEST_PAGE = 500;
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", DATA_DIR::toString);
        registry.add("ledger.registrar-token", () -> LedgerDriver.REGISTRAR_TOKEN);
        registry.add("ledger.portal.rows-per-table", () -> Integer.toString(ROWS_PER_TABLE));
        registry.add("ledger.open-data.record-history-page", () -> "10");
        registry.add("ledger.portal.chart-assessments", () -> Integer.toString(CHART_ASSESSMENTS));
    }

    @LocalServerPort
    int port;

    @Autowired
    QueryGateway queryGateway;

    Http http;
    LedgerDriver ledger;

    static String agreementId;
    static String draftId;

    @BeforeEach
    void agreementWithALongHistory() {
        http = new Http(port);
        ledger = new LedgerDriver(http);
        if (agreementId != null) {
            return;
        }
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        Government ministry = ledger.register("CN-MOF");
        agreementId = Scenarios.signedInForce(ledger, Scenarios.xinan(anhui, zhejiang, ministry), anhui, zhejiang,
                ministry);
        for (int i = 0; i < PARTY_TRANSFERS; i++) {
            Http.Answer created = http.post("/api/v1/transfers", Map.of("agreementId", agreementId,
                    "payee", anhui.id(), "amount", Scenarios.cny(i + 1 + ".00"), "reason", "instalment " + i))
                    .token(zhejiang.token()).send();
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }
        for (int month = 0; month < REPORTS; month++) {
            Http.Answer report = http.post("/api/v1/agreements/" + agreementId + "/monitoring-reports",
                    Scenarios.monthlyReport("JIEKOU", Scenarios.LAST_YEAR - 1 + month / 12, month % 12 + 1,
                            Map.of("CODMN", "1.70", "NH3N", "0.11", "TP", "0.020", "TN", "1.10"), null))
                    .token(zhejiang.token()).send();
            assertThat(report.status()).as(report.toString()).isEqualTo(201);
        }
        for (int year : new int[] {Scenarios.LAST_YEAR - 1, Scenarios.LAST_YEAR}) {
            Http.Answer assessed = http.post("/api/v1/agreements/" + agreementId + "/assessments",
                    Map.of("sectionId", "JIEKOU", "period", String.valueOf(year))).token(zhejiang.token()).send();
            assertThat(assessed.status()).as(assessed.toString()).isEqualTo(201);
        }
        // a draft of other parties: its transfers (none) and itself are nobody else's
        Government jiangsu = ledger.register("CN-JS");
        draftId = ledger.draft(jiangsu, LedgerDriver.draftBody(LocalDate.of(Scenarios.LAST_YEAR, 1, 1),
                LocalDate.of(Scenarios.LAST_YEAR + 2, 12, 31), jiangsu, ledger.register("CN-SH"))).path("id").asText();
    }

    @Test
    void theTransferListIsReadPageByPageAndThePagesHoldEveryTransferOnce() {
        JsonNode first = http.get("/api/v1/transfers?agreementId=" + agreementId + "&size=10").send().json();
        long total = first.path("totalItems").asLong();
        assertThat(total).as("the party's transfers and the funder's fixed contributions")
                .isGreaterThanOrEqualTo(PARTY_TRANSFERS);
        assertThat(first.path("page").asInt()).isZero();
        assertThat(first.path("size").asInt()).isEqualTo(10);
        assertThat(first.path("totalPages").asLong()).isEqualTo((total + 9) / 10);

        List<String> ids = readAll("/api/v1/transfers?agreementId=" + agreementId + "&size=10", null, 10);
        assertThat(ids).hasSize((int) total).doesNotHaveDuplicates();

        // across agreements, the public and the registrar page through what each may read
        List<String> publicIds = readAll("/api/v1/transfers?size=25", null, 25);
        assertThat(publicIds).doesNotHaveDuplicates().containsAll(ids);
        List<String> registrarIds = readAll("/api/v1/transfers?size=500", LedgerDriver.REGISTRAR_TOKEN, 500);
        assertThat(registrarIds).doesNotHaveDuplicates().containsAll(publicIds);

        JsonNode byDefault = http.get("/api/v1/transfers?agreementId=" + agreementId).send().json();
        assertThat(byDefault.path("size").asInt()).isEqualTo(100);
        assertThat(byDefault.path("items").size()).isEqualTo((int) Math.min(total, 100));
        JsonNode pastTheEnd = http.get("/api/v1/transfers?agreementId=" + agreementId + "&page=1000&size=10")
                .send().json();
        assertThat(pastTheEnd.path("items").size()).isZero();
        assertThat(pastTheEnd.path("totalItems").asLong()).isEqualTo(total);
        assertThat(pastTheEnd.path("nextPage").isNull()).isTrue();
    }

    @Test
    void monitoringReportsAreReadPageByPageOldestFirst() {
        List<String> periods = new ArrayList<>();
        Integer page = 0;
        while (page != null) {
            JsonNode answer = http.get("/api/v1/agreements/" + agreementId + "/monitoring-reports?size=5&page=" + page)
                    .send().json();
            assertThat(answer.path("items").size()).isLessThanOrEqualTo(5);
            assertThat(answer.path("totalItems").asInt()).isEqualTo(REPORTS);
            answer.path("items").forEach(r -> periods.add(r.path("period").asText()));
            page = answer.path("nextPage").isNull() ? null : answer.path("nextPage").asInt();
        }
        assertThat(periods).hasSize(REPORTS).doesNotHaveDuplicates().isSorted();
        for (String query : List.of("page=-1", "size=0", "size=501", "page=x")) {
            Http.Answer answer = http.get("/api/v1/agreements/" + agreementId + "/monitoring-reports?" + query).send();
            assertThat(answer.status()).as(query + ": " + answer).isEqualTo(400);
        }
    }

    @Test
    void disputesAreReadPageByPageAndEachReaderCountsOnlyThoseItMaySee() {
        Government upstream = ledger.register("CN-DUP");
        Government downstream = ledger.register("CN-DDOWN");
        Government member = ledger.register("CN-DMEMBER");
        String disputed = Scenarios.signedInForce(ledger, LedgerDriver.draftBody(LocalDate.now().minusYears(1),
                LocalDate.now().plusYears(2), upstream, downstream, member), upstream, downstream, member);
        List<String> raised = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Http.Answer transfer = http.post("/api/v1/transfers", Map.of("agreementId", disputed,
                    "payee", downstream.id(), "amount", Scenarios.cny(i + 1 + ".00"), "reason", "cleaning " + i))
                    .token(upstream.token()).send();
            assertThat(transfer.status()).as(transfer.toString()).isEqualTo(201);
            Http.Answer dispute = http.post("/api/v1/disputes", Map.of("agreementId", disputed, "subject",
                    Map.of("type", "TRANSFER", "id", transfer.json().path("id").asText()),
                    "respondents", List.of(downstream.id()), "claim", "claim " + i)).token(upstream.token()).send();
            assertThat(dispute.status()).as(dispute.toString()).isEqualTo(201);
            raised.add(dispute.json().path("dispute").path("id").asText());
        }
        String path = "/api/v1/disputes?agreementId=" + disputed + "&size=2";
        JsonNode first = http.get(path).token(LedgerDriver.REGISTRAR_TOKEN).send().json();
        assertThat(first.path("totalItems").asLong()).isEqualTo(5);
        assertThat(first.path("totalPages").asLong()).isEqualTo(3);
        assertThat(first.path("items").size()).isEqualTo(2);
        assertThat(first.path("nextPage").asInt()).isEqualTo(1);
        assertThat(readAll(path, LedgerDriver.REGISTRAR_TOKEN, 2)).containsExactlyInAnyOrderElementsOf(raised);
        assertThat(readAll(path, downstream.token(), 2)).as("a party to each").containsExactlyInAnyOrderElementsOf(raised);

        JsonNode outsider = http.get(path).token(member.token()).send().json();
        assertThat(outsider.path("items").size()).as("open cases are their parties'").isZero();
        assertThat(outsider.path("totalItems").asLong()).isZero();
        assertThat(http.get(path).send().json().path("totalItems").asLong()).isZero();

        JsonNode byDefault = http.get("/api/v1/disputes?agreementId=" + disputed).token(upstream.token()).send().json();
        assertThat(byDefault.path("size").asInt()).isEqualTo(100);
        assertThat(byDefault.path("items").size()).isEqualTo(5);
        assertThat(byDefault.path("nextPage").isNull()).isTrue();
        for (String query : List.of("page=-1", "size=0", "size=501", "page=x")) {
            Http.Answer answer = http.get("/api/v1/disputes?" + query).token(upstream.token()).send();
            assertThat(answer.status()).as(query + ": " + answer).isEqualTo(400);
        }
    }

    @Test
    void theComplianceRecordIsReadAPageOfEachListAtATime() {
        String path = "/api/v1/agreements/" + agreementId + "/compliance";
        JsonNode byDefault = http.get(path).send().json();
        long transfers = byDefault.path("counts").path("transfers").asLong();
        assertThat(transfers).isGreaterThanOrEqualTo(PARTY_TRANSFERS);
        assertThat(byDefault.path("page").asInt()).isZero();
        assertThat(byDefault.path("size").asInt()).isEqualTo(100);
        assertThat(byDefault.path("transfers").size()).isEqualTo((int) Math.min(transfers, 100));
        assertThat(byDefault.path("obligations").size()).isPositive();

        List<String> ids = new ArrayList<>();
        Integer page = 0;
        while (page != null) {
            JsonNode answer = http.get(path + "?size=10&page=" + page).send().json();
            assertThat(answer.path("transfers").size()).isLessThanOrEqualTo(10);
            assertThat(answer.path("counts")).isEqualTo(byDefault.path("counts"));
            assertThat(answer.path("summary")).as("the summary is of all").isEqualTo(byDefault.path("summary"));
            assertThat(answer.path("obligations")).isEqualTo(byDefault.path("obligations"));
            answer.path("transfers").forEach(t -> ids.add(t.path("id").asText()));
            page = answer.path("nextPage").isNull() ? null : answer.path("nextPage").asInt();
        }
        assertThat(ids).hasSize((int) transfers).doesNotHaveDuplicates();
        for (String query : List.of("page=-1", "size=0", "size=501", "page=x")) {
            Http.Answer answer = http.get(path + "?" + query).send();
            assertThat(answer.status()).as(query + ": " + answer).isEqualTo(400);
        }
    }

    @Test
    void aPageOrSizeOutOfBoundsIsAClearBadRequest() {
        for (String query : List.of("page=-1", "size=0", "size=501", "size=100000", "page=abc", "size=1e9",
                "page=99999999999")) {
            Http.Answer answer = http.get("/api/v1/transfers?agreementId=" + agreementId + "&" + query).send();
            assertThat(answer.status()).as(query + ": " + answer).isEqualTo(400);
            assertThat(answer.contentType()).as(query).startsWith("application/problem+json");
        }
        Http.Answer negative = http.get("/api/v1/transfers?page=-1").send();
        assertThat(negative.json().path("errors").findValuesAsText("field")).containsExactly("page");
        Http.Answer huge = http.get("/api/v1/transfers?size=100000").send();
        assertThat(huge.json().path("errors").findValuesAsText("field")).containsExactly("size");
    }

    @Test
    void theRecordIsStreamedAndHoldsOneReleasePerPublicEventOfTheWholeHistory() throws Exception {
        List<JsonNode> history = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = http.get("/api/v1/agreements/" + agreementId + "/history?limit=50&after=" + after)
                    .token(LedgerDriver.REGISTRAR_TOKEN).send().json();
            page.path("items").forEach(history::add);
            if (page.path("nextAfter").isNull() || page.path("nextAfter").isMissingNode()) {
                break;
            }
            after = page.path("nextAfter").asLong();
        }
        List<Long> publicSequences = history.stream()
                .filter(e -> PublicReleases.publicContent(e.path("type").asText(), e.path("payload")).isPresent())
                .map(e -> e.path("sequence").asLong()).toList();
        assertThat(publicSequences.size()).as("more than several pages of the record's history reads")
                .isGreaterThan(30);

        Http.Answer answer = http.get("/open-data/agreements/" + agreementId + "/record.json").send();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Disposition")).contains("record.json");
        assertThat(answer.header("Content-Length")).as("written as it is read, its length unknown beforehand")
                .isNull();
        JsonNode record = JSON.readTree(answer.body());
        JsonNode releases = record.path("releases");
        List<Long> sequences = new ArrayList<>();
        releases.forEach(r -> sequences.add(r.path("sequence").asLong()));
        assertThat(sequences).containsExactlyElementsOf(publicSequences);
        JsonNode compiled = record.path("compiledRelease");
        JsonNode last = releases.get(releases.size() - 1);
        assertThat(compiled.path("id").asText()).isEqualTo(record.path("ocid").asText() + "-" + last.path("id").asText());
        assertThat(compiled.path("date").asText()).isEqualTo(last.path("date").asText());
        long transfers = http.get("/api/v1/transfers?agreementId=" + agreementId + "&size=1").send().json()
                .path("totalItems").asLong();
        assertThat(compiled.path("transfers").size()).isEqualTo((int) transfers);
        assertThat(compiled.path("parties").size()).isEqualTo(3);
        List<String> reportPeriods = new ArrayList<>();
        compiled.path("monitoringReports").forEach(r -> reportPeriods.add(r.path("period").asText()));
        assertThat(reportPeriods).hasSize(REPORTS).doesNotHaveDuplicates().isSorted();
        assertThat(compiled.path("monitoringReports").path(0).path("samples").size()).isEqualTo(8);

        assertThat(http.get("/open-data/agreements/" + draftId + "/record.json").send().status()).isEqualTo(404);
        assertThat(http.get("/open-data/agreements/no-such/record.json").send().status()).isEqualTo(404);
    }

    @Test
    void thePortalPagesTheTransfersAndTheHistoryWithLinksThatNeedNoScript() {
        long transfers = http.get("/api/v1/transfers?agreementId=" + agreementId + "&size=1").send().json()
                .path("totalItems").asLong();
        String path = "/agreements/" + agreementId;
        int pages = 0;
        int rowsSeen = 0;
        String next = path;
        while (next != null) {
            String html = http.get(next).send().body();
            List<String> rows = rows(html, "transfers-table");
            assertThat(rows.size()).as(next).isBetween(1, ROWS_PER_TABLE);
            rowsSeen += rows.size();
            pages++;
            next = link(html, "transfers-pages", "next");
        }
        assertThat(pages).isEqualTo((int) ((transfers + ROWS_PER_TABLE - 1) / ROWS_PER_TABLE));
        assertThat(rowsSeen).isEqualTo((int) transfers);

        long events = 0;
        long after = 0;
        while (true) {
            JsonNode page = http.get("/api/v1/agreements/" + agreementId + "/history?limit=500&after=" + after)
                    .token(LedgerDriver.REGISTRAR_TOKEN).send().json();
            events += page.path("items").size();
            if (page.path("nextAfter").isNull()) {
                break;
            }
            after = page.path("nextAfter").asLong();
        }
        List<String> sequences = new ArrayList<>();
        next = path;
        while (next != null) {
            String html = http.get(next).send().body();
            List<String> rows = rows(html, "history-table");
            assertThat(rows.size()).as(next).isBetween(1, ROWS_PER_TABLE);
            rows.forEach(r -> sequences.add(firstCell(r)));
            next = link(html, "history-pages", "next");
        }
        assertThat(sequences).hasSize((int) events).doesNotHaveDuplicates();
        assertThat(sequences.stream().map(Long::parseLong).toList()).isSorted();

        // the live part of a later page is that page
        String laterFragment = http.get("/agreements/" + agreementId + "/fragment?transfersPage=2").send().body();
        assertThat(link(laterFragment, "transfers-pages", "prev")).contains("transfersPage=1");
        // not a page number: the first page, as on the list
        String odd = http.get(path + "?transfersPage=abc&historyAfter=-5").send().body();
        assertThat(link(odd, "transfers-pages", "prev")).isNull();
        assertThat(link(odd, "history-pages", "first")).isNull();
    }

    @Test
    void thePortalTheOpenDataAndTheHistoryReadComplianceAndDisputesAPageAtATime() throws Exception {
        Government upstream = ledger.register("CN-PUP");
        Government downstream = ledger.register("CN-PDOWN");
        String disputed = Scenarios.signedInForce(ledger, LedgerDriver.draftBody(LocalDate.now().minusYears(1),
                LocalDate.now().plusYears(2), upstream, downstream), upstream, downstream);
        Http.Answer transfer = http.post("/api/v1/transfers", Map.of("agreementId", disputed, "payee",
                downstream.id(), "amount", Scenarios.cny("3.00"), "reason", "cleaning")).token(upstream.token()).send();
        assertThat(transfer.status()).as(transfer.toString()).isEqualTo(201);
        Http.Answer dispute = http.post("/api/v1/disputes", Map.of("agreementId", disputed, "subject",
                Map.of("type", "TRANSFER", "id", transfer.json().path("id").asText()),
                "respondents", List.of(downstream.id()), "claim", "not cleaned")).token(upstream.token()).send();
        assertThat(dispute.status()).as(dispute.toString()).isEqualTo(201);
        JsonNode counts = http.get("/api/v1/agreements/" + agreementId + "/compliance?size=1").send().json()
                .path("counts");
        long assessed = counts.path("assessments").asLong();
        assertThat(assessed).as("one per year").isEqualTo(2);

        List<Object> asked = new CopyOnWriteArrayList<>();
        Registration recording = queryGateway.registerDispatchInterceptor(messages -> (index, message) -> {
            asked.add(message.getPayload());
            return message;
        });
        try {
            String html = http.get("/agreements/" + agreementId).send().body();
            assertThat(html).contains("The charts show the latest " + CHART_ASSESSMENTS + " of " + assessed
                    + " assessments");
            assertThat(rows(html, "assessments-table")).hasSize((int) assessed);
            assertThat(Pattern.compile("<tr class=\"govuk-table__row\">\\s*<th scope=\"row\"").matcher(
                    html.substring(html.indexOf("bl-chart-table"), html.indexOf("id=\"assessments\""))).results()
                    .count()).as("the chart's figures").isEqualTo(CHART_ASSESSMENTS);

            JsonNode assessments = http.get("/open-data/assessments.json?agreementId=" + agreementId).send().json();
            assertThat(assessments.path("items").size()).isEqualTo((int) assessed);
            String csv = http.get("/open-data/assessments.csv?agreementId=" + agreementId).send().body();
            assertThat(csv.lines().count()).as("a header and a line each").isEqualTo(assessed + 1);
            assertThat(http.get("/open-data/rulings.json").send().status()).isEqualTo(200);

            JsonNode compiled = JSON.readTree(http.get("/open-data/agreements/" + agreementId + "/record.json")
                    .send().body()).path("compiledRelease");
            assertThat(compiled.path("assessments").size()).isEqualTo((int) assessed);
            List<String> transfers = new ArrayList<>();
            compiled.path("transfers").forEach(t -> transfers.add(t.path("id").asText()));
            assertThat(transfers).as("read 10 at a time").hasSize((int) counts.path("transfers").asLong())
                    .doesNotHaveDuplicates();
            assertThat(compiled.path("complianceSummary").path("periodsAssessed").asInt()).isEqualTo(2);
            assertThat(compiled.path("rulings").isArray()).isTrue();

            // the history looks up the case file of each dispute on its page: a party sees its events, others not
            String history = "/api/v1/agreements/" + disputed + "/history?limit=500";
            assertThat(http.get(history).token(upstream.token()).send().json().path("items").findValuesAsText("type"))
                    .contains("DisputeRaised");
            assertThat(http.get(history).token(LedgerDriver.REGISTRAR_TOKEN).send().json().path("items")
                    .findValuesAsText("type")).contains("DisputeRaised");
            assertThat(http.get(history).token(ledger.register("CN-POUT").token()).send().json().path("items")
                    .findValuesAsText("type")).doesNotContain("DisputeRaised");
        } finally {
            recording.cancel();
        }
        List<FindComplianceHistoryQuery> compliance = asked.stream()
                .filter(FindComplianceHistoryQuery.class::isInstance).map(FindComplianceHistoryQuery.class::cast)
                .toList();
        assertThat(compliance).isNotEmpty().allSatisfy(q -> assertThat(q.limit()).isLessThanOrEqualTo(LARGEST_PAGE));
        assertThat(compliance).as("the record's lists").anySatisfy(q -> assertThat(q.limit()).isEqualTo(10));
        List<ListDisputesQuery> disputes = asked.stream()
                .filter(ListDisputesQuery.class::isInstance).map(ListDisputesQuery.class::cast).toList();
        assertThat(disputes).as("rulings and the history's case files").hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(q -> assertThat(q.limit()).isLessThanOrEqualTo(LARGEST_PAGE));
    }

    private List<String> readAll(String path, String token, int size) {
        List<String> ids = new ArrayList<>();
        Integer page = 0;
        while (page != null) {
            Http.Request request = http.get(path + "&page=" + page);
            if (token != null) {
                request.token(token);
            }
            Http.Answer answer = request.send();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            JsonNode json = answer.json();
            assertThat(json.path("items").size()).isLessThanOrEqualTo(size);
            json.path("items").forEach(t -> ids.add(t.path("id").asText()));
            page = json.path("nextPage").isNull() ? null : json.path("nextPage").asInt();
        }
        return ids;
    }

    private static List<String> rows(String html, String tableId) {
        int table = html.indexOf("id=\"" + tableId + "\"");
        if (table < 0) {
            return List.of();
        }
        String body = html.substring(html.indexOf("<tbody", table), html.indexOf("</tbody>", table));
        List<String> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(body);
        while (row.find()) {
            rows.add(row.group(1));
        }
        return rows;
    }

    private static String firstCell(String row) {
        Matcher cell = Pattern.compile("<td[^>]*>\\s*([^<]*?)\\s*</td>", Pattern.DOTALL).matcher(row);
        return cell.find() ? cell.group(1) : "";
    }

    /** The href of the link with {@code rel} in the navigation {@code navId}, unescaped, or null. */
    private static String link(String html, String navId, String rel) {
        int nav = html.indexOf("id=\"" + navId + "\"");
        if (nav < 0) {
            return null;
        }
        String part = html.substring(nav, html.indexOf("</nav>", nav));
        Matcher a = Pattern.compile("rel=\"" + rel + "\"\\s+href=\"([^\"]*)\"").matcher(part);
        return a.find() ? a.group(1).replace("&amp;", "&").replaceAll("#.*$", "") : null;
    }
}
