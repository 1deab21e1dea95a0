package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The agreement lifecycle over HTTP, as API.md specifies it: run against H2 and against PostgreSQL by the
 * subclasses, on a random port with the whole application.
 */
abstract class AgreementLifecycleContract {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    LedgerDriver ledger;
    Http http;

    static final LocalDate PAST = LocalDate.now().minusYears(1);
    static final LocalDate FUTURE = LocalDate.now().plusYears(3);

    @BeforeEach
    void connect() {
        http = new Http(port);
        ledger = new LedgerDriver(http);
    }

    @Test
    void twoPartiesDraftOpenSignAndTheAgreementIsInForce() throws Exception {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");

        JsonNode draft = ledger.draft(anhui, LedgerDriver.draftBody(PAST, FUTURE, anhui, zhejiang));
        String id = draft.path("id").asText();
        assertThat(draft.path("status").asText()).isEqualTo("DRAFT");
        assertThat(draft.path("version").asLong()).isZero();

        JsonNode opened = ledger.open(zhejiang, id);
        assertThat(opened.path("status").asText()).isEqualTo("OPEN_FOR_SIGNATURE");
        String termsHash = opened.path("termsHash").asText();
        byte[] document = ledger.terms(id, null);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document))).isEqualTo(termsHash);
        assertThat(LedgerDriver.utf8(document)).contains("\"agreementId\":\"" + id + "\"").doesNotContain("\n");

        Http.Answer first = ledger.sign(anhui, id, true);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("status").asText()).isEqualTo("OPEN_FOR_SIGNATURE");
        assertThat(first.header("ETag")).isEqualTo("\"" + first.json().path("version").asLong() + "\"");

        Http.Answer second = ledger.sign(zhejiang, id, false);
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        JsonNode inForce = second.json();
        assertThat(inForce.path("status").asText()).isEqualTo("IN_FORCE");
        assertThat(inForce.path("parties")).allSatisfy(p -> assertThat(p.path("signedAt").isTextual()).isTrue());
        assertThat(inForce.path("termsHash").asText()).isEqualTo(termsHash);

        JsonNode publicView = ledger.status(id, null);
        assertThat(publicView.path("status").asText()).isEqualTo("IN_FORCE");
        assertThat(publicView.path("outstanding").path("count").asInt()).isZero();
        assertThat(publicView.path("openDisputes").asInt()).isZero();
    }

    @Test
    void aNewRoundNamesThePublicAgreementItContinuesAndBothViewsShowTheLink() {
        Government anhui = ledger.register("CN-AH");
        Government zhejiang = ledger.register("CN-ZJ");
        Government outsider = ledger.register("CN-JS");
        String first = Scenarios.signedInForce(ledger, LedgerDriver.draftBody(PAST, FUTURE, anhui, zhejiang), anhui,
                zhejiang);
        String privateDraft = ledger.draft(outsider, LedgerDriver.draftBody(PAST, FUTURE, outsider, zhejiang))
                .path("id").asText();

        // an unknown agreement and another's private draft are refused alike, naming the field
        for (String missing : List.of("no-such-agreement", privateDraft)) {
            Map<String, Object> body = LedgerDriver.draftBody(FUTURE, FUTURE.plusYears(3), anhui, zhejiang);
            body.put("predecessorId", missing);
            Http.Answer refused = http.post("/api/v1/agreements", body).token(anhui.token()).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().path("errors").path(0).path("field").asText()).isEqualTo("predecessorId");
            assertThat(refused.body()).doesNotContain("DRAFT");
        }

        Map<String, Object> next = LedgerDriver.draftBody(FUTURE, FUTURE.plusYears(3), anhui, zhejiang);
        next.put("title", "Xin'an River ecological compensation, round 2");
        next.put("predecessorId", first);
        String second = ledger.draft(anhui, next).path("id").asText();
        assertThat(ledger.status(second, anhui.token()).path("predecessorId").asText()).isEqualTo(first);
        // while the next round is a private draft, the public does not learn of it
        assertThat(ledger.status(first, null).hasNonNull("successorId")).isFalse();

        ledger.open(anhui, second);
        assertThat(LedgerDriver.utf8(ledger.terms(second, null))).contains("\"predecessorId\":\"" + first + "\"");
        assertThat(ledger.status(first, null).path("successorId").asText()).isEqualTo(second);
        assertThat(ledger.status(second, null).path("predecessorId").asText()).isEqualTo(first);

        // the portal shows the chain on both rounds' pages
        Http.Answer page = http.get("/agreements/" + first).send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"rounds-table\"").contains("/agreements/" + second)
                .contains("round 2");
    }

    @Test
    void threePartiesSignAnAgreementThatStartsLaterAndItWaitsSigned() {
        Government huangshan = ledger.register("CN-AH-HS");
        Government hangzhou = ledger.register("CN-ZJ-HZ");
        Government ministry = ledger.register("CN-MOF");
        String id = ledger.draft(ministry, LedgerDriver.draftBody(LocalDate.now().plusMonths(2), FUTURE,
                huangshan, hangzhou, ministry)).path("id").asText();
        ledger.open(huangshan, id);
        for (Government party : List.of(huangshan, hangzhou, ministry)) {
            Http.Answer signed = ledger.sign(party, id, true);
            assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        }
        JsonNode status = ledger.status(id, hangzhou.token());
        assertThat(status.path("status").asText()).isEqualTo("SIGNED");
        assertThat(status.path("signedAt").isTextual()).isTrue();
        assertThat(status.path("inForceAt").isNull()).isTrue();
    }

    @Test
    void draftsAreSeenOnlyByTheirPartiesAndTheRegistrarUntilOpened() {
        Government a = ledger.register("CN-JS");
        Government b = ledger.register("CN-SH");
        Government outsider = ledger.register("CN-AH");
        String id = ledger.draft(a, LedgerDriver.draftBody(PAST, FUTURE, a, b)).path("id").asText();

        assertThat(http.get("/api/v1/agreements/" + id).send().status()).isEqualTo(404);
        assertThat(http.get("/api/v1/agreements/" + id).token(outsider.token()).send().status()).isEqualTo(404);
        assertThat(http.get("/api/v1/agreements/" + id).token(b.token()).send().status()).isEqualTo(200);
        assertThat(http.get("/api/v1/agreements/" + id).token(LedgerDriver.REGISTRAR_TOKEN).send().status()).isEqualTo(200);
        assertThat(http.get("/api/v1/agreements/" + id + "/terms").send().status()).isEqualTo(404);
        assertThat(idsIn(http.get("/api/v1/agreements?party=" + a.id() + "&size=100").send())).doesNotContain(id);
        assertThat(idsIn(http.get("/api/v1/agreements?party=" + a.id() + "&size=100").token(b.token()).send())).contains(id);

        ledger.open(a, id);
        assertThat(http.get("/api/v1/agreements/" + id).send().status()).isEqualTo(200);
        assertThat(http.get("/api/v1/agreements/" + id + "/terms").send().status()).isEqualTo(200);
        assertThat(idsIn(http.get("/api/v1/agreements?party=" + a.id() + "&status=OPEN_FOR_SIGNATURE").send())).contains(id);
        assertThat(http.get("/api/v1/agreements/" + id + "/history").send().status()).isEqualTo(401);
        assertThat(http.get("/api/v1/agreements/" + id + "/history").token(outsider.token()).send().status()).isEqualTo(403);
    }

    @Test
    void amendingNeedsTheCurrentVersion() {
        Government a = ledger.register("CN-JS-WX");
        Government b = ledger.register("CN-JS-SZ");
        Map<String, Object> body = LedgerDriver.draftBody(PAST, FUTURE, a, b);
        String id = ledger.draft(a, body).path("id").asText();
        body.put("title", "Taihu joint protection, revised");

        Http.Answer missing = http.put("/api/v1/agreements/" + id + "/terms", body).token(b.token()).send();
        assertThat(missing.status()).as(missing.toString()).isEqualTo(428);
        Http.Answer stale = http.put("/api/v1/agreements/" + id + "/terms", body).token(b.token())
                .header("If-Match", "\"7\"").send();
        assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(ledger.status(id, a.token()).path("title").asText()).isEqualTo("Xin'an River ecological compensation");

        Http.Answer amended = http.put("/api/v1/agreements/" + id + "/terms", body).token(b.token())
                .header("If-Match", "\"0\"").send();
        assertThat(amended.status()).as(amended.toString()).isEqualTo(200);
        assertThat(amended.json().path("version").asLong()).isEqualTo(1);
        assertThat(amended.json().path("title").asText()).isEqualTo("Taihu joint protection, revised");

        ledger.open(a, id);
        Http.Answer frozen = http.put("/api/v1/agreements/" + id + "/terms", body).token(b.token())
                .header("If-Match", "\"2\"").send();
        assertThat(frozen.status()).as(frozen.toString()).isEqualTo(409);
    }

    @Test
    void aRejectionVoidsTheSignaturesAndSendsTheAgreementBackToDraft() {
        Government a = ledger.register("CN-ZJ-JX");
        Government b = ledger.register("CN-SH-QP");
        String id = ledger.draft(a, LedgerDriver.draftBody(PAST, FUTURE, a, b)).path("id").asText();
        ledger.open(a, id);
        assertThat(ledger.sign(a, id, true).status()).isEqualTo(200);

        Http.Answer rejected = http.post("/api/v1/agreements/" + id + "/rejection",
                Map.of("reason", "the Jinze section target is too loose")).token(b.token()).send();
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        JsonNode status = rejected.json();
        assertThat(status.path("status").asText()).isEqualTo("DRAFT");
        assertThat(status.path("parties")).allSatisfy(p -> assertThat(p.path("signedAt").isNull()).isTrue());
        assertThat(status.path("lastRejection").path("reason").asText()).isEqualTo("the Jinze section target is too loose");

        Http.Answer signDraft = ledger.http().post("/api/v1/agreements/" + id + "/signatures",
                Map.of("signature", "AAAA")).token(a.token()).send();
        assertThat(signDraft.status()).as(signDraft.toString()).isEqualTo(409);

        // back in draft it is private again: an amended draft must not reach the public before it is reopened
        Map<String, Object> amended = LedgerDriver.draftBody(PAST, FUTURE, a, b);
        amended.put("title", "Unpublished amended title");
        assertThat(http.put("/api/v1/agreements/" + id + "/terms", amended).token(a.token())
                .header("If-Match", "\"" + status.path("version").asLong() + "\"").send().status()).isEqualTo(200);
        assertThat(http.get("/api/v1/agreements/" + id).send().status()).isEqualTo(404);
        assertThat(http.get("/api/v1/agreements?size=100").send().body()).doesNotContain("Unpublished amended title");
        assertThat(http.get("/api/v1/agreements/" + id).token(b.token()).send().json().path("title").asText())
                .isEqualTo("Unpublished amended title");
    }

    @Test
    void aPartyTerminatesAnAgreementInForceAndObligationsAreFulfilledWithEvidence() {
        Government a = ledger.register("CN-JS-WJ");
        Government b = ledger.register("CN-SH-QP");
        String id = inForce(a, b);

        Http.Answer notObligated = http.post("/api/v1/agreements/" + id + "/obligations/OB-1/fulfilment",
                Map.of("evidence", List.of(evidence()))).token(b.token()).send();
        assertThat(notObligated.status()).as(notObligated.toString()).isEqualTo(403);
        Http.Answer fulfilled = http.post("/api/v1/agreements/" + id + "/obligations/OB-1/fulfilment",
                Map.of("evidence", List.of(evidence()), "note", "plan published")).token(a.token()).send();
        assertThat(fulfilled.status()).as(fulfilled.toString()).isEqualTo(200);
        assertThat(fulfilled.json().path("obligations").path(0).path("status").asText()).isEqualTo("FULFILLED");
        Http.Answer unknown = http.post("/api/v1/agreements/" + id + "/obligations/OB-404/fulfilment",
                Map.of("evidence", List.of(evidence()))).token(a.token()).send();
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);

        Http.Answer terminated = http.post("/api/v1/agreements/" + id + "/termination",
                Map.of("reason", "superseded by the 2024 round")).token(b.token()).send();
        assertThat(terminated.status()).as(terminated.toString()).isEqualTo(200);
        assertThat(terminated.json().path("status").asText()).isEqualTo("TERMINATED");
        Http.Answer again = http.post("/api/v1/agreements/" + id + "/termination",
                Map.of("reason", "again")).token(b.token()).send();
        assertThat(again.status()).isEqualTo(409);
    }

    /**
     * Termination with notice over HTTP: the notice keeps the agreement in force with the day it takes effect, on a
     * persistent deadline; only the party that gave it withdraws it; and when its deadline runs (brought forward in
     * the scheduler's table) the ledger terminates the agreement, in its own name, as of the notice's day.
     */
    @Test
    void withNoticeTerminationIsANoticeThatOnlyItsGiverWithdrawsAndThatTheLedgerCarriesOut() {
        Government a = ledger.register("CN-AH-CZ");
        Government b = ledger.register("CN-ZJ-QZ");
        Map<String, Object> tooLong = LedgerDriver.draftBody(PAST, FUTURE, a, b);
        Scenarios.terms(tooLong).put("terminationNoticeDays", 3651);
        Http.Answer refused = http.post("/api/v1/agreements", tooLong).token(a.token()).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().path("errors").findValuesAsText("field")).contains("terms.terminationNoticeDays");

        Map<String, Object> body = LedgerDriver.draftBody(PAST, FUTURE, a, b);
        Scenarios.terms(body).put("terminationNoticeDays", 30);
        String id = Scenarios.signedInForce(ledger, body, a, b);
        assertThat(LedgerDriver.utf8(ledger.terms(id, null))).contains("\"terminationNoticeDays\":30");

        String notice = "/api/v1/agreements/" + id + "/termination";
        Instant effectiveAt = LedgerCalendar.startOf(LedgerCalendar.dateOf(Instant.now()).plusDays(30));
        Http.Answer given = http.post(notice, Map.of("reason", "round 2 replaces it")).token(b.token()).send();
        assertThat(given.status()).as(given.toString()).isEqualTo(200);
        assertThat(given.json().path("status").asText()).isEqualTo("IN_FORCE");
        assertThat(Instant.parse(given.json().path("terminationEffectiveAt").asText())).isEqualTo(effectiveAt);
        assertThat(terminationDeadlines(id)).hasSize(1);

        Http.Answer second = http.post(notice, Map.of("reason", "mine too")).token(a.token()).send();
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        Http.Answer byTheOther = http.post(notice + "/withdrawal", Map.of("reason", "no")).token(a.token()).send();
        assertThat(byTheOther.status()).as(byTheOther.toString()).isEqualTo(403);
        Http.Answer withdrawn = http.post(notice + "/withdrawal", null).token(b.token()).send();
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(withdrawn.json().path("terminationEffectiveAt").isNull()).isTrue();
        assertThat(withdrawn.json().path("status").asText()).isEqualTo("IN_FORCE");
        assertThat(terminationDeadlines(id)).isEmpty();
        Http.Answer twice = http.post(notice + "/withdrawal", null).token(b.token()).send();
        assertThat(twice.status()).as(twice.toString()).isEqualTo(409);

        Http.Answer again = http.post(notice, Map.of("reason", "round 2 is signed")).token(a.token()).send();
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        List<String> deadlines = terminationDeadlines(id);
        assertThat(deadlines).hasSize(1);
        jdbc.update("update scheduled_tasks set execution_time = ? where task_instance = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), deadlines.get(0));
        JsonNode ended = LedgerIntegrityContract.await(() -> {
            JsonNode view = ledger.status(id, a.token());
            return view.path("status").asText().equals("TERMINATED") ? view : null;
        });
        assertThat(Instant.parse(ended.path("endedAt").asText())).isEqualTo(effectiveAt);
        assertThat(ended.path("endReason").asText()).isEqualTo("round 2 is signed");
        Http.Answer late = http.post(notice + "/withdrawal", null).token(a.token()).send();
        assertThat(late.status()).as(late.toString()).isEqualTo(409);

        List<JsonNode> events = history(id, a);
        assertThat(events).extracting(e -> e.path("type").asText()).endsWith("AgreementTerminationNoticeGiven",
                "AgreementTerminationNoticeWithdrawn", "AgreementTerminationNoticeGiven", "AgreementTerminated");
        JsonNode terminated = events.get(events.size() - 1);
        assertThat(terminated.path("actor").asText()).isEqualTo("ledger");
        assertThat(terminated.path("actorJurisdiction").isNull()).as(terminated.toString()).isTrue();
        assertThat(terminated.path("payload").path("terminatedBy").asText()).isEqualTo(a.id());
        assertThat(events.get(events.size() - 2).path("payload").path("effectiveAt").asText())
                .isEqualTo(effectiveAt.toString());
    }

    /** The ids of the scheduler's pending tasks that are the agreement's termination deadline. */
    private List<String> terminationDeadlines(String agreementId) {
        return jdbc.query("select task_instance, task_data from scheduled_tasks", (rs, i) -> {
            byte[] data = rs.getBytes("task_data");
            String text = data == null ? "" : new String(data, StandardCharsets.ISO_8859_1);
            return text.contains(agreementId) && text.contains("agreement-termination-takes-effect")
                    ? rs.getString("task_instance") : null;
        }).stream().filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void historyListsEveryEventWithItsActorAndRequestInOrderAndPages() {
        Government a = ledger.register("CN-AH-XC");
        Government b = ledger.register("CN-ZJ-HU");
        String id = ledger.draft(a, LedgerDriver.draftBody(PAST, FUTURE, a, b)).path("id").asText();
        Http.Answer opened = http.post("/api/v1/agreements/" + id + "/open-for-signature", null).token(b.token())
                .header("X-Request-Id", "req-open-1").send();
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.header("X-Request-Id")).isEqualTo("req-open-1");
        ledger.sign(a, id, true);
        ledger.sign(b, id, true);

        JsonNode history = http.get("/api/v1/agreements/" + id + "/history").token(a.token()).send().json();
        JsonNode items = history.path("items");
        assertThat(items).extracting(i -> i.path("type").asText()).containsExactly("AgreementDrafted",
                "AgreementOpenedForSignature", "AgreementSigned", "AgreementSigned", "AgreementFullySigned",
                "AgreementEnteredIntoForce");
        assertThat(items).extracting(i -> i.path("sequence").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(items.path(0).path("actor").asText()).isEqualTo("jurisdiction:" + a.id());
        assertThat(items.path(0).path("actorJurisdiction").asText()).isEqualTo(a.id());
        assertThat(items.path(1).path("requestId").asText()).isEqualTo("req-open-1");
        assertThat(items.path(1).path("payload").path("termsHash").asText()).hasSize(64);
        assertThat(Instant.parse(items.path(0).path("occurredAt").asText())).isBefore(Instant.now().plusSeconds(1));

        JsonNode page1 = http.get("/api/v1/agreements/" + id + "/history?limit=4").token(LedgerDriver.REGISTRAR_TOKEN).send().json();
        assertThat(page1.path("items")).hasSize(4);
        JsonNode page2 = http.get("/api/v1/agreements/" + id + "/history?after=" + page1.path("nextAfter").asLong()
                + "&limit=4").token(LedgerDriver.REGISTRAR_TOKEN).send().json();
        assertThat(page2.path("items")).extracting(i -> i.path("sequence").asLong()).containsExactly(5L, 6L);
    }

    /**
     * Steps the ledger takes by itself are the ledger's: entering into force and the fixed contributions that fell
     * due while signing carry no party's jurisdiction, and those a deadline applied later (the catch-up of more
     * than a batch of passed years) carry nothing of the command that scheduled it, not even its request id.
     */
    @Test
    void stepsTheLedgerTakesByItselfAreAttributedToTheLedgerAlone() {
        Government a = ledger.register("CN-GD-SG");
        Government b = ledger.register("CN-GD-QY");
        Map<String, Object> body = LedgerDriver.draftBody(LocalDate.now().minusYears(60).withDayOfYear(1),
                LocalDate.now().plusYears(1), a, b);
        Scenarios.terms(body).put("compensation", List.of(Map.of("rule", "FIXED_CONTRIBUTION", "payer", a.id(),
                "payee", b.id(), "period", "YEAR", "amount", Scenarios.cny("1.00"))));
        String id = ledger.draft(a, body).path("id").asText();
        ledger.open(a, id);
        ledger.sign(a, id, true);
        Http.Answer signed = http.post("/api/v1/agreements/" + id + "/signatures", ledger.signatureBody(b, id, true))
                .token(b.token()).header("X-Request-Id", "req-last-signature").send();
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);

        List<JsonNode> fellDue = LedgerIntegrityContract.await(() -> {
            List<JsonNode> items = history(id, a).stream()
                    .filter(i -> i.path("type").asText().equals("FixedContributionFellDue")).toList();
            return items.size() == 60 ? items : null;
        });
        List<JsonNode> byTheLedger = history(id, a).stream()
                .filter(i -> !i.path("type").asText().startsWith("AgreementSign")
                        && !i.path("type").asText().equals("AgreementDrafted")
                        && !i.path("type").asText().equals("AgreementOpenedForSignature"))
                .toList();
        assertThat(byTheLedger).extracting(i -> i.path("type").asText())
                .contains("AgreementFullySigned", "AgreementEnteredIntoForce");
        byTheLedger.stream().filter(i -> !i.path("type").asText().equals("AgreementFullySigned")).forEach(i -> {
            assertThat(i.path("actor").asText()).as(i.toString()).isEqualTo("ledger");
            assertThat(i.path("actorJurisdiction").isNull()).as(i.toString()).isTrue();
        });
        // the first batch fell due in the signature's own unit of work: in answer to that request
        assertThat(fellDue.get(0).path("requestId").asText()).isEqualTo("req-last-signature");
        // the rest fell due when the catch-up deadline ran: in answer to no request
        assertThat(fellDue.get(59).path("requestId").isNull()).as(fellDue.get(59).toString()).isTrue();
    }

    private List<JsonNode> history(String id, Government reader) {
        List<JsonNode> items = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = http.get("/api/v1/agreements/" + id + "/history?limit=100&after=" + after)
                    .token(reader.token()).send().json();
            page.path("items").forEach(items::add);
            if (page.path("nextAfter").isMissingNode() || page.path("nextAfter").isNull()) {
                return items;
            }
            after = page.path("nextAfter").asLong();
        }
    }

    @Test
    void statusAsOfAnEarlierInstantShowsTheStateThen() throws Exception {
        Government a = ledger.register("CN-JS-CZ");
        Government b = ledger.register("CN-JS-WX");
        String id = ledger.draft(a, LedgerDriver.draftBody(PAST, FUTURE, a, b)).path("id").asText();
        Thread.sleep(20);
        Instant beforeOpening = Instant.now();
        Thread.sleep(20);
        ledger.open(a, id);
        assertThat(ledger.status(id, a.token()).path("status").asText()).isEqualTo("OPEN_FOR_SIGNATURE");
        Http.Answer then = http.get("/api/v1/agreements/" + id + "?asOf=" + beforeOpening).token(a.token()).send();
        assertThat(then.status()).as(then.toString()).isEqualTo(200);
        assertThat(then.json().path("status").asText()).isEqualTo("DRAFT");
        assertThat(http.get("/api/v1/agreements/" + id + "?asOf=yesterday").token(a.token()).send().status()).isEqualTo(400);
    }

    // ---- bad input and failure: each a problem answer, nothing changed ----

    @Test
    void malformedJsonIsA400Problem() {
        Government a = ledger.register("CN-ZJ");
        Http.Answer answer = http.post("/api/v1/agreements", "{\"title\": ").token(a.token()).send();
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("type").asText()).isEqualTo("urn:basin-ledger:problem:invalid-input");
        assertThat(answer.json().path("errors").path(0).path("field").asText()).isEqualTo("body");
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void missingFieldsDatesInTheWrongOrderAndAPartyListedTwiceAreNamedIn400s() {
        Government a = ledger.register("CN-AH");
        Government b = ledger.register("CN-ZJ");
        Map<String, Object> body = LedgerDriver.draftBody(FUTURE, PAST, a, b, a);
        body.remove("title");
        Http.Answer answer = http.post("/api/v1/agreements", body).token(a.token()).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.json().path("errors")).extracting(e -> e.path("field").asText())
                .contains("title", "effectiveUntil", "parties[2].jurisdictionId");
        assertThat(http.get("/api/v1/agreements?party=" + a.id()).token(a.token()).send().json()
                .path("totalItems").asLong()).isZero();
    }

    @Test
    void noMalformedDraftProducesA500() {
        Government a = ledger.register("CN-AH");
        Government b = ledger.register("CN-ZJ");
        String parties = "[{\"jurisdictionId\":\"" + a.id() + "\",\"role\":\"UPSTREAM\"},"
                + "{\"jurisdictionId\":\"" + b.id() + "\",\"role\":\"DOWNSTREAM\"}]";
        String head = "{\"title\":\"t\",\"basin\":\"b\",\"parties\":" + parties
                + ",\"effectiveFrom\":\"2025-01-01\",\"effectiveUntil\":\"2026-01-01\",\"terms\":";
        List<String> bodies = List.of("[]", "\"x\"", "null", "{}", "{\"parties\":[null]}", "{\"parties\":[{}]}",
                "{\"parties\":{}}", "{\"effectiveFrom\":20250101}",
                head + "{\"text\":\"x\",\"sections\":[null],\"obligations\":[null],\"compensation\":[null]}}",
                head + "{\"text\":\"x\",\"sections\":[{}],\"obligations\":[{}],\"compensation\":[{}]}}",
                head + "{\"text\":\"x\",\"compensation\":[{\"rule\":\"FIXED_CONTRIBUTION\",\"amount\":{\"amount\":null}}]}}",
                head + "{\"text\":\"x\",\"compensation\":[{\"rule\":\"FIXED_CONTRIBUTION\",\"amount\":{\"amount\":\"x\",\"currency\":\"CNY\"}}]}}",
                head + "\"not terms\"}", head + "{\"text\":\"x\"}, \"extra\": }");
        for (String body : bodies) {
            Http.Answer answer = http.post("/api/v1/agreements", body).token(a.token()).send();
            assertThat(answer.status()).as(body + " -> " + answer).isBetween(400, 499);
            assertThat(answer.contentType()).as(body).startsWith("application/problem+json");
            assertThat(answer.json().path("errors").isArray()).as(body + " -> " + answer).isTrue();
        }
        Http.Answer nullParty = http.post("/api/v1/agreements", "{\"parties\":[null, {}]}").token(a.token()).send();
        assertThat(nullParty.json().path("errors")).extracting(e -> e.path("field").asText())
                .contains("parties[0]", "parties[1].jurisdictionId");
        assertThat(http.get("/api/v1/agreements?party=" + a.id()).token(a.token()).send().json()
                .path("totalItems").asLong()).isZero();
    }

    @Test
    void unknownEnumValuesAreA400NamingTheField() {
        Government a = ledger.register("CN-AH");
        Government b = ledger.register("CN-ZJ");
        Map<String, Object> body = LedgerDriver.draftBody(PAST, FUTURE, a, b);
        body.put("parties", List.of(Map.of("jurisdictionId", a.id(), "role", "OVERLORD"),
                Map.of("jurisdictionId", b.id(), "role", "DOWNSTREAM")));
        Http.Answer answer = http.post("/api/v1/agreements", body).token(a.token()).send();
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errors").path(0).path("field").asText()).isEqualTo("parties[0].role");
        assertThat(answer.json().path("errors").path(0).path("message").asText()).contains("UPSTREAM");
    }

    @Test
    void aDrafterThatIsNotAPartyIsRefused() {
        Government a = ledger.register("CN-AH");
        Government b = ledger.register("CN-ZJ");
        Government outsider = ledger.register("CN-JS");
        Http.Answer answer = http.post("/api/v1/agreements", LedgerDriver.draftBody(PAST, FUTURE, a, b))
                .token(outsider.token()).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
    }

    @Test
    void aSignatureThatDoesNotVerifyOrComesFromARevokedKeyIsRefused() {
        Government a = ledger.register("CN-AH");
        Government b = ledger.register("CN-ZJ");
        String id = ledger.draft(a, LedgerDriver.draftBody(PAST, FUTURE, a, b)).path("id").asText();
        ledger.open(a, id);

        Http.Answer forged = http.post("/api/v1/agreements/" + id + "/signatures",
                Map.of("signature", b.keys().sign("something else".getBytes()))).token(b.token()).send();
        assertThat(forged.status()).as(forged.toString()).isEqualTo(400);
        assertThat(forged.json().path("type").asText()).isEqualTo("urn:basin-ledger:problem:signature-rejected");
        Http.Answer notBase64 = http.post("/api/v1/agreements/" + id + "/signatures",
                Map.of("signature", "%%%not base64%%%")).token(b.token()).send();
        assertThat(notBase64.status()).as(notBase64.toString()).isEqualTo(400);

        Http.Answer revoked = http.delete("/api/v1/jurisdictions/" + b.id() + "/keys/" + b.keyId())
                .token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("revokedAt").isTextual()).isTrue();
        Http.Answer withRevoked = ledger.sign(b, id, true);
        assertThat(withRevoked.status()).as(withRevoked.toString()).isEqualTo(400);
        assertThat(ledger.status(id, a.token()).path("parties").path(1).path("signedAt").isNull()).isTrue();

        var fresh = org.basinledger.app.support.Keys.generate();
        Http.Answer added = http.post("/api/v1/jurisdictions/" + b.id() + "/keys",
                Map.of("publicKey", fresh.publicKeyBase64())).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        byte[] document = ledger.terms(id, b.token());
        Http.Answer signed = http.post("/api/v1/agreements/" + id + "/signatures",
                Map.of("signature", fresh.sign(document), "keyId", added.json().path("keyId").asText()))
                .token(b.token()).send();
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
    }

    @Test
    void unknownIdsAre404s() {
        Government a = ledger.register("CN-AH");
        assertThat(http.get("/api/v1/agreements/no-such-agreement").send().status()).isEqualTo(404);
        Http.Answer open = http.post("/api/v1/agreements/no-such-agreement/open-for-signature", null)
                .token(a.token()).send();
        assertThat(open.status()).as(open.toString()).isEqualTo(404);
        assertThat(open.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/api/v1/jurisdictions/NO-SUCH").send().status()).isEqualTo(404);
        Http.Answer noRoute = http.get("/api/v1/no-such-thing").send();
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.json().path("type").asText()).isEqualTo("urn:basin-ledger:problem:http-404");
        Http.Answer wrongVerb = http.put("/api/v1/agreements/x/open-for-signature", "{}").token(a.token()).send();
        assertThat(wrongVerb.status()).isEqualTo(405);
        assertThat(wrongVerb.contentType()).startsWith("application/problem+json");
    }

    @Test
    void oversizedBodiesAre413AndOtherContentTypes415() {
        Government a = ledger.register("CN-AH");
        byte[] huge = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        Http.Answer tooLarge = http.post("/api/v1/agreements", huge).token(a.token()).send();
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");
        Http.Answer xml = http.post("/api/v1/agreements", "<agreement/>").contentType("application/xml")
                .token(a.token()).send();
        assertThat(xml.status()).isEqualTo(415);
        assertThat(xml.contentType()).startsWith("application/problem+json");
    }

    @Test
    void tokensAreCheckedAndOnlyTheRegistrarRegisters() {
        Government a = ledger.register("CN-AH");
        Http.Answer noToken = http.post("/api/v1/jurisdictions", Map.of("id", "CN-X", "name", "X", "level", "CITY",
                "publicKey", a.keys().publicKeyBase64())).send();
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.header("WWW-Authenticate")).startsWith("Bearer");
        Http.Answer badToken = http.get("/api/v1/agreements").token("not-a-token").send();
        assertThat(badToken.status()).isEqualTo(401);
        Http.Answer notRegistrar = http.post("/api/v1/mediators", Map.of("id", "TAIHU-BASIN-AUTHORITY",
                "name", "Taihu Basin Authority")).token(a.token()).send();
        assertThat(notRegistrar.status()).isEqualTo(403);

        Http.Answer issued = http.post("/api/v1/tokens", Map.of("principalType", "JURISDICTION",
                "principalId", a.id())).token(LedgerDriver.REGISTRAR_TOKEN).send();
        String tokenId = issued.json().path("tokenId").asText();
        String token = issued.json().path("token").asText();
        assertThat(http.get("/api/v1/agreements").token(token).send().status()).isEqualTo(200);
        assertThat(http.delete("/api/v1/tokens/" + tokenId).token(LedgerDriver.REGISTRAR_TOKEN).send().status()).isEqualTo(200);
        assertThat(http.get("/api/v1/agreements").token(token).send().status()).isEqualTo(401);
    }

    @Test
    void registryRefusesBadKeysAndDuplicateIds() {
        Government a = ledger.register("CN-AH");
        Http.Answer badKey = http.post("/api/v1/jurisdictions", Map.of("id", LedgerDriver.uniqueId("CN-X"),
                "name", "X", "level", "CITY", "publicKey", "bm90IGEga2V5")).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(badKey.status()).as(badKey.toString()).isEqualTo(400);
        assertThat(badKey.json().path("errors").path(0).path("field").asText()).isEqualTo("publicKey");
        Http.Answer duplicate = http.post("/api/v1/jurisdictions", Map.of("id", a.id(), "name", "again",
                "level", "CITY", "publicKey", a.keys().publicKeyBase64())).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
        Http.Answer mediator = http.post("/api/v1/mediators", Map.of("id", LedgerDriver.uniqueId("TBA"),
                "name", "Taihu Basin Authority")).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(mediator.status()).as(mediator.toString()).isEqualTo(201);
        JsonNode jurisdiction = http.get("/api/v1/jurisdictions/" + a.id()).send().json();
        assertThat(jurisdiction.path("keys").path(0).path("publicKey").asText()).isEqualTo(a.keys().publicKeyBase64());
    }

    @Test
    void operationsEndpointsHealthIsPublicAndMetricsAreTheRegistrars() {
        assertThat(http.get("/actuator/health").send().json().path("status").asText()).isEqualTo("UP");
        assertThat(http.get("/actuator/prometheus").send().status()).isEqualTo(401);
        Http.Answer metrics = http.get("/actuator/prometheus").token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("commandBus");
        // HTTP requests are timed; Spring Security's own observations (one per filter) are off for their cost
        assertThat(metrics.body()).contains("http_server_requests_seconds_count")
                .doesNotContain("spring_security_filterchains");
        assertThat(http.get("/v3/api-docs").send().json().path("paths").has("/api/v1/agreements")).isTrue();
    }

    /**
     * Axon's event processor metrics are the tracking processors' (projections, integrity log), whose lag and pace
     * operations watch; the subscribing ones (transfer creation, dispute effects) run inside each command, timed by
     * the commandBus metrics, and keep no monitors of their own (docs/operations.md, Monitoring).
     */
    @Test
    void eventProcessorMetricsAreTheTrackingProcessors() {
        inForce(ledger.register("CN-AH"), ledger.register("CN-ZJ"));
        String metrics = http.get("/actuator/prometheus").token(LedgerDriver.REGISTRAR_TOKEN).send().body();
        assertThat(metrics).contains("processorName=\"projections\"")
                .contains("eventStore").contains("commandBus")
                .doesNotContain("processorName=\"transfer-creation\"")
                .doesNotContain("processorName=\"dispute-effects\"");
    }

    private String inForce(Government a, Government b) {
        String id = ledger.draft(a, LedgerDriver.draftBody(PAST, FUTURE, a, b)).path("id").asText();
        ledger.open(a, id);
        assertThat(ledger.sign(a, id, true).status()).isEqualTo(200);
        assertThat(ledger.sign(b, id, true).json().path("status").asText()).isEqualTo("IN_FORCE");
        return id;
    }

    private static Map<String, Object> evidence() {
        return Map.of("sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "uri", "https://example.org/plan.pdf", "description", "joint monitoring plan");
    }

    private static List<String> idsIn(Http.Answer page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json().path("items").findValuesAsText("id");
    }
}
