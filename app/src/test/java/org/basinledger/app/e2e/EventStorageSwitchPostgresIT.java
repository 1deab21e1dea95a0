package org.basinledger.app.e2e;

import java.nio.file.Path;
import java.util.List;

import org.basinledger.app.support.EnabledIfPostgres;
import org.basinledger.app.support.PostgresCondition;

/** {@link EventStorageSwitchContract} on PostgreSQL, in a schema of its own; skipped where PostgreSQL is not reachable. */
@EnabledIfPostgres
class EventStorageSwitchPostgresIT extends EventStorageSwitchContract {

    private final String schema = PostgresCondition.newSchema();

    @Override
    List<String> databaseArguments() {
        return List.of("--spring.profiles.active=postgres",
                "--spring.datasource.url=" + PostgresCondition.urlFor(schema),
                "--spring.datasource.username=" + PostgresCondition.USER,
                "--spring.datasource.password=" + PostgresCondition.PASSWORD,
                "--spring.flyway.default-schema=" + schema,
                "--spring.flyway.create-schemas=true",
                "--ledger.data-dir=" + Path.of("target", "it-data", "engine-switch-pg-" + schema));
    }
}
