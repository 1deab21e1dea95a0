package org.basinledger.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.Keys;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.Scenarios;

/**
 * The agreements the portal tests look at, made once per application over the HTTP API as governments, the
 * registrar and a mediator would: one in force with an assessment, transfers (one settled), a ruled dispute and an
 * open one with statements; one open for signature; one terminated; one sent back to draft and amended since; and
 * one draft never opened. Everything that must never reach a public page is marked {@code SECRET}.
 */
final class PortalFixture {

    static final int YEAR = Scenarios.LAST_YEAR;
    static final String SECRET_DRAFT_TITLE = "SECRET-DRAFT Taihu nutrient trading";
    static final String SECRET_DRAFT_TEXT = "SECRET-DRAFT-TEXT the parties may trade nitrogen allowances";
    static final String SECRET_AMENDED_TITLE = "SECRET-AMENDED Qiantang flood duties, second draft";
    static final String OPEN_CLAIM = "SECRET-CLAIM-OPEN the 2024 contribution was paid into the wrong account";
    static final String OPEN_STATEMENT = "SECRET-STATEMENT-OPEN bank records attached";
    static final String RULED_CLAIM = "SECRET-CLAIM-RULED the samples were taken during the flood release";
    static final String RULED_STATEMENT = "SECRET-STATEMENT-RULED the sampling followed the joint plan";
    static final String REASONING = "The samples followed the joint monitoring plan; the assessment stands.";

    private static PortalFixture instance;

    final Government anhui;
    final Government zhejiang;
    final Government ministry;
    final String mediatorToken;
    final String inForceId;
    final String openId;
    final String terminatedId;
    final String redraftedId;
    final String draftId;
    /** Every bearer token the fixture used: none may appear on a public page. */
    final List<String> tokens = new ArrayList<>();
    /** The parties' private keys as base64 PKCS#8: none may appear on a public page. */
    final List<String> privateKeys = new ArrayList<>();

    static synchronized PortalFixture of(LedgerDriver ledger) {
        if (instance == null) {
            instance = new PortalFixture(ledger);
        }
        return instance;
    }

    private PortalFixture(LedgerDriver ledger) {
        Http http = ledger.http();
        anhui = register(http, ledger, "CN-AH-HS", "Huangshan City, Anhui");
        zhejiang = register(http, ledger, "CN-ZJ-HZ", "Hangzhou City, Zhejiang");
        ministry = register(http, ledger, "CN-MOF", "Ministry of Finance");
        tokens.add(LedgerDriver.REGISTRAR_TOKEN);

        Map<String, Object> xinan = Scenarios.xinan(anhui, zhejiang, ministry);
        xinan.put("title", "Xin'an River ecological compensation, phase 4");
        inForceId = Scenarios.signedInForce(ledger, xinan, anhui, zhejiang, ministry);
        report(http, inForceId, YEAR - 1, "1.80", "0.12", "0.025", "1.20", anhui);
        JsonNode assessment = assess(http, inForceId, YEAR - 1, zhejiang);

        // one fixed contribution paid and settled, the other disputed and left open
        JsonNode contributions = http.get("/api/v1/transfers?agreementId=" + inForceId + "&party=" + ministry.id())
                .send().json().path("items");
        String settled = contributions.path(0).path("id").asText();
        String contested = contributions.path(1).path("id").asText();
        ok(http.post("/api/v1/transfers/" + settled + "/acknowledgement", null).token(ministry.token()).send());
        ok(http.post("/api/v1/transfers/" + settled + "/payment", Map.of("reference", "MOF-" + (YEAR - 1) + "-001",
                "paidAt", (YEAR) + "-01-15T00:00:00Z")).token(ministry.token()).send());
        ok(http.post("/api/v1/transfers/" + settled + "/receipt", null).token(anhui.token()).send());

        String mediatorId = LedgerDriver.uniqueId("TAIHU-BA");
        created(http.post("/api/v1/mediators", Map.of("id", mediatorId, "name", "Taihu Basin Authority"))
                .token(LedgerDriver.REGISTRAR_TOKEN).send());
        mediatorToken = ledger.tokenFor("MEDIATOR", mediatorId);
        tokens.add(mediatorToken);

        String ruled = raise(http, zhejiang, inForceId, "ASSESSMENT", assessment.path("id").asText(), anhui, RULED_CLAIM);
        ok(http.post("/api/v1/disputes/" + ruled + "/mediator", Map.of("mediatorId", mediatorId))
                .token(LedgerDriver.REGISTRAR_TOKEN).send());
        created(http.post("/api/v1/disputes/" + ruled + "/statements", Map.of("text", RULED_STATEMENT,
                "evidence", List.of(Scenarios.evidence("sampling log")))).token(anhui.token()).send());
        ok(http.post("/api/v1/disputes/" + ruled + "/ruling", Map.of("outcome", "DISMISSED", "reasoning", REASONING))
                .token(mediatorToken).send());

        String open = raise(http, anhui, inForceId, "TRANSFER", contested, ministry, OPEN_CLAIM);
        ok(http.post("/api/v1/disputes/" + open + "/mediator", Map.of("mediatorId", mediatorId))
                .token(LedgerDriver.REGISTRAR_TOKEN).send());
        created(http.post("/api/v1/disputes/" + open + "/statements", Map.of("text", OPEN_STATEMENT,
                "evidence", List.of())).token(anhui.token()).send());

        Map<String, Object> qiantang = LedgerDriver.draftBody(LocalDate.of(YEAR + 1, 1, 1),
                LocalDate.of(YEAR + 5, 12, 31), zhejiang, anhui);
        qiantang.put("title", "Qiantang River flood warning duties");
        qiantang.put("basin", "Qiantang River");
        openId = ledger.draft(zhejiang, qiantang).path("id").asText();
        ledger.open(zhejiang, openId);
        ok(ledger.sign(zhejiang, openId, true));

        Map<String, Object> jinze = LedgerDriver.draftBody(LocalDate.of(YEAR - 1, 1, 1),
                LocalDate.of(YEAR + 2, 12, 31), anhui, zhejiang);
        jinze.put("title", "Taihu Lake joint monitoring at Jinze");
        jinze.put("basin", "Taihu Lake");
        terminatedId = Scenarios.signedInForce(ledger, jinze, anhui, zhejiang);
        ok(http.post("/api/v1/agreements/" + terminatedId + "/termination",
                Map.of("reason", "Replaced by the basin-wide agreement")).token(anhui.token()).send());

        Map<String, Object> flood = LedgerDriver.draftBody(LocalDate.of(YEAR + 1, 1, 1),
                LocalDate.of(YEAR + 4, 12, 31), zhejiang, anhui);
        flood.put("title", "Qiantang River flood duties");
        flood.put("basin", "Qiantang River");
        redraftedId = ledger.draft(zhejiang, flood).path("id").asText();
        ledger.open(zhejiang, redraftedId);
        JsonNode rejected = ok(http.post("/api/v1/agreements/" + redraftedId + "/rejection",
                Map.of("reason", "The warning times are too short")).token(anhui.token()).send()).json();
        flood.put("title", SECRET_AMENDED_TITLE);
        ok(http.put("/api/v1/agreements/" + redraftedId + "/terms", flood).token(zhejiang.token())
                .header("If-Match", "\"" + rejected.path("version").asLong() + "\"").send());

        Map<String, Object> secret = LedgerDriver.draftBody(LocalDate.of(YEAR + 1, 1, 1),
                LocalDate.of(YEAR + 3, 12, 31), anhui, zhejiang);
        secret.put("title", SECRET_DRAFT_TITLE);
        secret.put("basin", "Taihu Lake");
        Scenarios.terms(secret).put("text", SECRET_DRAFT_TEXT);
        draftId = ledger.draft(anhui, secret).path("id").asText();
    }

    /** A monthly report in June of {@code year} at the given concentrations (CODMN, NH3N, TP, TN). */
    static void report(Http http, String agreementId, int year, String codmn, String nh3n, String tp, String tn,
                       Government by) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("CODMN", codmn);
        values.put("NH3N", nh3n);
        values.put("TP", tp);
        values.put("TN", tn);
        created(http.post("/api/v1/agreements/" + agreementId + "/monitoring-reports",
                Scenarios.monthlyReport("JIEKOU", year, 6, values, null)).token(by.token()).send());
    }

    static JsonNode assess(Http http, String agreementId, int year, Government by) {
        return created(http.post("/api/v1/agreements/" + agreementId + "/assessments",
                Map.of("sectionId", "JIEKOU", "period", String.valueOf(year))).token(by.token()).send()).json();
    }

    private String raise(Http http, Government claimant, String agreementId, String type, String subjectId,
                         Government respondent, String claim) {
        Http.Answer raised = created(http.post("/api/v1/disputes", Map.of("agreementId", agreementId,
                "subject", Map.of("type", type, "id", subjectId), "respondents", List.of(respondent.id()),
                "claim", claim)).token(claimant.token()).send());
        return raised.json().path("dispute").path("id").asText();
    }

    private Government register(Http http, LedgerDriver ledger, String prefix, String name) {
        Keys keys = Keys.generate();
        String id = LedgerDriver.uniqueId(prefix);
        Http.Answer registered = created(http.post("/api/v1/jurisdictions", Map.of("id", id, "name", name,
                "level", "CITY", "publicKey", keys.publicKeyPem())).token(LedgerDriver.REGISTRAR_TOKEN).send());
        String keyId = registered.json().path("keys").path(0).path("keyId").asText();
        String token = ledger.tokenFor("JURISDICTION", id);
        tokens.add(token);
        privateKeys.add(Base64.getEncoder().encodeToString(keys.pair().getPrivate().getEncoded()));
        return new Government(id, keys, keyId, token);
    }

    private static Http.Answer ok(Http.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer;
    }

    private static Http.Answer created(Http.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer;
    }
}
