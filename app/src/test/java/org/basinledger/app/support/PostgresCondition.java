package org.basinledger.app.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Decides whether PostgreSQL tests run, and gives each test class a schema of its own. */
public class PostgresCondition implements ExecutionCondition {

    public static final String URL = System.getenv().getOrDefault("LEDGER_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("LEDGER_TEST_POSTGRES_USER", "postgres");
    public static final String PASSWORD = System.getenv().getOrDefault("LEDGER_TEST_POSTGRES_PASSWORD", "");

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

    /** The JDBC URL that makes a schema the default one. */
    public static String urlFor(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
