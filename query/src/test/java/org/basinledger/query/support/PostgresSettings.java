package org.basinledger.query.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where the PostgreSQL tests of this module run, and whether they may skip: the settings README documents for every
 * module. {@code LEDGER_TEST_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}),
 * {@code LEDGER_TEST_POSTGRES_USER} (default {@code postgres}), {@code LEDGER_TEST_POSTGRES_PASSWORD} (default
 * empty); with {@code LEDGER_REQUIRE_POSTGRES=true} (set by {@code .ci/run}) an unreachable server fails the tests
 * instead of skipping them.
 *
 * <p>The app module applies the same policy in {@code org.basinledger.app.support.PostgresCondition}: test code is
 * not shared between modules (a test-jar would tie {@code mvn test} to a packaged query module), so the two small
 * copies are kept in step by hand; change both together.
 */
public final class PostgresSettings {

    public static final String URL = setting("LEDGER_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = setting("LEDGER_TEST_POSTGRES_USER", "postgres");
    public static final String PASSWORD = setting("LEDGER_TEST_POSTGRES_PASSWORD", "");

    private PostgresSettings() {
    }

    /** Whether {@code LEDGER_REQUIRE_POSTGRES} is {@code true}. */
    public static boolean required() {
        return Boolean.parseBoolean(System.getenv("LEDGER_REQUIRE_POSTGRES"));
    }

    /** Null when the server answers; otherwise why it does not, naming the URL. */
    public static String unreachable() {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", PASSWORD);
        props.setProperty("connectTimeout", "5");
        try (Connection ignored = DriverManager.getConnection(URL, props)) {
            return null;
        } catch (SQLException e) {
            return "PostgreSQL not reachable at " + URL + " as " + USER + " (" + e.getMessage() + ")";
        }
    }

    /** Throws when PostgreSQL is required, so the test fails instead of being skipped. */
    public static void failIfRequired(String unreachable) {
        if (required()) {
            throw new IllegalStateException("LEDGER_REQUIRE_POSTGRES is set but " + unreachable);
        }
    }

    /** The JDBC URL that makes a schema the default one. */
    public static String urlFor(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
