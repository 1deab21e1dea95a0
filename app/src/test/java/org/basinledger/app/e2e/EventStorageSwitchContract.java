package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
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
 * The event store's engine can be switched on an existing database, either way ({@code ledger.event-storage}): the
 * JDBC engine (the default) reads the events and snapshots the JPA engine wrote and goes on numbering the global
 * index from the same sequence; the JPA engine reads what the JDBC engine wrote. A duplicate append (the unique
 * aggregate id and sequence number that stale caches and several nodes collide on) is refused as Axon's concurrency
 * exceptions by the JDBC engine too. Agreements are snapshotted every 2 events here, so snapshots cross the switch.
 */
abstract class EventStorageSwitchContract {

    /** The arguments that point every start at the same database and data directory. */
    abstract List<String> databaseArguments();

    @Test
    void eventsAndSnapshotsWrittenByOneEngineAreReadAndExtendedByTheOther() throws Exception {
        String first;
        String second;
        Government a;
        Government b;
        try (ConfigurableApplicationContext jpa = start("jpa")) {
            assertThat(jpa.getBean(EventStorageEngine.class)).isInstanceOf(JpaEventStorageEngine.class);
            LedgerDriver ledger = driver(jpa);
            a = ledger.register("CN-AH");
            b = ledger.register("CN-ZJ");
            first = ledger.draft(a, body(a, b)).path("id").asText();
            ledger.open(a, first);
            assertThat(ledger.sign(a, first, true).status()).isEqualTo(200);
        }

        try (ConfigurableApplicationContext jdbc = start(null)) {
            assertThat(jdbc.getBean(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
            LedgerDriver ledger = driver(jdbc);
            Http.Answer signed = ledger.sign(b, first, true);
            assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
            assertThat(signed.json().path("status").asText()).isEqualTo("SIGNED");
            second = ledger.draft(a, body(a, b)).path("id").asText();
            ledger.open(a, second);

            EventStorageEngine engine = jdbc.getBean(EventStorageEngine.class);
            assertThatThrownBy(() -> engine.appendEvents(
                    new GenericDomainEventMessage<>("Agreement", second, 0, "a second first event")))
                    .isInstanceOf(AggregateStreamCreationException.class);
            assertThatThrownBy(() -> engine.appendEvents(
                    new GenericDomainEventMessage<>("Agreement", second, 1, "a second second event")))
                    .isInstanceOf(ConcurrencyException.class);
            assertOneIndexEachInOrder(jdbc);
            assertVerified(jdbc, ledger);
        }

        try (ConfigurableApplicationContext jpa = start("jpa")) {
            LedgerDriver ledger = driver(jpa);
            assertThat(ledger.sign(a, second, true).status()).isEqualTo(200);
            Http.Answer signed = ledger.sign(b, second, true);
            assertThat(signed.json().path("status").asText()).as(signed.toString()).isEqualTo("SIGNED");
            assertThat(ledger.status(first, LedgerDriver.REGISTRAR_TOKEN).path("status").asText())
                    .isEqualTo("SIGNED");
            assertOneIndexEachInOrder(jpa);
            assertVerified(jpa, ledger);
            JdbcTemplate sql = jpa.getBean(JdbcTemplate.class);
            assertThat(sql.queryForObject("select count(*) from snapshot_event_entry where aggregate_identifier in (?, ?)",
                    Long.class, first, second)).isPositive();
        }
    }

    private ConfigurableApplicationContext start(String engine) {
        List<String> args = new ArrayList<>(databaseArguments());
        args.add("--server.port=0");
        args.add("--ledger.registrar-token=" + LedgerDriver.REGISTRAR_TOKEN);
        args.add("--ledger.snapshots.agreement-events=2");
        if (engine != null) {
            args.add("--ledger.event-storage=" + engine);
        }
        return new SpringApplicationBuilder(BasinLedgerApplication.class).run(args.toArray(String[]::new));
    }

    private static LedgerDriver driver(ConfigurableApplicationContext context) {
        return new LedgerDriver(new Http(((WebServerApplicationContext) context).getWebServer().getPort()));
    }

    private static java.util.Map<String, Object> body(Government a, Government b) {
        return LedgerDriver.draftBody(LocalDate.now().plusDays(30), LocalDate.now().plusYears(2), a, b);
    }

    /** Every event has its own global index, and an aggregate's events follow each other in it. */
    private static void assertOneIndexEachInOrder(ConfigurableApplicationContext context) {
        JdbcTemplate sql = context.getBean(JdbcTemplate.class);
        assertThat(sql.queryForObject("select count(*) from domain_event_entry where global_index is null", Long.class))
                .isZero();
        assertThat(sql.queryForObject("select count(*) from domain_event_entry e join domain_event_entry f"
                + " on e.aggregate_identifier = f.aggregate_identifier and e.sequence_number < f.sequence_number"
                + " where e.global_index >= f.global_index", Long.class)).isZero();
    }

    /** The integrity log has logged every event, from either engine, and a full verification finds them intact. */
    private static void assertVerified(ConfigurableApplicationContext context, LedgerDriver ledger) {
        long events = context.getBean(JdbcTemplate.class).queryForObject("select count(*) from domain_event_entry",
                Long.class);
        JsonNode head = LedgerIntegrityContract.await(() -> {
            Http.Answer answer = ledger.http().get("/api/v1/ledger/head").send();
            return answer.status() == 200 && answer.json().path("treeSize").asLong() == events ? answer.json() : null;
        });
        assertThat(head.path("treeSize").asLong()).isEqualTo(events);
        JsonNode report = ledger.http().get("/api/v1/ledger/verification").token(LedgerDriver.REGISTRAR_TOKEN)
                .send().json();
        assertThat(report.path("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("checked").asLong()).isEqualTo(events);
    }
}
