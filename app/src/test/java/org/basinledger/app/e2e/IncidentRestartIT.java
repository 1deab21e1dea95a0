package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.app.support.InProcessLedger.port;
import static org.basinledger.app.support.InProcessLedger.start;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.basinledger.app.idempotency.IdempotencyKeyPurge;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A notice's deadline survives a restart (issue 14): an incident is raised with a RED deadline of three seconds on a
 * ledger that then stops before the deadline (its scheduler polls only once an hour, so it cannot run it first);
 * the ledger restarted on the same data directory records the miss and the penalty falls due, once; a third start
 * finds exactly one miss and one penalty still.
 */
class IncidentRestartIT {

    @Test
    void aMissedNoticeAndItsPenaltyFollowFromAPersistentDeadlineAcrossARestart() throws Exception {
        Path dataDir = Path.of("target", "it-data", "incident-restart-" + System.nanoTime());
        String agreementId;
        String incidentId;
        Government anhui;
        Government zhejiang;
        Instant stopped;
        try (ConfigurableApplicationContext first = start(dataDir, "--db-scheduler.polling-interval=1h")) {
            LedgerDriver ledger = new LedgerDriver(new Http(port(first)));
            anhui = ledger.register("CN-AH");
            zhejiang = ledger.register("CN-ZJ");
            Map<String, Object> body = LedgerDriver.draftBody(LocalDate.now().minusYears(1),
                    LocalDate.now().plusYears(3), anhui, zhejiang);
            Scenarios.terms(body).put("emergency", IncidentContract.emergency("PT3S", true));
            agreementId = Scenarios.signedInForce(ledger, body, anhui, zhejiang);
            Http.Answer raised = ledger.http().post("/api/v1/agreements/" + agreementId + "/incidents",
                    IncidentContract.raiseBody("RED")).token(anhui.token()).send();
            assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
            incidentId = raised.json().path("id").asText();
            assertThat(incidentDeadlines(first)).isEqualTo(1);
            assertThat(raised.json().path("notices").get(0).path("missed").asBoolean()).isFalse();
        }
        stopped = Instant.now();

        try (ConfigurableApplicationContext second = start(dataDir)) {
            LedgerDriver ledger = new LedgerDriver(new Http(port(second)));
            String id = incidentId;
            JsonNode missed = LedgerIntegrityContract.await(() -> {
                JsonNode view = ledger.http().get("/api/v1/incidents/" + id).send().json();
                return view.path("notices").get(0).path("missed").asBoolean() ? view : null;
            });
            assertThat(missed).as("the notice was missed after the restart").isNotNull();
            JsonNode notice = missed.path("notices").get(0);
            assertThat(notice.path("jurisdictionId").asText()).isEqualTo(zhejiang.id());
            assertThat(missedEventsRecordedAfter(second, stopped)).isEqualTo(1);
            assertPenaltyOnce(ledger, agreementId, notice.path("penaltyTransferId").asText(), zhejiang, anhui);
            assertThat(incidentDeadlines(second)).isZero();
        }

        try (ConfigurableApplicationContext third = start(dataDir)) {
            LedgerDriver ledger = new LedgerDriver(new Http(port(third)));
            JsonNode view = ledger.http().get("/api/v1/incidents/" + incidentId).send().json();
            assertThat(missedEventsRecordedAfter(third, Instant.EPOCH)).isEqualTo(1);
            assertPenaltyOnce(ledger, agreementId, view.path("notices").get(0).path("penaltyTransferId").asText(),
                    zhejiang, anhui);
        }
    }

    private static void assertPenaltyOnce(LedgerDriver ledger, String agreementId, String transferId,
                                          Government payer, Government payee) {
        JsonNode transfers = ledger.http().get("/api/v1/transfers?agreementId=" + agreementId).send().json()
                .path("items");
        assertThat(transfers).hasSize(1);
        JsonNode penalty = transfers.get(0);
        assertThat(penalty.path("id").asText()).isEqualTo(transferId);
        assertThat(penalty.path("source").asText()).isEqualTo("PENALTY");
        assertThat(penalty.path("payer").asText()).isEqualTo(payer.id());
        assertThat(penalty.path("payee").asText()).isEqualTo(payee.id());
        assertThat(penalty.path("amount").path("amount").asText()).isEqualTo("500000.00");
    }

    /**
     * The deadlines due within the hour waiting in the scheduler's table: here only the notice's (the agreement's
     * own are years away; the recurring purge of idempotency keys is not a deadline).
     */
    private static int incidentDeadlines(ConfigurableApplicationContext context) {
        Integer count = context.getBean(JdbcTemplate.class).queryForObject(
                "select count(*) from scheduled_tasks where execution_time < ? and task_name <> ?", Integer.class,
                java.sql.Timestamp.from(Instant.now().plusSeconds(3600)), IdempotencyKeyPurge.TASK);
        return count == null ? 0 : count;
    }

    private static int missedEventsRecordedAfter(ConfigurableApplicationContext context, Instant after) {
        Integer count = context.getBean(JdbcTemplate.class).queryForObject(
                "select count(*) from domain_event_entry where payload_type like ? and time_stamp > ?",
                Integer.class, "%IncidentAcknowledgementMissedEvent", after.toString());
        return count == null ? 0 : count;
    }
}
