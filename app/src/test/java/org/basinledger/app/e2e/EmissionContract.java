package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Emission rights over HTTP (issue 15): a scheme, accounts, paid issuance, trades, verified emissions, surrenders,
 * a deficit's penalty, refusals that change nothing, and 16 acceptances racing for a holding that covers 5. Run
 * against H2 and PostgreSQL by the subclasses.
 */
abstract class EmissionContract {

    static final Map<String, Object> EVIDENCE = Map.of("sha256", "b".repeat(64),
            "uri", "https://sthjt.jiangsu.gov.cn/verified/cod.pdf", "description", "Verified COD emissions");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;
    LedgerDriver ledger;

    @BeforeEach
    void connect() {
        http = new Http(port);
        ledger = new LedgerDriver(http);
    }

    static Map<String, Object> cny(String amount) {
        return Map.of("amount", amount, "currency", "CNY");
    }

    static String schemeId() {
        return "COD-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL).toUpperCase();
    }

    Http.Answer post(String path, Object body, String token) {
        return http.post(path, body == null ? Map.of() : body).token(token).send();
    }

    /** A scheme run by {@code authority} with accounts for the holders. */
    String scheme(Government authority, String price, Government... holders) {
        String id = schemeId();
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "name", "Taihu COD " + id, "pollutant", "COD",
                "authority", authority.id(), "surrenderBy", "--05-31", "penaltyPerTonne", cny("9000.00")));
        if (price != null) {
            body.put("pricePerTonne", cny(price));
        }
        Http.Answer created = post("/api/v1/emission-schemes", body, LedgerDriver.REGISTRAR_TOKEN);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/emission-schemes/" + id);
        for (Government holder : holders) {
            Http.Answer opened = post("/api/v1/emission-schemes/" + id + "/accounts", Map.of("holder", holder.id()),
                    authority.token());
            assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
            assertThat(opened.json().path("status").asText()).isEqualTo("OPEN");
        }
        return id;
    }

    JsonNode account(String scheme, Government holder) {
        return http.get("/api/v1/emission-schemes/" + scheme + "/accounts/" + holder.id()).send().json();
    }

    static String holding(JsonNode account, int vintage) {
        for (JsonNode h : account.path("holdings")) {
            if (h.path("vintage").asInt() == vintage) {
                return h.path("quantity").asText();
            }
        }
        return "0";
    }

    @Test
    void paidIssuanceTradesSurrendersAndADeficitGoThroughTheRegistryAndTheTransferLifecycle() {
        Government jiangsu = ledger.register("CN-JS");
        Government wuxi = ledger.register("CN-JS-WX");
        Government suzhou = ledger.register("CN-JS-SZ");
        String id = scheme(jiangsu, "4500.00", wuxi, suzhou);

        Http.Answer issued = post("/api/v1/emission-schemes/" + id + "/issuances", Map.of("vintage", 2024,
                "allocations", List.of(Map.of("holder", wuxi.id(), "quantity", "100.000"),
                        Map.of("holder", suzhou.id(), "quantity", "50.5"))), jiangsu.token());
        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        assertThat(issued.json().path("vintages").path(0).path("issued").asText()).isEqualTo("150.5");

        // paid use: each holder owes the authority quantity × price through the transfer lifecycle
        JsonNode owed = http.get("/api/v1/transfers?party=" + suzhou.id()).send().json();
        assertThat(owed.path("items")).singleElement().satisfies(t -> {
            assertThat(t.path("source").asText()).isEqualTo("ALLOCATION");
            assertThat(t.path("schemeId").asText()).isEqualTo(id);
            assertThat(t.path("payer").asText()).isEqualTo(suzhou.id());
            assertThat(t.path("payee").asText()).isEqualTo(jiangsu.id());
            assertThat(t.path("amount").path("amount").asText()).isEqualTo("227250.00");
            assertThat(t.path("status").asText()).isEqualTo("DUE");
        });
        String allocationTransfer = owed.path("items").path(0).path("id").asText();
        assertThat(post("/api/v1/transfers/" + allocationTransfer + "/acknowledgement", null, suzhou.token())
                .json().path("status").asText()).isEqualTo("ACKNOWLEDGED");

        // a trade: proposed by the seller, accepted by the buyer, the price falls due buyer → seller
        Http.Answer proposed = post("/api/v1/emission-schemes/" + id + "/trades", Map.of("buyer", suzhou.id(),
                "vintage", 2024, "quantity", "12.345", "pricePerTonne", cny("5000.33")), wuxi.token());
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        String trade = proposed.json().path("id").asText();
        assertThat(trade).isEqualTo(id + "-T1");
        assertThat(proposed.header("Location")).isEqualTo("/api/v1/emission-trades/" + trade);
        assertThat(proposed.json().path("status").asText()).isEqualTo("PROPOSED");
        assertThat(post("/api/v1/emission-trades/" + trade + "/acceptance", null, wuxi.token()).status())
                .isEqualTo(403);
        Http.Answer accepted = post("/api/v1/emission-trades/" + trade + "/acceptance", null, suzhou.token());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().path("status").asText()).isEqualTo("COMPLETED");
        // 12.345 × 5000.33 = 61729.07385 → 61729.07, rounded once
        assertThat(accepted.json().path("amount").path("amount").asText()).isEqualTo("61729.07");
        JsonNode tradeTransfer = http.get("/api/v1/transfers/" + accepted.json().path("transferId").asText()).send()
                .json();
        assertThat(tradeTransfer.path("source").asText()).isEqualTo("TRADE");
        assertThat(tradeTransfer.path("payer").asText()).isEqualTo(suzhou.id());
        assertThat(tradeTransfer.path("payee").asText()).isEqualTo(wuxi.id());
        assertThat(post("/api/v1/emission-trades/" + trade + "/acceptance", null, suzhou.token()).status())
                .isEqualTo(409);
        assertThat(post("/api/v1/emission-trades/" + trade + "/cancellation", null, wuxi.token()).status())
                .isEqualTo(409);

        assertThat(holding(account(id, wuxi), 2024)).isEqualTo("87.655");
        assertThat(holding(account(id, suzhou), 2024)).isEqualTo("62.845");

        // verified emissions of 2024 recorded now, after 31 May 2025: assessed at once
        Http.Answer surrendered = post("/api/v1/emission-schemes/" + id + "/surrenders",
                Map.of("year", 2024, "vintage", 2024, "quantity", "60"), suzhou.token());
        assertThat(surrendered.status()).as(surrendered.toString()).isEqualTo(200);
        Http.Answer recorded = post("/api/v1/emission-schemes/" + id + "/emissions", Map.of("holder", suzhou.id(),
                "year", 2024, "quantity", "70.5", "evidence", List.of(EVIDENCE)), jiangsu.token());
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        JsonNode year = recorded.json().path("compliance").path(0);
        assertThat(year.path("year").asInt()).isEqualTo(2024);
        assertThat(year.path("verified").asText()).isEqualTo("70.5");
        assertThat(year.path("surrendered").asText()).isEqualTo("60");
        assertThat(year.path("status").asText()).isEqualTo("DEFICIT");
        assertThat(year.path("missing").asText()).isEqualTo("10.5");
        // 10.5 t × 9000.00
        assertThat(year.path("penalty").path("amount").asText()).isEqualTo("94500.00");
        JsonNode penalty = http.get("/api/v1/transfers/" + year.path("penaltyTransferId").asText()).send().json();
        assertThat(penalty.path("source").asText()).isEqualTo("PENALTY");
        assertThat(penalty.path("payer").asText()).isEqualTo(suzhou.id());
        assertThat(penalty.path("payee").asText()).isEqualTo(jiangsu.id());
        assertThat(penalty.path("amount").path("amount").asText()).isEqualTo("94500.00");

        // the missing tonnes stay owed: a late surrender counts, the deficit and its penalty stand
        JsonNode late = post("/api/v1/emission-schemes/" + id + "/surrenders",
                Map.of("year", 2024, "vintage", 2024, "quantity", "2.845"), suzhou.token()).json();
        assertThat(late.path("compliance").path(0).path("surrendered").asText()).isEqualTo("62.845");
        assertThat(late.path("compliance").path(0).path("stillOwed").asText()).isEqualTo("7.655");
        assertThat(late.path("compliance").path(0).path("status").asText()).isEqualTo("DEFICIT");
        assertThat(late.path("holdings")).isEmpty();
        assertThat(late.path("transactions")).extracting(t -> t.path("kind").asText())
                .containsExactly("ISSUED", "BOUGHT", "SURRENDERED", "SURRENDERED");

        // a holder with enough surrendered stays compliant, this year's emissions stay pending until 31 May next year
        post("/api/v1/emission-schemes/" + id + "/surrenders", Map.of("year", 2024, "vintage", 2024,
                "quantity", "80"), wuxi.token());
        JsonNode compliant = post("/api/v1/emission-schemes/" + id + "/emissions", Map.of("holder", wuxi.id(),
                "year", 2024, "quantity", "80", "evidence", List.of(EVIDENCE)), jiangsu.token()).json();
        assertThat(compliant.path("compliance").path(0).path("status").asText()).isEqualTo("COMPLIANT");
        assertThat(compliant.path("compliance").path(0).path("penalty").isNull()).isTrue();

        JsonNode scheme = http.get("/api/v1/emission-schemes/" + id).send().json();
        JsonNode vintage = scheme.path("vintages").path(0);
        assertThat(vintage.path("issued").asText()).isEqualTo("150.5");
        assertThat(vintage.path("retired").asText()).isEqualTo("142.845");
        assertThat(vintage.path("held").asText()).isEqualTo("7.655");
        assertThat(http.get("/api/v1/emission-schemes/" + id + "/accounts").send().json()).hasSize(2);
        assertThat(http.get("/api/v1/emission-schemes/" + id + "/trades").send().json()).hasSize(1);
    }

    @Test
    void everyRefusalIsAProblemAndChangesNothing() {
        Government jiangsu = ledger.register("CN-JS");
        Government wuxi = ledger.register("CN-JS-WX");
        Government suzhou = ledger.register("CN-JS-SZ");
        String id = scheme(jiangsu, null, wuxi, suzhou);
        post("/api/v1/emission-schemes/" + id + "/issuances", Map.of("vintage", 2026,
                "allocations", List.of(Map.of("holder", wuxi.id(), "quantity", "10"))), jiangsu.token());
        JsonNode before = http.get("/api/v1/emission-schemes/" + id).send().json();
        String trades = "/api/v1/emission-schemes/" + id + "/trades";

        assertProblem(post("/api/v1/emission-schemes", Map.of("id", id, "name", "again", "pollutant", "COD",
                "authority", jiangsu.id(), "surrenderBy", "--05-31", "penaltyPerTonne", cny("1")),
                LedgerDriver.REGISTRAR_TOKEN), 409);
        assertProblem(post("/api/v1/emission-schemes", Map.of("id", schemeId(), "name", "x", "pollutant", "COD",
                "authority", jiangsu.id(), "surrenderBy", "--05-31", "penaltyPerTonne", cny("1")), jiangsu.token()), 403);
        assertProblem(http.post("/api/v1/emission-schemes", Map.of()).send(), 401);
        assertProblem(post(trades, Map.of("buyer", suzhou.id(), "vintage", 2026, "quantity", "10.001",
                "pricePerTonne", cny("1")), wuxi.token()), 409);
        assertProblem(post(trades, Map.of("buyer", wuxi.id(), "vintage", 2026, "quantity", "1",
                "pricePerTonne", cny("1")), wuxi.token()), 409);
        Http.Answer tooFine = post(trades, Map.of("buyer", suzhou.id(), "vintage", 2026, "quantity", "0.0001",
                "pricePerTonne", cny("1")), wuxi.token());
        assertProblem(tooFine, 400);
        assertThat(tooFine.json().path("errors").path(0).path("field").asText()).isEqualTo("quantity");
        assertProblem(post(trades, Map.of("buyer", suzhou.id(), "vintage", 2026, "quantity", "1e400",
                "pricePerTonne", cny("1")), wuxi.token()), 400);
        assertProblem(post("/api/v1/emission-schemes/" + id + "/issuances", Map.of("vintage", 2026,
                "allocations", List.of(Map.of("holder", wuxi.id(), "quantity", "10"))), wuxi.token()), 403);
        assertProblem(post("/api/v1/emission-schemes/" + id + "/surrenders", Map.of("year", 2025, "vintage", 2026,
                "quantity", "1"), wuxi.token()), 400);
        assertProblem(post("/api/v1/emission-schemes/NO-SUCH/surrenders", Map.of("year", 2026, "vintage", 2026,
                "quantity", "1"), wuxi.token()), 404);
        assertProblem(post("/api/v1/emission-trades/" + id + "-T99/acceptance", null, suzhou.token()), 404);
        assertProblem(post("/api/v1/emission-trades/nonsense/acceptance", null, suzhou.token()), 404);
        assertProblem(http.get("/api/v1/emission-schemes/" + id + "/accounts/CN-NOBODY").send(), 404);

        // a blocked account neither sells nor surrenders
        assertThat(post("/api/v1/emission-schemes/" + id + "/accounts/" + wuxi.id() + "/blocking", null,
                jiangsu.token()).json().path("status").asText()).isEqualTo("BLOCKED");
        assertProblem(post(trades, Map.of("buyer", suzhou.id(), "vintage", 2026, "quantity", "1",
                "pricePerTonne", cny("1")), wuxi.token()), 409);
        assertProblem(post("/api/v1/emission-schemes/" + id + "/surrenders", Map.of("year", 2026, "vintage", 2026,
                "quantity", "1"), wuxi.token()), 409);
        assertThat(post("/api/v1/emission-schemes/" + id + "/accounts/" + wuxi.id() + "/unblocking", null,
                jiangsu.token()).json().path("status").asText()).isEqualTo("OPEN");

        JsonNode after = http.get("/api/v1/emission-schemes/" + id).send().json();
        assertThat(after.path("vintages")).isEqualTo(before.path("vintages"));
        assertThat(after.path("version").asLong()).as("only blocking and unblocking applied")
                .isEqualTo(before.path("version").asLong() + 2);
        assertThat(http.get(trades).send().json()).isEmpty();
    }

    static void assertProblem(Http.Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /**
     * 16 trades of 10 t each from a holding of 50 t, accepted at once by their buyers: exactly 5 complete, the other
     * 11 are refused 409 (never 500), nothing goes below zero and the sums reconcile.
     */
    @Test
    void sixteenAcceptancesRacingForAHoldingThatCoversFiveCompleteExactlyFive() throws Exception {
        Government jiangsu = ledger.register("CN-JS");
        Government seller = ledger.register("CN-JS-WX");
        List<Government> buyers = List.of(ledger.register("CN-JS-SZ"), ledger.register("CN-JS-CZ"),
                ledger.register("CN-JS-NJ"), ledger.register("CN-JS-ZJ"));
        List<Government> holders = new ArrayList<>(buyers);
        holders.add(0, seller);
        String id = scheme(jiangsu, "4500.00", holders.toArray(Government[]::new));
        assertThat(post("/api/v1/emission-schemes/" + id + "/issuances", Map.of("vintage", 2026,
                "allocations", List.of(Map.of("holder", seller.id(), "quantity", "50"))), jiangsu.token()).status())
                .isEqualTo(200);
        List<String> tradeIds = new ArrayList<>();
        List<Government> tradeBuyers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Government buyer = buyers.get(i % buyers.size());
            Http.Answer proposed = post("/api/v1/emission-schemes/" + id + "/trades", Map.of("buyer", buyer.id(),
                    "vintage", 2026, "quantity", "10", "pricePerTonne", cny("5000.00")), seller.token());
            assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
            tradeIds.add(proposed.json().path("id").asText());
            tradeBuyers.add(buyer);
        }

        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String trade = tradeIds.get(i);
            String token = tradeBuyers.get(i).token();
            Callable<Http.Answer> accept = () -> {
                start.await();
                return post("/api/v1/emission-trades/" + trade + "/acceptance", null, token);
            };
            answers.add(pool.submit(accept));
        }
        start.countDown();
        int completed = 0;
        int refused = 0;
        for (Future<Http.Answer> future : answers) {
            Http.Answer answer = future.get();
            if (answer.status() == 200) {
                assertThat(answer.json().path("status").asText()).isEqualTo("COMPLETED");
                completed++;
            } else {
                assertProblem(answer, 409);
                refused++;
            }
        }
        pool.shutdown();
        assertThat(completed).isEqualTo(5);
        assertThat(refused).isEqualTo(11);

        JsonNode all = http.get("/api/v1/emission-schemes/" + id + "/trades").send().json();
        assertThat(all).filteredOn(t -> t.path("status").asText().equals("COMPLETED")).hasSize(5);
        assertThat(all).filteredOn(t -> t.path("status").asText().equals("PROPOSED")).hasSize(11);
        assertThat(holding(account(id, seller), 2026)).isEqualTo("0");
        BigDecimal bought = BigDecimal.ZERO;
        for (Government buyer : buyers) {
            bought = bought.add(new BigDecimal(holding(account(id, buyer), 2026)));
        }
        assertThat(bought).isEqualByComparingTo("50");
        JsonNode vintage = http.get("/api/v1/emission-schemes/" + id).send().json().path("vintages").path(0);
        assertThat(vintage.path("issued").asText()).isEqualTo("50");
        assertThat(vintage.path("held").asText()).isEqualTo("50");
        assertThat(vintage.path("retired").asText()).isEqualTo("0");
        // the five prices fell due, each 10 t × 5000.00, to the seller
        JsonNode owed = http.get("/api/v1/transfers?party=" + seller.id() + "&size=100").send().json();
        assertThat(owed.path("items")).filteredOn(t -> t.path("source").asText().equals("TRADE")).hasSize(5)
                .allSatisfy(t -> assertThat(t.path("amount").path("amount").asText()).isEqualTo("50000.00"));
    }

    /**
     * This year's verified emissions schedule the surrender deadline (end of 31 May next year) on the persistent
     * scheduler; when it runs (brought forward here) the holder short of allowances is in deficit and owes the
     * penalty, while the holder that surrendered enough is compliant.
     */
    @Test
    void theSurrenderDeadlineIsAPersistentDeadlineThatSettlesTheYear() {
        Government jiangsu = ledger.register("CN-JS");
        Government wuxi = ledger.register("CN-JS-WX");
        Government suzhou = ledger.register("CN-JS-SZ");
        String id = scheme(jiangsu, null, wuxi, suzhou);
        int year = LedgerCalendar.dateOf(Instant.now()).getYear();
        post("/api/v1/emission-schemes/" + id + "/issuances", Map.of("vintage", year, "allocations",
                List.of(Map.of("holder", wuxi.id(), "quantity", "10"), Map.of("holder", suzhou.id(), "quantity", "10"))),
                jiangsu.token());
        post("/api/v1/emission-schemes/" + id + "/surrenders", Map.of("year", year, "vintage", year,
                "quantity", "10"), wuxi.token());
        post("/api/v1/emission-schemes/" + id + "/surrenders", Map.of("year", year, "vintage", year,
                "quantity", "4"), suzhou.token());
        for (Government holder : List.of(wuxi, suzhou)) {
            JsonNode recorded = post("/api/v1/emission-schemes/" + id + "/emissions", Map.of("holder", holder.id(),
                    "year", year, "quantity", "10", "evidence", List.of(EVIDENCE)), jiangsu.token()).json();
            assertThat(recorded.path("compliance").path(0).path("status").asText()).isEqualTo("PENDING");
            assertThat(Instant.parse(recorded.path("compliance").path(0).path("surrenderDeadline").asText()))
                    .isEqualTo(LedgerCalendar.endOf(java.time.LocalDate.of(year + 1, 5, 31)));
        }
        List<String> deadlines = jdbc.query("select task_instance, task_data from scheduled_tasks", (rs, i) -> {
            byte[] data = rs.getBytes("task_data");
            String text = data == null ? "" : new String(data, StandardCharsets.ISO_8859_1);
            return text.contains(id) && text.contains("emission-surrender-deadline")
                    ? rs.getString("task_instance") : null;
        }).stream().filter(Objects::nonNull).toList();
        assertThat(deadlines).as("one deadline for the year, however many holders").hasSize(1);

        jdbc.update("update scheduled_tasks set execution_time = ? where task_instance = ?",
                Timestamp.from(Instant.now().minusSeconds(1)), deadlines.get(0));
        JsonNode settled = LedgerIntegrityContract.await(() -> {
            JsonNode account = account(id, suzhou);
            return account.path("compliance").path(0).path("status").asText().equals("DEFICIT") ? account : null;
        });
        JsonNode deficit = settled.path("compliance").path(0);
        assertThat(deficit.path("missing").asText()).isEqualTo("6");
        assertThat(deficit.path("penalty").path("amount").asText()).isEqualTo("54000.00");
        JsonNode penalty = http.get("/api/v1/transfers/" + deficit.path("penaltyTransferId").asText()).send().json();
        assertThat(penalty.path("source").asText()).isEqualTo("PENALTY");
        assertThat(penalty.path("status").asText()).isEqualTo("DUE");
        assertThat(account(id, wuxi).path("compliance").path(0).path("status").asText()).isEqualTo("COMPLIANT");
    }

    /**
     * The reconciliation recomputes issued = held + retired from the events; a registry that shows other figures
     * (a tampered read model) turns the health DOWN until it shows the right ones again.
     */
    @Test
    void theReconciliationTurnsHealthDownWhenTheRegistryDisagreesWithTheEvents() {
        Government jiangsu = ledger.register("CN-JS");
        Government wuxi = ledger.register("CN-JS-WX");
        Government suzhou = ledger.register("CN-JS-SZ");
        String id = scheme(jiangsu, "10.00", wuxi, suzhou);
        post("/api/v1/emission-schemes/" + id + "/issuances", Map.of("vintage", 2026, "allocations",
                List.of(Map.of("holder", wuxi.id(), "quantity", "25.125"))), jiangsu.token());
        String trade = post("/api/v1/emission-schemes/" + id + "/trades", Map.of("buyer", suzhou.id(),
                "vintage", 2026, "quantity", "5.005", "pricePerTonne", cny("10")), wuxi.token()).json().path("id")
                .asText();
        post("/api/v1/emission-trades/" + trade + "/acceptance", null, suzhou.token());
        post("/api/v1/emission-schemes/" + id + "/surrenders", Map.of("year", 2026, "vintage", 2026,
                "quantity", "1.001"), suzhou.token());

        assertProblem(http.get("/api/v1/emission-reconciliation").send(), 401);
        JsonNode report = http.get("/api/v1/emission-reconciliation").token(LedgerDriver.REGISTRAR_TOKEN).send().json();
        assertThat(report.path("problems")).isEmpty();
        assertThat(report.path("vintages")).filteredOn(v -> v.path("schemeId").asText().equals(id)).singleElement()
                .satisfies(v -> {
                    assertThat(v.path("issued").asText()).isEqualTo("25.125");
                    assertThat(v.path("held").asText()).isEqualTo("24.124");
                    assertThat(v.path("retired").asText()).isEqualTo("1.001");
                });
        assertThat(http.get("/actuator/health").send().status()).isEqualTo(200);

        int tampered = jdbc.update("update emission_holding set quantity = quantity + 0.001 where scheme_id = ?"
                + " and holder = ?", id, wuxi.id());
        assertThat(tampered).isEqualTo(1);
        try {
            JsonNode down = http.get("/api/v1/emission-reconciliation").token(LedgerDriver.REGISTRAR_TOKEN).send()
                    .json();
            assertThat(down.path("problems")).singleElement().satisfies(p -> assertThat(p.asText())
                    .contains(id + " vintage 2026").contains("held 24.125").contains("held 24.124"));
            Http.Answer health = http.get("/actuator/health").send();
            assertThat(health.status()).as(health.toString()).isEqualTo(503);
            assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
        } finally {
            jdbc.update("update emission_holding set quantity = quantity - 0.001 where scheme_id = ? and holder = ?",
                    id, wuxi.id());
        }
        assertThat(http.get("/api/v1/emission-reconciliation").token(LedgerDriver.REGISTRAR_TOKEN).send().json()
                .path("problems")).isEmpty();
        assertThat(http.get("/actuator/health").send().status()).isEqualTo(200);
    }

    /**
     * The registry is public: the portal's scheme pages (holdings, a chart of holdings over time, trades with their
     * prices, the yearly compliance table), the open data downloads, and every event of the scheme in the integrity
     * log.
     */
    @Test
    void theRegistryIsPublicInThePortalAsOpenDataAndInTheIntegrityLog() {
        Government jiangsu = ledger.register("CN-JS");
        Government wuxi = ledger.register("CN-JS-WX");
        Government suzhou = ledger.register("CN-JS-SZ");
        String id = scheme(jiangsu, "4500.00", wuxi, suzhou);
        post("/api/v1/emission-schemes/" + id + "/issuances", Map.of("vintage", 2024, "allocations",
                List.of(Map.of("holder", wuxi.id(), "quantity", "100"), Map.of("holder", suzhou.id(), "quantity", "50"))),
                jiangsu.token());
        String trade = post("/api/v1/emission-schemes/" + id + "/trades", Map.of("buyer", suzhou.id(),
                "vintage", 2024, "quantity", "20", "pricePerTonne", cny("5200.00")), wuxi.token()).json().path("id")
                .asText();
        post("/api/v1/emission-trades/" + trade + "/acceptance", null, suzhou.token());
        post("/api/v1/emission-schemes/" + id + "/emissions", Map.of("holder", suzhou.id(), "year", 2024,
                "quantity", "75.5", "evidence", List.of(EVIDENCE)), jiangsu.token());

        Http.Answer list = http.get("/emission-schemes").header("Accept", "text/html").send();
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Taihu COD " + id, "href=\"/emission-schemes/" + id + "\"");
        Http.Answer page = http.get("/emission-schemes/" + id).header("Accept", "text/html").send();
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<html lang=\"en\"", "id=\"main-content\"", "<h1 ",
                "Holdings over time", "<svg", "<polyline", trade, "CNY 5,200.00", "CNY 104,000.00",
                "Deficit", "CNY 679,500.00", "href=\"https://sthjt.jiangsu.gov.cn/verified/cod.pdf\"", "b".repeat(64));
        assertThat(page.body()).contains("Government " + wuxi.id(), "Government " + suzhou.id());
        assertThat(http.get("/emission-schemes/NO-SUCH").header("Accept", "text/html").send().status())
                .isEqualTo(404);

        String trades = http.get("/open-data/emission-trades.csv?schemeId=" + id).send().body();
        assertThat(trades).startsWith("id,schemeId,seller,buyer,vintage,quantity,pricePerTonne,")
                .contains(trade + "," + id + "," + wuxi.id() + "," + suzhou.id() + ",2024,20,5200.00,CNY,104000.00,CNY");
        JsonNode compliance = http.get("/open-data/emission-compliance.json?schemeId=" + id).send().json();
        assertThat(compliance.path("items")).singleElement().satisfies(c -> {
            assertThat(c.path("status").asText()).isEqualTo("DEFICIT");
            assertThat(c.path("missing").asText()).isEqualTo("75.5");
            assertThat(c.path("penalty").path("amount").asText()).isEqualTo("679500.00");
            assertThat(c.path("evidence").path(0).path("sha256").asText()).isEqualTo("b".repeat(64));
        });
        assertThat(http.get("/open-data/emission-holdings.csv?schemeId=" + id).send().body())
                .contains(id + "," + wuxi.id() + ",OPEN,2024,80").contains(id + "," + suzhou.id() + ",OPEN,2024,70");
        assertThat(http.get("/open-data/emission-schemes.json?schemeId=" + id).send().json().path("items").path(0)
                .path("issued").asText()).isEqualTo("150");
        assertThat(http.get("/open-data/").header("Accept", "text/html").send().body())
                .contains("Emission allowance trades");

        Integer events = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class, id);
        LedgerIntegrityContract.await(() -> jdbc.queryForObject("select count(*) from ledger_leaf l join"
                + " domain_event_entry e on e.event_identifier = l.event_identifier where e.aggregate_identifier = ?",
                Integer.class, id).equals(events) ? events : null);
    }

    /** A trade proposed again with the same Idempotency-Key is the same trade: nothing is applied twice. */
    @Test
    void aProposalRetriedWithItsIdempotencyKeyIsProposedOnce() {
        Government jiangsu = ledger.register("CN-JS");
        Government wuxi = ledger.register("CN-JS-WX");
        Government suzhou = ledger.register("CN-JS-SZ");
        String id = scheme(jiangsu, null, wuxi, suzhou);
        post("/api/v1/emission-schemes/" + id + "/issuances", Map.of("vintage", 2026, "allocations",
                List.of(Map.of("holder", wuxi.id(), "quantity", "10"))), jiangsu.token());
        Map<String, Object> offer = Map.of("buyer", suzhou.id(), "vintage", 2026, "quantity", "4",
                "pricePerTonne", cny("5000"));
        String key = "wx-offer-" + System.nanoTime();
        Http.Answer first = http.post("/api/v1/emission-schemes/" + id + "/trades", offer).token(wuxi.token())
                .header("Idempotency-Key", key).send();
        Http.Answer again = http.post("/api/v1/emission-schemes/" + id + "/trades", offer).token(wuxi.token())
                .header("Idempotency-Key", key).send();
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        Http.Answer other = http.post("/api/v1/emission-schemes/" + id + "/trades", Map.of("buyer", suzhou.id(),
                "vintage", 2026, "quantity", "5", "pricePerTonne", cny("5000"))).token(wuxi.token())
                .header("Idempotency-Key", key).send();
        assertProblem(other, 422);
        assertThat(http.get("/api/v1/emission-schemes/" + id + "/trades").send().json()).hasSize(1);
    }
}
