package org.basinledger.query.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A database with the query module's Flyway schema (V3 on: the Axon tables of V1/V2 live in app), either a
 * private H2 in-memory database or a fresh, randomly named schema on the PostgreSQL of {@link PostgresSettings},
 * dropped on close.
 */
public final class TestDatabase implements AutoCloseable {

    static final String PG_URL = PostgresSettings.URL;
    static final String PG_USER = PostgresSettings.USER;
    static final String PG_PASSWORD = PostgresSettings.PASSWORD;

    private static final List<String> TABLES = List.of("agreement_status", "agreement_party", "agreement_terms",
            "agreement_history", "agreement_amendment", "registry_jurisdiction_key", "registry_jurisdiction", "registry_mediator",
            "compliance_report", "compliance_assessment", "compensation_transfer", "compensation_transfer_adjustment",
            "dispute_statement", "dispute", "incident_update", "incident_notice", "incident", "public_report",
            "river_chief");

    private final String name;
    private final SingleConnectionDataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final Runnable dropper;
    private final Runnable migrateToLatest;

    private TestDatabase(String name, SingleConnectionDataSource dataSource, Runnable dropper,
                         Runnable migrateToLatest) {
        this.name = name;
        this.dataSource = dataSource;
        this.jdbc = dataSource == null ? null : new NamedParameterJdbcTemplate(dataSource);
        this.dropper = dropper;
        this.migrateToLatest = migrateToLatest;
    }

    /** A private in-memory H2 database in native mode, as the app runs it. */
    public static TestDatabase h2() {
        return h2(null);
    }

    /** As {@link #h2()}, migrated only up to {@code target} (a Flyway version) until {@link #migrateToLatest()}. */
    public static TestDatabase h2(String target) {
        String url = "jdbc:h2:mem:q" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        DriverManagerDataSource migrations = new DriverManagerDataSource(url, "sa", "");
        migrate(migrations, "h2", null, target);
        SingleConnectionDataSource ds = new SingleConnectionDataSource(url, "sa", "", true);
        return new TestDatabase("H2", ds, () -> ds.getConnection().createStatement().execute("SHUTDOWN"),
                () -> migrate(migrations, "h2", null, null));
    }

    /**
     * A fresh schema on the test PostgreSQL ({@code LEDGER_TEST_POSTGRES_URL}, default 127.0.0.1:5432/test). When
     * it does not answer, every test that {@link #clean() cleans} it or {@link #assumeAvailable() assumes} it is
     * skipped (an assumption per test, so the report counts them as skipped rather than not at all), unless
     * {@code LEDGER_REQUIRE_POSTGRES=true}: then opening it fails.
     */
    public static TestDatabase postgresql() {
        return postgresql(null);
    }

    /** As {@link #postgresql()}, migrated only up to {@code target} until {@link #migrateToLatest()}. */
    public static TestDatabase postgresql(String target) {
        String unreachable = PostgresSettings.unreachable();
        if (unreachable != null) {
            PostgresSettings.failIfRequired(unreachable);
            return new TestDatabase("PostgreSQL (not reachable: " + unreachable + ")", null, () -> {
            }, () -> {
            });
        }
        String schema = "query_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        DriverManagerDataSource migrations = new DriverManagerDataSource(PG_URL, PG_USER, PG_PASSWORD);
        migrate(migrations, "postgresql", schema, target);
        SingleConnectionDataSource ds = new SingleConnectionDataSource(PostgresSettings.urlFor(schema), PG_USER,
                PG_PASSWORD, true);
        return new TestDatabase("PostgreSQL", ds, () -> {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }, () -> migrate(migrations, "postgresql", schema, null));
    }

    private static void migrate(DriverManagerDataSource dataSource, String vendor, String schema, String target) {
        var config = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendor);
        if (schema != null) {
            config.schemas(schema).defaultSchema(schema);
        }
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }

    /** Applies the migrations after the target the database was opened with. */
    public void migrateToLatest() throws Exception {
        migrateToLatest.run();
    }

    /** Whether the database is there (PostgreSQL may not be running); a test that needs it is skipped otherwise. */
    public void assumeAvailable() {
        assumeTrue(dataSource != null, () -> name + ": skipping");
    }

    public NamedParameterJdbcTemplate jdbc() {
        return jdbc;
    }

    /** Empties every projection table, so each test starts from nothing. */
    public void clean() {
        assumeAvailable();
        TABLES.forEach(table -> jdbc.getJdbcOperations().update("DELETE FROM " + table));
    }

    public int count(String table) {
        Integer count = jdbc.getJdbcOperations().queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
        return count == null ? 0 : count;
    }

    @Override
    public void close() throws Exception {
        try {
            dropper.run();
        } finally {
            if (dataSource != null) {
                dataSource.destroy();
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }

    @FunctionalInterface
    private interface Runnable {
        void run() throws Exception;
    }
}
