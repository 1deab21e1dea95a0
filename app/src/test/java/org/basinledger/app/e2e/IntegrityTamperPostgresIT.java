package org.basinledger.app.e2e;

import java.nio.file.Path;

import org.basinledger.app.support.EnabledIfPostgres;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.PostgresCondition;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The tampering contract on PostgreSQL, in a schema of its own; skipped where PostgreSQL is not reachable. */
@EnabledIfPostgres
@ActiveProfiles("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IntegrityTamperPostgresIT extends IntegrityTamperContract {

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        String schema = PostgresCondition.newSchema();
        registry.add("spring.datasource.url", () -> PostgresCondition.urlFor(schema));
        registry.add("spring.datasource.username", () -> PostgresCondition.USER);
        registry.add("spring.datasource.password", () -> PostgresCondition.PASSWORD);
        registry.add("spring.flyway.default-schema", () -> schema);
        registry.add("spring.flyway.create-schemas", () -> "true");
        registry.add("ledger.data-dir", () -> Path.of("target", "it-data", "tamper-pg-" + schema).toString());
        registry.add("ledger.registrar-token", () -> LedgerDriver.REGISTRAR_TOKEN);
        registry.add("ledger.integrity.first-verification-delay", () -> "1s");
    }
}
