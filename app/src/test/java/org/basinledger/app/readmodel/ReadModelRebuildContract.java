package org.basinledger.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Clob;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.basinledger.app.demo.DemoBasin;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.query.support.Projections;
import org.basinledger.query.support.ReadModelTables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rebuilding the read models over HTTP on the whole application loaded with the demo basin (every kind of event):
 * the portal and the API answer while a rebuild runs, writes made meanwhile reach the rebuilt tables exactly once,
 * the rebuilt tables equal the live ones row by row, and a second rebuild while one runs or by anyone but the
 * registrar is refused. Run on H2 and PostgreSQL by the subclasses.
 */
@Import(ReadModelRebuildContract.GateConfig.class)
abstract class ReadModelRebuildContract {

    private static final String REBUILD = "/api/v1/admin/read-models/rebuild";
    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Configuration axon;

    @Autowired
    Gate gate;

    Http http;
    LedgerDriver ledger;

    @BeforeEach
    void connect() {
        http = new Http(port);
        ledger = new LedgerDriver(http);
    }

    @Test
    void rebuildsEveryReadModelWhileTheLedgerAnswersAndWritesGoOn() {
        awaitProjectionsAtHead();
        String before = status().path("liveSchema").asText();

        gate.arm(this::structure);
        Http.Answer started = http.post(REBUILD, Map.of()).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String rebuilt = started.json().path("schema").asText();
        assertThat(rebuilt).isNotEqualTo(before);
        gate.awaitReached();

        // the bulk is in the new schema and the live processor not yet paused: everything still answers
        assertThat(status().path("state").asText()).isEqualTo("RUNNING");
        assertThat(http.get("/api/v1/agreements/" + DemoBasin.JIANGSU).token(LedgerDriver.REGISTRAR_TOKEN).send()
                .status()).isEqualTo(200);
        assertThat(http.get("/agreements/" + DemoBasin.XINAN).send().status()).isEqualTo(200);
        assertThat(http.get("/").send().status()).isEqualTo(200);
        Http.Answer actuator = http.get("/actuator/readmodels").token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(actuator.json().path("state").asText()).isEqualTo("RUNNING");
        assertThat(actuator.json().path("eventsDone").asLong()).isPositive();

        Http.Answer second = http.post(REBUILD, Map.of()).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");

        // writes while the rebuild runs: answered from the old tables, and in the new ones after the swap
        String draftedDuring = draftAgreement();
        assertThat(ledger.status(draftedDuring, LedgerDriver.REGISTRAR_TOKEN).path("status").asText())
                .isEqualTo("DRAFT");

        // the bulk went into tables with no index but the primary keys the projections find rows by (none on the
        // history, which they only insert into); the rest came after it
        List<String> whileBulk = gate.structureWhileBulk();
        List<String> keys = whileBulk.stream().filter(line -> !line.contains(" index ")).toList();
        List<String> indexes = whileBulk.stream().filter(line -> line.contains(" index ")).toList();
        assertThat(whileBulk).noneMatch(line -> line.startsWith("agreement_history "));
        assertThat(keys).isNotEmpty().allMatch(line -> line.endsWith(" PRIMARY KEY"));
        assertThat(keys).hasSize((int) structure(before).stream()
                .filter(line -> line.endsWith(" PRIMARY KEY") && !line.startsWith("agreement_history ")).count());
        // one index per primary key and no other
        assertThat(indexes).allMatch(line -> line.contains(" unique=true "));
        assertThat(indexes.stream().map(line -> line.substring(0, line.indexOf(" unique="))).distinct())
                .hasSameSizeAs(keys);

        gate.release();
        JsonNode done = awaitState("SWAPPED");
        assertThat(done.path("liveSchema").asText()).isEqualTo(rebuilt);
        assertThat(done.path("eventsDone").asLong()).isEqualTo(eventCount());

        // the old tables saw every event up to the pause, the new ones the same: equal row by row
        assertSameRows(rebuilt, before);
        // built after the bulk, the keys and indexes are those Flyway made, by name and definition
        assertThat(structure(before)).anyMatch(line -> line.startsWith("agreement_history index "));
        assertThat(structure(rebuilt)).isEqualTo(structure(before));
        assertThat(ledger.status(draftedDuring, LedgerDriver.REGISTRAR_TOKEN).path("status").asText())
                .isEqualTo("DRAFT");

        // the live processor goes on in the new schema; a second rebuild of that equals it too
        String draftedAfter = draftAgreement();
        assertThat(http.get("/api/v1/agreements/" + draftedAfter + "/history").token(LedgerDriver.REGISTRAR_TOKEN)
                .send().json().path("items").size()).isEqualTo(1);
        awaitProjectionsAtHead();
        gate.arm(null);
        gate.release();
        Http.Answer again = http.post(REBUILD, Map.of()).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(again.status()).isEqualTo(202);
        String rebuiltAgain = again.json().path("schema").asText();
        assertThat(rebuiltAgain).isNotEqualTo(rebuilt).isNotEqualTo(before);
        assertThat(awaitState("SWAPPED").path("liveSchema").asText()).isEqualTo(rebuiltAgain);
        assertSameRows(rebuiltAgain, rebuilt);
        assertThat(structure(rebuiltAgain)).isEqualTo(structure(before));
        assertThat(rows(rebuiltAgain).get("agreement_status")).anySatisfy(
                row -> assertThat(row.get("agreement_id")).isEqualTo(draftedAfter));
    }

    @Test
    void onlyTheRegistrarRebuilds() {
        Government party = ledger.register("CN-RB");
        Http.Answer anonymous = http.post(REBUILD, Map.of()).send();
        assertThat(anonymous.status()).isEqualTo(401);
        Http.Answer jurisdiction = http.post(REBUILD, Map.of()).token(party.token()).send();
        assertThat(jurisdiction.status()).isEqualTo(403);
        assertThat(jurisdiction.contentType()).startsWith("application/problem+json");
        assertThat(http.get(REBUILD).token(party.token()).send().status()).isEqualTo(403);
        assertThat(http.get(REBUILD).token(LedgerDriver.REGISTRAR_TOKEN).send().status()).isEqualTo(200);
    }

    private String draftAgreement() {
        Government a = ledger.register("CN-RA");
        Government b = ledger.register("CN-RB");
        return ledger.draft(a, LedgerDriver.draftBody(LocalDate.now().minusYears(1), LocalDate.now().plusYears(2),
                a, b)).path("id").asText();
    }

    private JsonNode status() {
        Http.Answer answer = http.get(REBUILD).token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private JsonNode awaitState(String state) {
        return Await.until(() -> {
            JsonNode status = status();
            assertThat(status.path("state").asText()).as(status.toString()).isNotEqualTo("FAILED");
            return status.path("state").asText().equals(state) ? status : null;
        });
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    /** Waits until the live processor has handled every stored event. */
    private void awaitProjectionsAtHead() {
        TrackingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(Projections.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
        Await.until(() -> {
            Long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
            return processor.processingStatus().values().stream()
                    .anyMatch(s -> s.getCurrentPosition().orElse(-1) >= head) ? head : null;
        });
    }

    /** Table by table (the failure names the table, so the projection that differs), every row equal. */
    private void assertSameRows(String rebuilt, String reference) {
        Map<String, List<Map<String, Object>>> actual = rows(rebuilt);
        Map<String, List<Map<String, Object>>> expected = rows(reference);
        for (String table : ReadModelTables.NAMES) {
            assertThat(actual.get(table)).as("%s rebuilt in %s against %s", table, rebuilt, reference)
                    .isEqualTo(expected.get(table));
        }
    }

    /** Every row of every read-model table in {@code schema}, comparable across schemas and sorted. */
    private Map<String, List<Map<String, Object>>> rows(String schema) {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        for (String table : ReadModelTables.NAMES) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + schema + "." + table)) {
                Map<String, Object> comparable = new LinkedHashMap<>();
                row.forEach((column, value) -> comparable.put(column.toLowerCase(), comparable(value)));
                rows.add(comparable);
            }
            rows.sort(Comparator.comparing(Object::toString));
            tables.put(table, rows);
        }
        assertThat(tables.get("agreement_history")).isNotEmpty();
        return tables;
    }

    /**
     * The keys, unique constraints and indexes of every read-model table in {@code schema} (information schema and
     * JDBC metadata, so alike on H2 and PostgreSQL): each constraint's name and type, each index's name, uniqueness
     * and columns in order with their direction; comparable across schemas.
     */
    private List<String> structure(String schema) {
        List<String> found = new ArrayList<>(jdbc.queryForList("SELECT LOWER(table_name) || ' ' || LOWER(constraint_name)"
                + " || ' ' || constraint_type FROM information_schema.table_constraints WHERE table_schema = ?"
                + " AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')", String.class, schema).stream()
                // the default schema holds the event store and the integrity log too
                .filter(line -> ReadModelTables.NAMES.contains(line.substring(0, line.indexOf(' ')))).toList());
        found.addAll(jdbc.execute((ConnectionCallback<List<String>>) connection -> {
            DatabaseMetaData meta = connection.getMetaData();
            // H2 generates the names of the indexes behind keys (PRIMARY_KEY_5A): named here by their constraint, as
            // PostgreSQL names them anyway
            Map<String, String> constraintOfIndex = new HashMap<>();
            if (meta.getDatabaseProductName().toLowerCase().contains("h2")) {
                jdbc.query("SELECT index_name, constraint_name FROM information_schema.table_constraints"
                        + " WHERE table_schema = ? AND index_name IS NOT NULL", rs -> {
                    constraintOfIndex.put(rs.getString(1), "key " + rs.getString(2));
                }, schema);
            }
            List<String> indexes = new ArrayList<>();
            for (String table : ReadModelTables.NAMES) {
                String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase() : table;
                try (ResultSet rs = meta.getIndexInfo(null, schema, name, false, false)) {
                    while (rs.next()) {
                        String index = rs.getString("INDEX_NAME");
                        indexes.add(table + " index " + constraintOfIndex.getOrDefault(index, index).toLowerCase()
                                + " unique="
                                + !rs.getBoolean("NON_UNIQUE") + " " + rs.getInt("ORDINAL_POSITION") + " "
                                + rs.getString("COLUMN_NAME").toLowerCase() + " " + rs.getString("ASC_OR_DESC"));
                    }
                }
            }
            return indexes;
        }));
        found.sort(Comparator.naturalOrder());
        return found;
    }

    private static Object comparable(Object value) {
        if (value instanceof Clob clob) {
            try (Reader reader = clob.getCharacterStream()) {
                StringWriter text = new StringWriter();
                reader.transferTo(text);
                return text.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value;
    }

    /** Holds a rebuild once its bulk is done, until the test has read and written meanwhile. */
    static final class Gate implements ReadModelRebuild.Listener {
        private volatile CountDownLatch reached = new CountDownLatch(0);
        private volatile CountDownLatch released = new CountDownLatch(0);
        private volatile Function<String, List<String>> inspect;
        private volatile List<String> whileBulk;

        /** Holds the next rebuild before its swap; {@code inspect} (if any) looks at its schema before the indexes. */
        void arm(Function<String, List<String>> inspect) {
            this.inspect = inspect;
            whileBulk = null;
            reached = new CountDownLatch(1);
            released = new CountDownLatch(1);
        }

        List<String> structureWhileBulk() {
            assertThat(whileBulk).as("the rebuild's schema as its bulk ended").isNotNull();
            return whileBulk;
        }


        void awaitReached() {
            try {
                assertThat(reached.await(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("rebuild reached the swap").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void release() {
            released.countDown();
        }

        @Override
        public void built(String schema) {
            Function<String, List<String>> look = inspect;
            if (look != null) {
                whileBulk = look.apply(schema);
            }
            reached.countDown();
            try {
                released.await(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @TestConfiguration
    static class GateConfig {
        @Bean
        Gate rebuildGate() {
            return new Gate();
        }
    }
}
