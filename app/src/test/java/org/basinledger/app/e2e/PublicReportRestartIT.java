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
 * A public report's answer deadline survives a restart: assigned on one run of the ledger, it is still pending in the
 * scheduler's table after a restart on the same data directory, and when it comes due (brought forward in that
 * table, as the passing of time would) the restarted ledger records the report overdue, once; its contact is still
 * kept and readable by the registrar.
 */
class PublicReportRestartIT {

    @Test
    void anAssignedReportFallsOverdueByItsPersistentDeadlineAfterARestart() throws Exception {
        Path dataDir = Path.of("target", "it-data", "public-report-restart-" + System.nanoTime());
        String id;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            Http http = new Http(port(first));
            Government jiaxing = new LedgerDriver(http).register("CN-ZJ-JX");
            Http.Answer filed = http.post("/api/v1/public-reports", PublicReportContract.report("Taipu River",
                    Map.of("email", "restart-reporter@example.org"))).send();
            assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
            id = filed.json().path("id").asText();
            assertThat(http.post("/api/v1/public-reports/" + id + "/assignment", Map.of("jurisdictionId",
                    jiaxing.id(), "answerBy", LedgerCalendar.dateOf(Instant.now()).toString()))
                    .token(LedgerDriver.REGISTRAR_TOKEN).send().status()).isEqualTo(200);
            assertThat(overdueDeadlines(first, id)).hasSize(1);
        }

        try (ConfigurableApplicationContext second = start(dataDir)) {
            Http http = new Http(port(second));
            assertThat(http.get("/api/v1/public-reports/" + id).send().json().path("overdue").asBoolean()).isFalse();
            List<String> deadlines = overdueDeadlines(second, id);
            assertThat(deadlines).hasSize(1);
            second.getBean(JdbcTemplate.class).update("update scheduled_tasks set execution_time = ? where task_instance = ?",
                    Timestamp.from(Instant.now().minusSeconds(1)), deadlines.get(0));
            JsonNode overdue = LedgerIntegrityContract.await(() -> {
                JsonNode view = http.get("/api/v1/public-reports/" + id).send().json();
                return view.path("overdue").asBoolean() ? view : null;
            });
            assertThat(overdue.path("status").asText()).isEqualTo("ASSIGNED");
            assertThat(overdueDeadlines(second, id)).isEmpty();
            assertThat(http.get("/api/v1/public-reports/" + id + "/contact").token(LedgerDriver.REGISTRAR_TOKEN).send()
                    .json().path("email").asText()).isEqualTo("restart-reporter@example.org");
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(BasinLedgerApplication.class).run("--server.port=0",
                "--ledger.data-dir=" + dataDir, "--ledger.registrar-token=" + LedgerDriver.REGISTRAR_TOKEN);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static List<String> overdueDeadlines(ConfigurableApplicationContext context, String reportId) {
        return context.getBean(JdbcTemplate.class).query("select task_instance, task_data from scheduled_tasks",
                (rs, i) -> {
                    byte[] data = rs.getBytes("task_data");
                    String text = data == null ? "" : new String(data, StandardCharsets.ISO_8859_1);
                    return text.contains(reportId) && text.contains("public-report-overdue")
                            ? rs.getString("task_instance") : null;
                }).stream().filter(Objects::nonNull).toList();
    }
}
