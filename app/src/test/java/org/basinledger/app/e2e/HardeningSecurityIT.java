package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.Scenarios;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Requests an outsider can send, each answered safely (issue 10): the operations endpoints behind encoded and
 * dotted paths, anonymous writes, decimals built to burn CPU, malformed JSON and media types, Tomcat's own
 * refusals, headers on API answers and log lines forged through ids. Sent over a raw socket where the client
 * library would normalise the path.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class HardeningSecurityIT {

    static final Path DATA_DIR = Path.of("target", "it-data", "hardening-" + System.nanoTime());

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", DATA_DIR::toString);
        registry.add("ledger.streams.total", () -> "12");
        registry.add("ledger.registrar-token", () -> LedgerDriver.REGISTRAR_TOKEN);
    }

    @LocalServerPort
    int port;

    Http http;
    LedgerDriver ledger;

    @BeforeEach
    void connect() {
        http = new Http(port);
        ledger = new LedgerDriver(http);
    }

    @Test
    void operationsEndpointsStayTheRegistrarsWhateverThePathLooksLike() throws IOException {
        assertThat(http.get("/actuator/prometheus").token(LedgerDriver.REGISTRAR_TOKEN).send().body())
                .as("the registrar sees the metrics, so the refusals below are real").contains("# HELP");
        // the same endpoint, spelled so that the decoded path is the actuator's: matched as Spring MVC matches it
        for (String path : List.of("/actuator/prometheus", "/%61ctuator/prometheus", "/actuato%72/prometheus",
                "/%61%63%74%75%61%74%6f%72/prometheus", "/actuator/%70rometheus", "/actuator", "/actuator/metrics")) {
            RawAnswer anonymous = raw(get(path, null));
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.head()).as(path).containsIgnoringCase("WWW-Authenticate: Bearer")
                    .containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(anonymous.body()).as(path).contains("urn:basin-ledger:problem:unauthorized")
                    .contains("operations endpoints need the registrar's token").doesNotContain("jvm_");
            RawAnswer party = raw(get(path, partyToken()));
            assertThat(party.status()).as(path).isEqualTo(403);
            assertThat(party.body()).as(path).contains("urn:basin-ledger:problem:not-permitted")
                    .doesNotContain("jvm_");
        }
        RawAnswer invalid = raw(get("/%61ctuator/prometheus", "not-a-token"));
        assertThat(invalid.status()).isEqualTo(401);
        assertThat(invalid.head()).containsIgnoringCase("error=\"invalid_token\"");
        // not in normal form: refused by the firewall before anything looks at them, as a problem
        for (String path : List.of("/api/../actuator/prometheus", "/./actuator/prometheus", "/actuator/./prometheus",
                "/actuator;x=1/prometheus", "/actuator/prometheus;x=1", "/actuator/health/../prometheus",
                "/actuator/health/..;/prometheus", "//actuator/prometheus", "/actuator//prometheus",
                "/%2e%2e/actuator/prometheus", "/actuator/%2e/prometheus", "/actuator%3bx/prometheus",
                "/actuator%2fprometheus", "/actuator%5cprometheus", "/%25%36%31ctuator/prometheus")) {
            RawAnswer answer = raw(get(path, null));
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.head()).as(path).containsIgnoringCase("Content-Type: application/problem+json")
                    .containsIgnoringCase("X-Content-Type-Options: nosniff");
            assertThat(answer.body()).as(path).contains("urn:basin-ledger:problem:malformed-request")
                    .doesNotContain("# HELP").doesNotContain("jvm_").doesNotContain("<html");
            assertThat(raw(get(path, LedgerDriver.REGISTRAR_TOKEN)).status()).as("also for the registrar: " + path)
                    .isEqualTo(400);
        }
        // health stays public, also spelled otherwise; its groups too
        for (String path : List.of("/actuator/health", "/%61ctuator/health", "/actuator/health/liveness")) {
            assertThat(raw(get(path, null)).status()).as(path).isEqualTo(200);
        }
        // the API spelled otherwise is still the API: an encoded write needs a token too
        RawAnswer encodedWrite = raw("POST /%61pi/v1/transfers HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertThat(encodedWrite.status()).isEqualTo(401);
        assertThat(encodedWrite.body()).contains("this operation needs a bearer token");
    }

    private String partyToken() {
        if (partyToken == null) {
            partyToken = ledger.register("CN-OPS").token();
        }
        return partyToken;
    }

    private String partyToken;

    private static String get(String path, String token) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Connection: close\r\n\r\n";
    }

    @Test
    void anAnonymousWriteIsA401BeforeItsBodyIsRead() {
        Http.Answer hugeExponent = http.post("/api/v1/transfers",
                "{\"agreementId\":\"A\",\"payee\":\"B\",\"amount\":{\"amount\":\"1e10000000\",\"currency\":\"CNY\"},"
                        + "\"reason\":\"x\"}").send();
        assertThat(hugeExponent.status()).isEqualTo(401);
        assertThat(hugeExponent.header("WWW-Authenticate")).startsWith("Bearer");

        Http.Answer noIfMatch = http.put("/api/v1/agreements/anything/terms", Map.of("title", "t")).send();
        assertThat(noIfMatch.status()).as("401, not 428 or 400, for the public").isEqualTo(401);
        Http.Answer malformed = http.post("/api/v1/disputes", "{not json").send();
        assertThat(malformed.status()).isEqualTo(401);
    }

    @Test
    void decimalsWithAbsurdExponentsOrDigitsAreRefusedAsBadInput() {
        Government payer = ledger.register("CN-HARD");
        for (String amount : List.of("1e10000000", "1e-10000000", "1" + "0".repeat(100))) {
            Http.Answer answer = http.post("/api/v1/transfers", "{\"agreementId\":\"A\",\"payee\":\"B\","
                    + "\"amount\":{\"amount\":\"" + amount + "\",\"currency\":\"CNY\"},\"reason\":\"x\"}")
                    .token(payer.token()).send();
            assertThat(answer.status()).as(amount).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void malformedJsonAndWildcardMediaTypesAreRefusedWithProblems() {
        Government party = ledger.register("CN-JSON");
        Http.Answer wildcard = http.post("/api/v1/transfers", "{}").contentType("*/*").token(party.token()).send();
        assertThat(wildcard.status()).isEqualTo(415);
        assertThat(wildcard.contentType()).startsWith("application/problem+json");
        Http.Answer unparsable = http.post("/api/v1/transfers", "{}").contentType("json").token(party.token()).send();
        assertThat(unparsable.status()).isEqualTo(415);

        Http.Answer trailing = http.post("/api/v1/transfers", "{\"agreementId\":\"A\",\"payee\":\"B\","
                + "\"amount\":{\"amount\":\"1.00\",\"currency\":\"CNY\"},\"reason\":\"x\"} {\"more\":1}")
                .token(party.token()).send();
        assertThat(trailing.status()).isEqualTo(400);
        Http.Answer duplicate = http.post("/api/v1/transfers", "{\"agreementId\":\"A\",\"agreementId\":\"B\","
                + "\"payee\":\"B\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"CNY\"},\"reason\":\"x\"}")
                .token(party.token()).send();
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
    }

    @Test
    void pathsTomcatRefusesItselfAreAnsweredAsProblemsNotHtml() throws IOException {
        RawAnswer slash = raw("GET /api/v1/agreements/a%2fb HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(slash.status()).isBetween(400, 404);
        assertThat(slash.head().toLowerCase()).contains("content-type: application/problem+json");
        assertThat(slash.body()).doesNotContain("<html").doesNotContain("Apache Tomcat");
    }

    @Test
    void apiAnswersAreNeverCachedOrSniffed() {
        Http.Answer list = http.get("/api/v1/jurisdictions").send();
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.header("Cache-Control")).isEqualTo("no-store");
        assertThat(list.header("X-Content-Type-Options")).isEqualTo("nosniff");
        Http.Answer refused = http.get("/api/v1/agreements/none").send();
        assertThat(refused.header("Cache-Control")).isEqualTo("no-store");
        assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void theSecurityChainNeitherDuplicatesNorDropsTheLedgersHeadersAndKeepsNoSession(CapturedOutput output)
            throws IOException {
        RawAnswer api = raw(get("/api/v1/jurisdictions", null));
        RawAnswer withToken = raw(get("/api/v1/agreements", partyToken()));
        RawAnswer refused = raw("POST /api/v1/transfers HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        RawAnswer forbidden = raw(get("/actuator/prometheus", partyToken()));
        assertThat(List.of(api.status(), withToken.status(), refused.status(), forbidden.status()))
                .containsExactly(200, 200, 401, 403);
        for (RawAnswer answer : List.of(api, withToken, refused, forbidden)) {
            assertThat(headerValues(answer, "X-Content-Type-Options")).as(answer.head()).containsExactly("nosniff");
            assertThat(headerValues(answer, "Set-Cookie")).as("stateless: " + answer.head()).isEmpty();
            assertThat(headerValues(answer, "Pragma")).as(answer.head()).isEmpty();
            assertThat(headerValues(answer, "Expires")).as(answer.head()).isEmpty();
            assertThat(headerValues(answer, "X-Frame-Options")).as(answer.head()).isEmpty();
        }
        for (RawAnswer answer : List.of(api, withToken, refused)) {
            assertThat(headerValues(answer, "Cache-Control")).as(answer.head()).containsExactly("no-store");
        }

        RawAnswer portal = raw(get("/", null));
        assertThat(portal.status()).isEqualTo(200);
        assertThat(headerValues(portal, "Content-Security-Policy")).singleElement().asString()
                .startsWith("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(headerValues(portal, "X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(headerValues(portal, "Cache-Control")).containsExactly("no-cache");
        assertThat(headerValues(portal, "Set-Cookie")).isEmpty();
        assertThat(output.getAll()).doesNotContain("Using generated security password");
    }

    private static List<String> headerValues(RawAnswer answer, String name) {
        return answer.head().lines().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).strip()).toList();
    }

    @Test
    void anIdCarryingALineBreakCannotForgeALogLine(CapturedOutput output) {
        Government party = ledger.register("CN-LOG");
        Http.Answer inPath = http.post("/api/v1/transfers/x%0AFORGED-LINE%20ERROR/receipt", Map.of())
                .token(party.token()).send();
        assertThat(inPath.status()).as("the firewall refuses an encoded line break in a path").isEqualTo(400);
        assertThat(inPath.contentType()).startsWith("application/problem+json");
        assertThat(output.getAll()).as("no line starts with the forged text").doesNotContain("\nFORGED-LINE");
        Http.Answer inBody = http.post("/api/v1/transfers", Map.of("agreementId", "x\nFORGED-LINE ERROR",
                "payee", party.id(), "amount", Scenarios.cny("1.00"), "reason", "x")).token(party.token()).send();
        assertThat(inBody.status()).as(inBody.toString()).isIn(404, 409, 400);
        assertThat(output.getAll()).as("our own refusal line escapes it").contains("x\\nFORGED-LINE");
        assertThat(output.getAll()).as("a library's line has it replaced").contains("x_FORGED-LINE");
        assertThat(output.getAll()).as("so has an exception's message in a stack trace; no line starts with it")
                .doesNotContain("\nFORGED-LINE").doesNotContain("\rFORGED-LINE");
    }

    @Test
    void aDegenerateEd25519KeyCannotBeRegistered() {
        String allZeroKey = java.util.Base64.getEncoder().encodeToString(
                java.util.HexFormat.of().parseHex("302a300506032b6570032100" + "00".repeat(32)));
        Http.Answer answer = http.post("/api/v1/jurisdictions", Map.of("id", LedgerDriver.uniqueId("CN-ZERO"),
                "name", "Zero", "level", "CITY", "publicKey", allZeroKey)).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errors").path(0).path("field").asText()).isEqualTo("publicKey");
    }

    @Test
    void anAgreementsHistoryShowsADisputeOnlyToThoseWhoSeeItsCaseFile() {
        Government upstream = ledger.register("CN-UP");
        Government downstream = ledger.register("CN-DOWN");
        Government member = ledger.register("CN-MEMBER");
        String agreementId = Scenarios.signedInForce(ledger, LedgerDriver.draftBody(LocalDate.now().minusYears(1),
                LocalDate.now().plusYears(2), upstream, downstream, member), upstream, downstream, member);
        Http.Answer transfer = http.post("/api/v1/transfers", Map.of("agreementId", agreementId,
                "payee", downstream.id(), "amount", Scenarios.cny("1000.00"), "reason", "joint cleaning"))
                .token(upstream.token()).send();
        assertThat(transfer.status()).as(transfer.toString()).isEqualTo(201);
        Http.Answer raised = http.post("/api/v1/disputes", Map.of("agreementId", agreementId, "subject",
                Map.of("type", "TRANSFER", "id", transfer.json().path("id").asText()),
                "respondents", List.of(downstream.id()), "claim", "CONFIDENTIAL-CLAIM")).token(upstream.token()).send();
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        String disputeId = raised.json().path("dispute").path("id").asText();
        String assigned = mediator("TAIHU");
        String other = mediator("YANGTZE");
        assertThat(http.post("/api/v1/disputes/" + disputeId + "/mediator", Map.of("mediatorId", assigned))
                .token(LedgerDriver.REGISTRAR_TOKEN).send().status()).isEqualTo(200);
        assertThat(http.post("/api/v1/disputes/" + disputeId + "/statements", Map.of("text", "CONFIDENTIAL-STATEMENT",
                "evidence", List.of())).token(upstream.token()).send().status()).isEqualTo(201);

        for (String outsider : List.of(member.token(), ledger.tokenFor("MEDIATOR", other))) {
            String history = history(agreementId, outsider);
            assertThat(history).contains("TransferCreated").doesNotContain("CONFIDENTIAL")
                    .doesNotContain("DisputeRaised").doesNotContain("StatementAdded");
        }
        for (String insider : List.of(downstream.token(), ledger.tokenFor("MEDIATOR", assigned),
                LedgerDriver.REGISTRAR_TOKEN)) {
            assertThat(history(agreementId, insider)).contains("CONFIDENTIAL-CLAIM", "CONFIDENTIAL-STATEMENT");
        }

        assertThat(http.post("/api/v1/disputes/" + disputeId + "/ruling", Map.of("outcome", "DISMISSED",
                "reasoning", "The transfer stands.")).token(ledger.tokenFor("MEDIATOR", assigned)).send().status())
                .isEqualTo(200);
        assertThat(history(agreementId, member.token()))
                .as("once ruled, the claim and the ruling are public as in the case file; statements never")
                .contains("CONFIDENTIAL-CLAIM", "DisputeRuled").doesNotContain("CONFIDENTIAL-STATEMENT");
        assertThat(history(agreementId, ledger.tokenFor("MEDIATOR", other))).doesNotContain("CONFIDENTIAL");
    }

    @Test
    void evidenceThatIsNotAnHttpAddressIsRefusedAndOpenDataDefusesSpreadsheetFormulas() {
        Government upstream = ledger.register("CN-UP");
        Government downstream = ledger.register("CN-DOWN");
        Map<String, Object> body = LedgerDriver.draftBody(LocalDate.now().minusYears(1), LocalDate.now().plusYears(2),
                upstream, downstream);
        String formula = "=HYPERLINK(\"https://evil.example/\",\"Xin'an River\")";
        body.put("title", formula);
        String agreementId = Scenarios.signedInForce(ledger, body, upstream, downstream);

        for (String uri : List.of("javascript:alert(1)", "JavaScript:alert(document.cookie)",
                "data:text/html,<script>alert(1)</script>", "file:///etc/passwd")) {
            Http.Answer refused = http.post("/api/v1/agreements/" + agreementId + "/obligations/OB-1/fulfilment",
                    Map.of("evidence", List.of(Map.of("sha256",
                            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "uri", uri,
                            "description", "plan")))).token(upstream.token()).send();
            assertThat(refused.status()).as(uri + " " + refused).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(ledger.status(agreementId, upstream.token()).path("obligations").path(0).path("status").asText())
                .as("no refused evidence fulfilled the obligation").isNotEqualTo("FULFILLED");

        Http.Answer csv = http.get("/open-data/agreements.csv").send();
        assertThat(csv.status()).isEqualTo(200);
        String line = csv.body().lines().filter(l -> l.contains(agreementId)).findFirst().orElseThrow();
        assertThat(line).as("the title is written as text a spreadsheet does not run")
                .contains("'=HYPERLINK(").doesNotContain(",=HYPERLINK(").doesNotContain(",\"=HYPERLINK(");
    }

    private String mediator(String prefix) {
        String id = LedgerDriver.uniqueId(prefix);
        assertThat(http.post("/api/v1/mediators", Map.of("id", id, "name", "Mediator " + id))
                .token(LedgerDriver.REGISTRAR_TOKEN).send().status()).isEqualTo(201);
        return id;
    }

    private String history(String agreementId, String token) {
        Http.Answer answer = http.get("/api/v1/agreements/" + agreementId + "/history?limit=500").token(token).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void theDataDirectoryAndItsFilesAreTheOwnersOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA_DIR))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(DATA_DIR)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertThat(regular).extracting(f -> f.getFileName().toString()).contains("ledger.mv.db");
            for (Path file : regular) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                        .isEqualTo("rw-------");
            }
        }
    }

    @Test
    void aClientTryingTokensIsThrottledWithRetryAfterAndEveryFailureIsLogged(CapturedOutput output) throws IOException {
        // from a loopback address of its own, so the other tests' client is not throttled
        InetAddress client = InetAddress.getByName("127.0.0.77");
        List<Integer> statuses = new ArrayList<>();
        RawAnswer last = null;
        for (int i = 0; i < 30; i++) {
            last = raw(client, "GET /api/v1/agreements HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer guess-" + i
                    + "\r\nConnection: close\r\n\r\n");
            statuses.add(last.status());
        }
        assertThat(statuses.subList(0, 20)).containsOnly(401);
        assertThat(statuses.subList(20, 30)).containsOnly(429);
        assertThat(last.head()).containsIgnoringCase("Retry-After: ");
        assertThat(last.head().toLowerCase()).contains("content-type: application/problem+json");
        RawAnswer withTheRegistrarsToken = raw(client, "GET /api/v1/agreements HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + LedgerDriver.REGISTRAR_TOKEN + "\r\nConnection: close\r\n\r\n");
        assertThat(withTheRegistrarsToken.status()).as("while throttled no token is even looked at").isEqualTo(429);
        assertThat(http.get("/api/v1/agreements").token(LedgerDriver.REGISTRAR_TOKEN).send().status())
                .as("other clients go on").isEqualTo(200);
        assertThat(output.getAll()).contains("a bearer token was refused for client 127.0.0.77")
                .contains("client 127.0.0.77 is throttled").doesNotContain("guess-");
    }

    @Test
    void streamsAreBoundedPerClientWith429AndInAllWith503() throws Exception {
        Government upstream = ledger.register("CN-S1");
        Government downstream = ledger.register("CN-S2");
        String agreementId = Scenarios.signedInForce(ledger, LedgerDriver.draftBody(LocalDate.now().minusYears(1),
                LocalDate.now().plusYears(2), upstream, downstream), upstream, downstream);
        String request = "GET /api/v1/agreements/" + agreementId + "/stream HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: text/event-stream\r\n\r\n";
        InetAddress first = InetAddress.getByName("127.0.0.78");
        InetAddress second = InetAddress.getByName("127.0.0.79");
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Socket stream = new Socket(InetAddress.getByName("127.0.0.1"), port, first, 0);
                open.add(stream);
                assertThat(statusOf(stream, request)).as("stream %d", i).isEqualTo(200);
            }
            try (Socket ninth = new Socket(InetAddress.getByName("127.0.0.1"), port, first, 0)) {
                String head = headOf(ninth, request);
                assertThat(head).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: 10");
            }
            for (int i = 0; i < 4; i++) {
                Socket stream = new Socket(InetAddress.getByName("127.0.0.1"), port, second, 0);
                open.add(stream);
                assertThat(statusOf(stream, request)).as("second client's stream %d", i).isEqualTo(200);
            }
            try (Socket overTotal = new Socket(InetAddress.getByName("127.0.0.1"), port, second, 0)) {
                assertThat(headOf(overTotal, request)).startsWith("HTTP/1.1 503").containsIgnoringCase("Retry-After: ");
            }
            open.remove(0).close();
            // the server notices the closed stream at its next write (a heartbeat at the latest): retry for a while
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(40);
            int status = 0;
            while (System.nanoTime() < deadline) {
                Socket again = new Socket(InetAddress.getByName("127.0.0.1"), port, first, 0);
                status = statusOf(again, request);
                if (status == 200) {
                    open.add(again);
                    break;
                }
                again.close();
                Thread.sleep(1_000);
            }
            assertThat(status).as("a closed stream frees its place").isEqualTo(200);
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    private static int statusOf(Socket socket, String request) throws IOException {
        return Integer.parseInt(headOf(socket, request).substring(9, 12));
    }

    /** Sends the request and reads the answer's head only, leaving the connection open. */
    private static String headOf(Socket socket, String request) throws IOException {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void datesFarOutsideASensibleRangeAreBadInputAtDrafting() {
        Government upstream = ledger.register("CN-D1");
        Government downstream = ledger.register("CN-D2");
        Map<String, Object> body = LedgerDriver.draftBody(LocalDate.now(), LocalDate.now().plusYears(1), upstream,
                downstream);
        body.put("effectiveUntil", "+999999999-12-31");
        Http.Answer answer = http.post("/api/v1/agreements", body).token(upstream.token()).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.json().path("errors").path(0).path("field").asText()).isEqualTo("effectiveUntil");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anIssuedTokenIsShownOnceAndStoredNowhereAlsoWithAnIdempotencyKey() {
        Government party = ledger.register("CN-TOKEN");
        String key = "issue-" + System.nanoTime();
        Http.Answer issued = http.post("/api/v1/tokens", Map.of("principalType", "JURISDICTION",
                "principalId", party.id())).token(LedgerDriver.REGISTRAR_TOKEN).header("Idempotency-Key", key).send();
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String token = issued.json().path("token").asText();
        assertThat(token).isNotBlank();

        Http.Answer replayed = http.post("/api/v1/tokens", Map.of("principalType", "JURISDICTION",
                "principalId", party.id())).token(LedgerDriver.REGISTRAR_TOKEN).header("Idempotency-Key", key).send();
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.json().path("tokenId").asText()).isEqualTo(issued.json().path("tokenId").asText());
        assertThat(replayed.json().path("token").isNull()).isTrue();
        assertThat(replayed.body()).doesNotContain(token).contains("shown once");

        List<byte[]> stored = jdbc.query("select response_body from idempotency_key", (rs, i) -> rs.getBytes(1));
        assertThat(stored).isNotEmpty().allSatisfy(body ->
                assertThat(body == null ? "" : new String(body, StandardCharsets.UTF_8)).doesNotContain(token));
        assertThat(http.get("/api/v1/agreements").token(token).send().status()).as("the token works").isEqualTo(200);
    }

    @Test
    void anAnonymousRequestNeverStoresAnIdempotencyKey() {
        String key = "anonymous-" + System.nanoTime();
        Http.Answer answer = http.post("/api/v1/transfers", Map.of("agreementId", "A")).header("Idempotency-Key", key)
                .send();
        assertThat(answer.status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from idempotency_key where scope like ?", Long.class,
                "%" + key)).isZero();
    }

    private record RawAnswer(int status, String head, String body) {
    }

    private RawAnswer raw(String request) throws IOException {
        return raw(InetAddress.getLoopbackAddress(), request);
    }

    private RawAnswer raw(InetAddress from, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, from, 0)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            return new RawAnswer(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }
}
