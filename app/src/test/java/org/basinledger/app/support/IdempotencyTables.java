package org.basinledger.app.support;

import java.sql.Connection;
import java.sql.SQLException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/** A fresh in-memory H2 database holding only the idempotency-key table, built by the real migrations. */
public final class IdempotencyTables {

    private IdempotencyTables() {
    }

    public static JdbcTemplate inMemory(String name) throws SQLException {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        try (Connection connection = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/migration/h2/V5__idempotency_keys.sql"));
            ScriptUtils.executeSqlScript(connection, new ClassPathResource(
                    "db/migration/h2/V8__idempotency_keys_in_the_command_transaction.sql"));
        }
        return new JdbcTemplate(dataSource);
    }
}
