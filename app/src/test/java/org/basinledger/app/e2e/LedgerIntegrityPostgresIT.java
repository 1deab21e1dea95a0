package org.basinledger.app.e2e;

import java.nio.file.Path;

import org.basinledger.app.support.EnabledIfPostgres;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.PostgresCondition;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The integrity-log contract on PostgreSQL, in a schema of its own; skipped where PostgreSQL is not reachable. */
@EnabledIfPostgres
@ActiveProfiles("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerIntegrityPostgresIT extends LedgerIntegrityContract {

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        String schema = PostgresCondition.newSchema();
        registry.add("spring.datasource.url", () -> PostgresCondition.urlFor(schema));
        registry.add("spring.datasource.username", () -> PostgresCondition.USER);
        registry.add("spring.datasource.password", () -> PostgresCondition.PASSWORD);
        registry.add("spring.flyway.default-schema", () -> schema);
        registry.add("spring.flyway.create-schemas", () -> "true");
        registry.add("ledger.data-dir", () -> Path.of("target", "it-data", "integrity-pg-" + schema).toString());
        registry.add("ledger.registrar-token", () -> LedgerDriver.REGISTRAR_TOKEN);
        // the tests tamper and verify themselves: a scheduled verification in the middle would hold writes
        registry.add("ledger.integrity.verification-interval", () -> "0");
    }
}
