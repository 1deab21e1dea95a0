package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import org.basinledger.app.BasinLedgerApplication;
import org.basinledger.app.idempotency.IdempotencyKeyPurge;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Restarting the process loses nothing and keeps pending deadlines: an agreement signed before its effective
 * date waits on a persistent deadline; after a restart on the same data directory the agreement and the
 * deadline are still there, and when the deadline comes due (brought forward in the scheduler's table, as the
 * passing of time would) the restarted ledger puts the agreement in force.
 */
class RestartIT {

    @Test
    void aSignedAgreementEntersIntoForceByItsPersistentDeadlineAfterARestart() throws Exception {
        Path dataDir = Path.of("target", "it-data", "restart-" + System.nanoTime());
        String id;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            LedgerDriver ledger = new LedgerDriver(new Http(port(first)));
            Government a = ledger.register("CN-AH-HS");
            Government b = ledger.register("CN-ZJ-HZ");
            id = ledger.draft(a, LedgerDriver.draftBody(LocalDate.now().plusDays(30), LocalDate.now().plusYears(2),
                    a, b)).path("id").asText();
            ledger.open(a, id);
            ledger.sign(a, id, true);
            assertThat(ledger.sign(b, id, true).json().path("status").asText()).isEqualTo("SIGNED");
            assertThat(pendingDeadlines(first)).isEqualTo(1);
        }

        try (ConfigurableApplicationContext second = start(dataDir)) {
            LedgerDriver ledger = new LedgerDriver(new Http(port(second)));
            assertThat(ledger.status(id, LedgerDriver.REGISTRAR_TOKEN).path("status").asText()).isEqualTo("SIGNED");
            assertThat(pendingDeadlines(second)).isEqualTo(1);

            second.getBean(JdbcTemplate.class).update("update scheduled_tasks set execution_time = ?",
                    java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String status = "SIGNED";
            while (!"IN_FORCE".equals(status) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                status = ledger.status(id, LedgerDriver.REGISTRAR_TOKEN).path("status").asText();
            }
            assertThat(status).isEqualTo("IN_FORCE");
            assertThat(ledger.http().get("/api/v1/agreements/" + id + "/history").token(LedgerDriver.REGISTRAR_TOKEN)
                    .send().json().path("items")).last().satisfies(e -> {
                        assertThat(e.path("type").asText()).isEqualTo("AgreementEnteredIntoForce");
                    });
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(BasinLedgerApplication.class).run(
                "--server.port=0", "--ledger.data-dir=" + dataDir, "--ledger.registrar-token=" + LedgerDriver.REGISTRAR_TOKEN);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static int pendingDeadlines(ConfigurableApplicationContext context) {
        // deadlines only: the scheduler's table also holds the recurring purge of idempotency keys
        Integer count = context.getBean(JdbcTemplate.class).queryForObject(
                "select count(*) from scheduled_tasks where execution_time > current_timestamp and task_name <> ?",
                Integer.class, IdempotencyKeyPurge.TASK);
        return count == null ? 0 : count;
    }

}
