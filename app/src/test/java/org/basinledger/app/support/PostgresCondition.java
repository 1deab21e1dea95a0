package org.basinledger.app.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Decides whether PostgreSQL tests run, and gives each test class a schema of its own. The settings README
 * documents: {@code LEDGER_TEST_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}),
 * {@code LEDGER_TEST_POSTGRES_USER} (default {@code postgres}), {@code LEDGER_TEST_POSTGRES_PASSWORD} (default
 * empty), and {@code LEDGER_REQUIRE_POSTGRES=true} to fail rather than skip when the server does not answer.
 *
 * <p>The query module applies the same policy in {@code org.basinledger.query.support.PostgresSettings} (test code
 * is not shared between modules); change both together.
 */
public class PostgresCondition implements ExecutionCondition {

    public static final String URL = setting("LEDGER_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = setting("LEDGER_TEST_POSTGRES_USER", "postgres");
    public static final String PASSWORD = setting("LEDGER_TEST_POSTGRES_PASSWORD", "");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        try (Connection ignored = DriverManager.getConnection(URL, USER, PASSWORD)) {
            return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + URL);
        } catch (SQLException e) {
            if (Boolean.parseBoolean(System.getenv("LEDGER_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("LEDGER_REQUIRE_POSTGRES is set but PostgreSQL is not reachable at "
                        + URL + ": " + e.getMessage(), e);
            }
            return ConditionEvaluationResult.disabled("PostgreSQL not reachable at " + URL + ": skipping ("
                    + e.getMessage() + ")");
        }
    }

    /** A fresh, empty schema name for one test class. */
    public static String newSchema() {
        return "bl_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /**
     * Points a Spring test context at a fresh schema of its own (created by Flyway) with its own data directory
     * {@code target/it-data/<dataDirPrefix><schema>}, the tests' registrar token and a pool that does not hold idle
     * connections; answers the schema.
     */
    public static String useFreshSchema(DynamicPropertyRegistry registry, String dataDirPrefix) {
        String schema = newSchema();
        registry.add("spring.datasource.url", () -> urlFor(schema));
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
        // Spring keeps every test context (and its pool) open until the run ends, and the server allows 100 clients:
        // a context keeps at most one idle connection, and lets go of the rest ten seconds after its last use.
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
        registry.add("spring.flyway.default-schema", () -> schema);
        registry.add("spring.flyway.create-schemas", () -> "true");
        registry.add("ledger.data-dir", () -> Path.of("target", "it-data", dataDirPrefix + schema).toString());
        registry.add("ledger.registrar-token", () -> LedgerDriver.REGISTRAR_TOKEN);
        return schema;
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
