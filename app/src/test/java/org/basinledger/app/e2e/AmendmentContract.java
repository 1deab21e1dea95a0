package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * Signed amendments of an agreement in force over HTTP (API.md, "Amendments, renewal, rounds, termination with
 * notice"): the Xin'an agreement's central funds taper and a fourth government joins; every party of the old and the
 * new list signs; the status view, the terms and their versions follow; rejection and every refusal change nothing.
 * Run against H2 and PostgreSQL by the subclasses.
 */
abstract class AmendmentContract {

    @LocalServerPort
    int port;

    LedgerDriver ledger;
    Http http;
    Government anhui;
    Government zhejiang;
    Government ministry;
    Government jiangsu;
    String id;

    /** Today in China Standard Time: the earliest validFrom. */
    static LocalDate today() {
        return LedgerCalendar.dateOf(java.time.Instant.now());
    }

    @BeforeEach
    void agreementInForce() {
        http = new Http(port);
        ledger = new LedgerDriver(http);
        anhui = ledger.register("CN-AH");
        zhejiang = ledger.register("CN-ZJ");
        ministry = ledger.register("CN-MOF");
        jiangsu = ledger.register("CN-JS");
        id = Scenarios.signedInForce(ledger, Scenarios.xinan(anhui, zhejiang, ministry), anhui, zhejiang, ministry);
    }

    /** The Xin'an terms with the ministry's contribution at {@code amount}. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> taperedTerms(String amount) {
        Map<String, Object> terms = new LinkedHashMap<>(Scenarios.terms(Scenarios.xinan(anhui, zhejiang, ministry)));
        List<Object> rules = new ArrayList<>((List<Object>) terms.get("compensation"));
        rules.set(1, Map.of("rule", "FIXED_CONTRIBUTION", "payer", ministry.id(), "payee", anhui.id(),
                "period", "YEAR", "amount", Scenarios.cny(amount)));
        terms.put("compensation", rules);
        return terms;
    }

    private Map<String, Object> taperAndJiangsuJoins(LocalDate validFrom) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", "central funds taper; Jiangsu joins the monitoring");
        body.put("validFrom", validFrom.toString());
        body.put("terms", taperedTerms("200000000.00"));
        body.put("parties", List.of(Map.of("jurisdictionId", anhui.id(), "role", "UPSTREAM"),
                Map.of("jurisdictionId", zhejiang.id(), "role", "DOWNSTREAM"),
                Map.of("jurisdictionId", ministry.id(), "role", "FUNDER"),
                Map.of("jurisdictionId", jiangsu.id(), "role", "MEMBER")));
        return body;
    }

    private Http.Answer propose(Government by, Map<String, Object> body) {
        return http.post("/api/v1/agreements/" + id + "/amendments", body).token(by.token()).send();
    }

    private Http.Answer amendmentTerms(int number, String token) {
        Http.Request request = http.get("/api/v1/agreements/" + id + "/amendments/" + number + "/terms");
        return (token == null ? request : request.token(token)).send();
    }

    private Http.Answer sign(Government party, int number, byte[] document) {
        return http.post("/api/v1/agreements/" + id + "/amendments/" + number + "/signatures",
                Map.of("signature", party.keys().sign(document), "keyId", party.keyId())).token(party.token()).send();
    }

    private JsonNode amendments() {
        Http.Answer list = http.get("/api/v1/agreements/" + id + "/amendments").send();
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().path("items");
    }

    private static Map<String, Object> xinanMarch() {
        Map<String, String> concentrations = new LinkedHashMap<>();
        concentrations.put("CODMN", "1.80");
        concentrations.put("NH3N", "0.12");
        concentrations.put("TP", "0.025");
        concentrations.put("TN", "1.20");
        return Scenarios.monthlyReport("JIEKOU", Scenarios.LAST_YEAR, 3, concentrations, null);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void everyPartyOldAndNewSignsAndTheAmendedTermsAreInEffect() throws Exception {
        String originalHash = ledger.status(id, null).path("termsHash").asText();
        assertThat(ledger.status(id, null).path("termsVersion").asInt()).isZero();

        Http.Answer proposed = propose(anhui, taperAndJiangsuJoins(today()));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        assertThat(proposed.header("Location")).isEqualTo("/api/v1/agreements/" + id + "/amendments/1");
        assertThat(proposed.json().path("number").asInt()).isEqualTo(1);
        assertThat(proposed.json().path("status").asText()).isEqualTo("OPEN_FOR_SIGNATURE");
        String amendedHash = proposed.json().path("termsHash").asText();

        // the document: exactly the hashed bytes, naming the agreement, the number and the hash it replaces
        Http.Answer document = amendmentTerms(1, jiangsu.token());
        assertThat(document.status()).as(document.toString()).isEqualTo(200);
        byte[] bytes = document.raw().body();
        assertThat(sha256(bytes)).isEqualTo(amendedHash);
        assertThat(LedgerDriver.utf8(bytes)).startsWith("{\"agreementId\":\"" + id + "\",\"amendment\":1,")
                .contains("\"replacesTermsHash\":\"" + originalHash + "\"").contains("200000000.00")
                .contains(jiangsu.id());
        // private to those who sign it until adopted
        assertThat(amendmentTerms(1, null).status()).isEqualTo(404);

        // one at a time
        Http.Answer another = propose(zhejiang, Map.of("reason", "longer", "validFrom", today().plusDays(1).toString(),
                "effectiveUntil", LocalDate.of(Scenarios.LAST_YEAR + 5, 12, 31).toString()));
        assertThat(another.status()).as(another.toString()).isEqualTo(409);
        assertThat(another.contentType()).startsWith("application/problem+json");

        // a signature over other bytes, with another's key, or by an outsider: refused, nothing changes
        Http.Answer overOriginal = http.post("/api/v1/agreements/" + id + "/amendments/1/signatures",
                Map.of("signature", anhui.keys().sign(ledger.terms(id, null)))).token(anhui.token()).send();
        assertThat(overOriginal.status()).as(overOriginal.toString()).isEqualTo(400);
        assertThat(overOriginal.json().path("errors").path(0).path("field").asText()).isEqualTo("signature");
        Http.Answer notMine = http.post("/api/v1/agreements/" + id + "/amendments/1/signatures",
                Map.of("signature", zhejiang.keys().sign(bytes), "keyId", zhejiang.keyId())).token(anhui.token()).send();
        assertThat(notMine.status()).as(notMine.toString()).isEqualTo(400);
        Government outsider = ledger.register("CN-FJ");
        assertThat(sign(outsider, 1, bytes).status()).isEqualTo(403);
        assertThat(amendments().path(0).path("signatures").size()).isZero();

        for (Government party : List.of(anhui, zhejiang, ministry)) {
            Http.Answer signed = sign(party, 1, bytes);
            assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
            assertThat(signed.json().path("status").asText()).isEqualTo("OPEN_FOR_SIGNATURE");
        }
        assertThat(sign(anhui, 1, bytes).status()).as("signs once").isEqualTo(409);
        // before it is in effect Jiangsu is no party: it cannot report
        Http.Answer early = http.post("/api/v1/agreements/" + id + "/monitoring-reports",
                xinanMarch())
                .token(jiangsu.token()).send();
        assertThat(early.status()).as(early.toString()).isEqualTo(403);

        Http.Answer last = sign(jiangsu, 1, bytes);
        assertThat(last.status()).as(last.toString()).isEqualTo(200);
        assertThat(last.json().path("status").asText()).isEqualTo("ADOPTED");
        assertThat(last.json().path("adoptedAt").isTextual()).isTrue();
        assertThat(last.json().path("inEffectAt").isTextual()).as("validFrom today: in effect at once").isTrue();
        assertThat(last.json().path("signatures").size()).isEqualTo(4);

        JsonNode status = ledger.status(id, null);
        assertThat(status.path("termsVersion").asInt()).isEqualTo(1);
        assertThat(status.path("termsHash").asText()).isEqualTo(amendedHash);
        assertThat(status.path("parties").size()).isEqualTo(4);
        assertThat(status.path("parties")).allSatisfy(p -> assertThat(p.path("signedAt").isTextual()).isTrue());

        // the terms follow the version in effect; every version stays readable, by anyone once adopted
        assertThat(sha256(ledger.terms(id, null))).isEqualTo(amendedHash);
        Http.Answer versionZero = http.get("/api/v1/agreements/" + id + "/terms?version=0").send();
        assertThat(sha256(versionZero.raw().body())).isEqualTo(originalHash);
        assertThat(versionZero.header("X-Terms-Current")).isEqualTo("false");
        Http.Answer versionOne = http.get("/api/v1/agreements/" + id + "/terms?version=1").send();
        assertThat(sha256(versionOne.raw().body())).isEqualTo(amendedHash);
        assertThat(http.get("/api/v1/agreements/" + id + "/terms?version=2").send().status()).isEqualTo(404);
        assertThat(http.get("/api/v1/agreements/" + id + "/terms?version=-1").send().status()).isEqualTo(400);
        assertThat(amendmentTerms(1, null).status()).isEqualTo(200);

        // Jiangsu is a party now: it reports
        Http.Answer report = http.post("/api/v1/agreements/" + id + "/monitoring-reports",
                xinanMarch())
                .token(jiangsu.token()).send();
        assertThat(report.status()).as(report.toString()).isEqualTo(201);

        // a year that began before the amendment is assessed under version 0, and says so
        Http.Answer assessed = http.post("/api/v1/agreements/" + id + "/assessments",
                Map.of("sectionId", "JIEKOU", "period", Integer.toString(Scenarios.LAST_YEAR))).token(zhejiang.token())
                .send();
        assertThat(assessed.status()).as(assessed.toString()).isEqualTo(201);
        assertThat(assessed.json().path("termsVersion").asInt()).isZero();

        // the history records each step
        Http.Answer history = http.get("/api/v1/agreements/" + id + "/history?limit=500").token(anhui.token()).send();
        assertThat(history.status()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        history.json().path("items").forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).contains("AmendmentProposed", "AmendmentSigned", "AmendmentAdopted", "AmendmentTookEffect");
        // every amendment event is a leaf of the integrity log, like every other event, and verifies
        JsonNode logged = LedgerIntegrityContract.await(() -> {
            JsonNode items = http.get("/api/v1/agreements/" + id + "/history?limit=500")
                    .token(LedgerDriver.REGISTRAR_TOKEN).send().json().path("items");
            for (JsonNode item : items) {
                if (item.path("type").asText().startsWith("Amendment") && !item.path("leafIndex").isIntegralNumber()) {
                    return null;
                }
            }
            return items;
        });
        assertThat(logged).anySatisfy(e -> assertThat(e.path("type").asText()).isEqualTo("AmendmentAdopted"));
        Http.Answer verification = http.get("/api/v1/ledger/verification").token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(verification.status()).as(verification.toString()).isEqualTo(200);
        assertThat(verification.json().path("ok").asBoolean()).as(verification.toString()).isTrue();
        // taking effect is the ledger's step, whoever's signature was last
        history.json().path("items").forEach(e -> {
            if ("AmendmentTookEffect".equals(e.path("type").asText())) {
                assertThat(e.path("actor").asText()).isEqualTo("ledger");
            }
        });
    }

    @Test
    void aRejectionLeavesTheTermsAsTheyWereAndTheNextAmendmentIsNumberTwo() {
        String originalHash = ledger.status(id, null).path("termsHash").asText();
        Http.Answer proposed = propose(zhejiang, Map.of("reason", "five more years",
                "validFrom", today().plusDays(10).toString(),
                "effectiveUntil", LocalDate.of(Scenarios.LAST_YEAR + 8, 12, 31).toString()));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        byte[] bytes = amendmentTerms(1, anhui.token()).raw().body();
        assertThat(sign(zhejiang, 1, bytes).status()).isEqualTo(200);

        Http.Answer outsider = http.post("/api/v1/agreements/" + id + "/amendments/1/rejection",
                Map.of("reason", "no")).token(jiangsu.token()).send();
        assertThat(outsider.status()).as(outsider.toString()).isEqualTo(403);
        Http.Answer blank = http.post("/api/v1/agreements/" + id + "/amendments/1/rejection",
                Map.of("reason", " ")).token(ministry.token()).send();
        assertThat(blank.status()).as(blank.toString()).isEqualTo(400);

        Http.Answer rejected = http.post("/api/v1/agreements/" + id + "/amendments/1/rejection",
                Map.of("reason", "not before the budget")).token(ministry.token()).send();
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.json().path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.json().path("rejectedBy").asText()).isEqualTo(ministry.id());

        JsonNode status = ledger.status(id, null);
        assertThat(status.path("termsVersion").asInt()).isZero();
        assertThat(status.path("termsHash").asText()).isEqualTo(originalHash);
        assertThat(status.path("effectiveUntil").asText()).isEqualTo(LocalDate.of(Scenarios.LAST_YEAR + 3, 12, 31)
                .toString());
        assertThat(sign(anhui, 1, bytes).status()).as("a rejected amendment is signed no more").isEqualTo(409);
        assertThat(http.get("/api/v1/agreements/" + id + "/amendments/9").send().status()).isEqualTo(404);

        Http.Answer second = propose(anhui, Map.of("reason", "three more years",
                "validFrom", today().plusDays(10).toString(),
                "effectiveUntil", LocalDate.of(Scenarios.LAST_YEAR + 6, 12, 31).toString()));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.json().path("number").asInt()).isEqualTo(2);
        assertThat(amendments()).hasSize(2);
        assertThat(amendments().path(0).path("status").asText()).isEqualTo("REJECTED");
    }

    @Test
    void badProposalsAreProblemsNamingTheirFieldsAndChangeNothing() {
        Map<String, Object> yesterday = taperAndJiangsuJoins(today().minusDays(1));
        Http.Answer past = propose(anhui, yesterday);
        assertThat(past.status()).as(past.toString()).isEqualTo(400);
        assertThat(past.json().path("errors").path(0).path("field").asText()).isEqualTo("validFrom");

        Map<String, Object> blankText = taperAndJiangsuJoins(today());
        @SuppressWarnings("unchecked")
        Map<String, Object> terms = new LinkedHashMap<>((Map<String, Object>) blankText.get("terms"));
        terms.put("text", " ");
        blankText.put("terms", terms);
        Http.Answer invalid = propose(anhui, blankText);
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
        assertThat(invalid.json().path("errors").path(0).path("field").asText()).isEqualTo("terms.text");

        Map<String, Object> stranger = taperAndJiangsuJoins(today());
        stranger.put("parties", List.of(Map.of("jurisdictionId", anhui.id(), "role", "UPSTREAM"),
                Map.of("jurisdictionId", "CN-NOWHERE", "role", "DOWNSTREAM")));
        assertThat(propose(anhui, stranger).status()).isEqualTo(400);

        assertThat(propose(jiangsu, taperAndJiangsuJoins(today())).status()).as("not a party").isEqualTo(403);
        Http.Answer anonymous = http.post("/api/v1/agreements/" + id + "/amendments", taperAndJiangsuJoins(today()))
                .send();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(amendments()).isEmpty();
        assertThat(ledger.status(id, null).path("termsVersion").asInt()).isZero();
    }

    @Test
    void thePortalShowsEachVersionWhoSignedItAndComparesTwoWithoutJavaScript() throws Exception {
        Map<String, Object> body = taperAndJiangsuJoins(today());
        body.put("reason", "<script>alert('taper')</script> & the funds taper");
        Http.Answer proposed = propose(anhui, body);
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        byte[] bytes = amendmentTerms(1, anhui.token()).raw().body();
        // while open, the page names it but shows no version of it
        String open = http.get("/agreements/" + id).header("Accept", "text/html").send().body();
        assertThat(open).contains("id=\"other-amendments-list\"").contains("open for signature (0 of 4 signed)")
                .doesNotContain("<script>alert").contains("&lt;script&gt;alert(");
        for (Government party : List.of(anhui, zhejiang, ministry, jiangsu)) {
            assertThat(sign(party, 1, bytes).status()).isEqualTo(200);
        }

        Http.Answer page = http.get("/agreements/" + id).header("Accept", "text/html").send();
        assertThat(page.status()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("id=\"versions-table\"", "As first signed", "Amendment 1", "In effect",
                "/api/v1/agreements/" + id + "/terms?version=1", "/agreements/" + id + "/versions/diff?from=0&amp;to=1")
                .contains("Government " + jiangsu.id())
                .doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;taper&#39;)&lt;/script&gt; &amp; the funds taper");

        Http.Answer diff = http.get("/agreements/" + id + "/versions/diff?from=0&to=1").header("Accept", "text/html")
                .send();
        assertThat(diff.status()).as(diff.toString()).isEqualTo(200);
        String compared = diff.body();
        assertThat(compared).contains("<html lang=\"en\"", "<h1 ", "id=\"diff-table\"", "<form method=\"get\"")
                .contains("terms.compensation[1].amount.amount", "300000000.00", "200000000.00", "Changed")
                .contains("parties[3].jurisdictionId", jiangsu.id(), "Added")
                .doesNotContain("<script>alert");
        // only what changed, unless asked for every field
        assertThat(compared).doesNotContain("<code>basin</code>");
        assertThat(http.get("/agreements/" + id + "/versions/diff?from=0&to=1&all=yes").send().body())
                .contains("<code>basin</code>");
        // the default compares the version before the one in effect with it; unknown versions are not found
        assertThat(http.get("/agreements/" + id + "/versions/diff").send().body())
                .contains("terms.compensation[1].amount.amount");
        assertThat(http.get("/agreements/" + id + "/versions/diff?from=0&to=7").send().status()).isEqualTo(404);
        assertThat(http.get("/agreements/" + id + "/versions/diff?from=x&to=y").send().status()).isEqualTo(200);
    }
}
