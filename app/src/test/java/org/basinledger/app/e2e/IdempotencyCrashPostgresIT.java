package org.basinledger.app.e2e;

import java.nio.file.Path;
import java.util.List;

import org.basinledger.app.support.EnabledIfPostgres;
import org.basinledger.app.support.PostgresCondition;

/** The crash contract on PostgreSQL, both runs of the application on one schema of its own. */
@EnabledIfPostgres
class IdempotencyCrashPostgresIT extends IdempotencyCrashContract {

    private final String schema = PostgresCondition.newSchema();

    @Override
    List<String> database(Path dataDir) {
        return List.of("--spring.profiles.active=postgres",
                "--spring.datasource.url=" + PostgresCondition.urlFor(schema),
                "--spring.datasource.username=" + PostgresCondition.USER,
                "--spring.datasource.password=" + PostgresCondition.PASSWORD,
                "--spring.flyway.default-schema=" + schema, "--spring.flyway.create-schemas=true");
    }
}
