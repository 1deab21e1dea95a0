package org.basinledger.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

/** Drives the ledger over HTTP the way governments and the registrar do; each call asserts its own success. */
public final class LedgerDriver {

    public static final String REGISTRAR_TOKEN = "it-registrar-token-0123456789";

    private final Http http;

    public LedgerDriver(Http http) {
        this.http = http;
    }

    public Http http() {
        return http;
    }

    /** A registered jurisdiction, its key pair and its bearer token. */
    public record Government(String id, Keys keys, String keyId, String token) {
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL).toUpperCase();
    }

    public Government register(String prefix) {
        Keys keys = Keys.generate();
        String id = uniqueId(prefix);
        Http.Answer registered = http.post("/api/v1/jurisdictions", Map.of("id", id, "name", "Government " + id,
                "level", "CITY", "publicKey", keys.publicKeyPem())).token(REGISTRAR_TOKEN).send();
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String keyId = registered.json().path("keys").path(0).path("keyId").asText();
        return new Government(id, keys, keyId, tokenFor("JURISDICTION", id));
    }

    public String tokenFor(String principalType, String principalId) {
        Http.Answer issued = http.post("/api/v1/tokens", Map.of("principalType", principalType,
                "principalId", principalId)).token(REGISTRAR_TOKEN).send();
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        return issued.json().path("token").asText();
    }

    public static Map<String, Object> draftBody(LocalDate from, LocalDate until, Government... parties) {
        List<Map<String, Object>> partyList = new ArrayList<>();
        String[] roles = {"UPSTREAM", "DOWNSTREAM", "FUNDER", "MEMBER"};
        for (int i = 0; i < parties.length; i++) {
            partyList.add(Map.of("jurisdictionId", parties[i].id(), "role", roles[Math.min(i, roles.length - 1)]));
        }
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("text", "新安江流域上下游横向生态补偿协议 — the parties keep the Jiekou section at Class III or better.");
        if (parties.length >= 2) {
            terms.put("sections", List.of(Map.of("id", "JIEKOU", "name", "Jiekou", "waterBody", "Xin'an River",
                    "upstream", parties[0].id(), "downstream", parties[1].id())));
        }
        terms.put("obligations", List.of(Map.of("id", "OB-1", "party", parties[0].id(),
                "description", "Publish the monthly joint monitoring plan", "dueDate", until.minusDays(1).toString())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Xin'an River ecological compensation");
        body.put("basin", "Xin'an River");
        body.put("parties", partyList);
        body.put("effectiveFrom", from.toString());
        body.put("effectiveUntil", until.toString());
        body.put("terms", terms);
        return body;
    }

    public JsonNode draft(Government drafter, Map<String, Object> body) {
        Http.Answer drafted = http.post("/api/v1/agreements", body).token(drafter.token()).send();
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        return drafted.json();
    }

    public JsonNode open(Government party, String agreementId) {
        Http.Answer opened = http.post("/api/v1/agreements/" + agreementId + "/open-for-signature", null)
                .token(party.token()).send();
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        return opened.json();
    }

    public byte[] terms(String agreementId, String token) {
        Http.Request request = http.get("/api/v1/agreements/" + agreementId + "/terms");
        Http.Answer terms = (token == null ? request : request.token(token)).send();
        assertThat(terms.status()).as(terms.toString()).isEqualTo(200);
        return terms.raw().body();
    }

    public Http.Answer sign(Government party, String agreementId, boolean withKeyId) {
        return http.post("/api/v1/agreements/" + agreementId + "/signatures", signatureBody(party, agreementId, withKeyId))
                .token(party.token()).send();
    }

    /** The body of a signature: the party's signature over the agreement's canonical terms, with its key id if asked. */
    public Map<String, Object> signatureBody(Government party, String agreementId, boolean withKeyId) {
        byte[] document = terms(agreementId, party.token());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signature", party.keys().sign(document));
        if (withKeyId) {
            body.put("keyId", party.keyId());
        }
        return body;
    }

    public JsonNode status(String agreementId, String token) {
        Http.Request request = http.get("/api/v1/agreements/" + agreementId);
        Http.Answer status = (token == null ? request : request.token(token)).send();
        assertThat(status.status()).as(status.toString()).isEqualTo(200);
        return status.json();
    }

    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
