package org.basinledger.app.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.OptionalLong;

import org.basinledger.app.support.EnabledIfPostgres;
import org.basinledger.app.support.PostgresCondition;
import org.junit.jupiter.api.AfterAll;

/**
 * The crash test on PostgreSQL (profile {@code postgres}), in a fresh schema dropped afterwards; skipped where
 * PostgreSQL is not reachable, failed instead with {@code LEDGER_REQUIRE_POSTGRES=true}.
 */
@EnabledIfPostgres
class CrashPostgresIT extends CrashContract {

    private static final String SCHEMA = PostgresCondition.newSchema();

    @Override
    List<String> databaseArgs(Path dataDir) {
        return List.of("--spring.profiles.active=postgres",
                "--spring.datasource.url=" + PostgresCondition.urlFor(SCHEMA),
                "--spring.datasource.username=" + PostgresCondition.USER,
                "--spring.datasource.password=" + PostgresCondition.PASSWORD,
                "--spring.flyway.default-schema=" + SCHEMA,
                "--spring.flyway.create-schemas=true");
    }

    @Override
    long storedEvents(Path dataDir) throws Exception {
        try (Connection connection = DriverManager.getConnection(PostgresCondition.urlFor(SCHEMA),
                PostgresCondition.USER, PostgresCondition.PASSWORD);
             ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM domain_event_entry")) {
            count.next();
            return count.getLong(1);
        }
    }

    @Override
    OptionalLong storedEventsWhileRunning(Path dataDir) throws Exception {
        return OptionalLong.of(storedEvents(dataDir));
    }

    @AfterAll
    static void dropSchema() throws Exception {
        try (Connection connection = DriverManager.getConnection(PostgresCondition.URL, PostgresCondition.USER,
                PostgresCondition.PASSWORD)) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }
}
