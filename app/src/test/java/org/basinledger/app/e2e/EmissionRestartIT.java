package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.app.BasinLedgerApplication;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The surrender deadline survives a restart (issue 15): this year's verified emissions schedule the deadline of the
 * year (end of 31 May next year) on a ledger that then stops; the ledger restarted on the same data directory still
 * has it, and when it comes due (brought forward in the scheduler's table, as the passing of time would) settles the
 * year: the holder short of allowances is in deficit and owes its penalty, once; a third start finds one settlement
 * and one penalty still.
 */
class EmissionRestartIT {

    @Test
    void theSurrenderDeadlineSettlesTheYearAfterARestart() throws Exception {
        Path dataDir = Path.of("target", "it-data", "emission-restart-" + System.nanoTime());
        String scheme = "COD-RESTART";
        int year = LedgerCalendar.dateOf(Instant.now()).getYear();
        Government jiangsu;
        Government changzhou;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            LedgerDriver ledger = new LedgerDriver(new Http(port(first)));
            Http http = ledger.http();
            jiangsu = ledger.register("CN-JS");
            changzhou = ledger.register("CN-JS-CZ");
            assertThat(http.post("/api/v1/emission-schemes", Map.of("id", scheme, "name", "Taihu COD",
                    "pollutant", "COD", "authority", jiangsu.id(), "surrenderBy", "--05-31",
                    "penaltyPerTonne", Map.of("amount", "9000.00", "currency", "CNY")))
                    .token(LedgerDriver.REGISTRAR_TOKEN).send().status()).isEqualTo(201);
            assertThat(http.post("/api/v1/emission-schemes/" + scheme + "/accounts", Map.of("holder", changzhou.id()))
                    .token(jiangsu.token()).send().status()).isEqualTo(201);
            http.post("/api/v1/emission-schemes/" + scheme + "/issuances", Map.of("vintage", year,
                    "allocations", List.of(Map.of("holder", changzhou.id(), "quantity", "100")))).token(jiangsu.token())
                    .send();
            http.post("/api/v1/emission-schemes/" + scheme + "/surrenders", Map.of("year", year, "vintage", year,
                    "quantity", "99.5")).token(changzhou.token()).send();
            Http.Answer recorded = http.post("/api/v1/emission-schemes/" + scheme + "/emissions", Map.of("holder",
                    changzhou.id(), "year", year, "quantity", "100", "evidence", List.of(EmissionContract.EVIDENCE)))
                    .token(jiangsu.token()).send();
            assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
            assertThat(recorded.json().path("compliance").path(0).path("status").asText()).isEqualTo("PENDING");
            assertThat(deadlines(first, scheme)).hasSize(1);
        }

        try (ConfigurableApplicationContext second = start(dataDir)) {
            LedgerDriver ledger = new LedgerDriver(new Http(port(second)));
            List<String> deadlines = deadlines(second, scheme);
            assertThat(deadlines).as("the deadline outlived the first process").hasSize(1);
            second.getBean(JdbcTemplate.class).update("update scheduled_tasks set execution_time = ?"
                    + " where task_instance = ?", Timestamp.from(Instant.now().minusSeconds(1)), deadlines.get(0));
            String account = "/api/v1/emission-schemes/" + scheme + "/accounts/" + changzhou.id();
            JsonNode settled = LedgerIntegrityContract.await(() -> {
                JsonNode view = ledger.http().get(account).send().json();
                return view.path("compliance").path(0).path("status").asText().equals("DEFICIT") ? view : null;
            });
            JsonNode year0 = settled.path("compliance").path(0);
            assertThat(year0.path("missing").asText()).isEqualTo("0.5");
            assertThat(year0.path("penalty").path("amount").asText()).isEqualTo("4500.00");
            assertPenaltyOnce(ledger, changzhou, jiangsu, year0.path("penaltyTransferId").asText());
            assertThat(deadlines(second, scheme)).isEmpty();
        }

        try (ConfigurableApplicationContext third = start(dataDir)) {
            LedgerDriver ledger = new LedgerDriver(new Http(port(third)));
            Integer settlements = third.getBean(JdbcTemplate.class).queryForObject("select count(*) from"
                    + " domain_event_entry where aggregate_identifier = ? and payload_type like ?", Integer.class,
                    scheme, "%SurrenderDeadlinePassedEvent");
            assertThat(settlements).isEqualTo(1);
            JsonNode account = ledger.http().get("/api/v1/emission-schemes/" + scheme + "/accounts/" + changzhou.id())
                    .send().json();
            assertPenaltyOnce(ledger, changzhou, jiangsu,
                    account.path("compliance").path(0).path("penaltyTransferId").asText());
        }
    }

    private static void assertPenaltyOnce(LedgerDriver ledger, Government payer, Government payee, String transferId) {
        JsonNode transfers = ledger.http().get("/api/v1/transfers?party=" + payer.id()).send().json().path("items");
        assertThat(transfers).filteredOn(t -> t.path("source").asText().equals("PENALTY")).singleElement()
                .satisfies(t -> {
                    assertThat(t.path("id").asText()).isEqualTo(transferId);
                    assertThat(t.path("payer").asText()).isEqualTo(payer.id());
                    assertThat(t.path("payee").asText()).isEqualTo(payee.id());
                    assertThat(t.path("amount").path("amount").asText()).isEqualTo("4500.00");
                });
    }

    /** The scheduler's pending tasks that are the scheme's surrender deadline. */
    private static List<String> deadlines(ConfigurableApplicationContext context, String scheme) {
        return context.getBean(JdbcTemplate.class).query("select task_instance, task_data from scheduled_tasks",
                (rs, i) -> {
                    byte[] data = rs.getBytes("task_data");
                    String text = data == null ? "" : new String(data, StandardCharsets.ISO_8859_1);
                    return text.contains(scheme) && text.contains("emission-surrender-deadline")
                            ? rs.getString("task_instance") : null;
                }).stream().filter(Objects::nonNull).toList();
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(BasinLedgerApplication.class).run("--server.port=0",
                "--ledger.data-dir=" + dataDir, "--ledger.registrar-token=" + LedgerDriver.REGISTRAR_TOKEN);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
