package org.basinledger.app.e2e;

import org.basinledger.app.support.EnabledIfPostgres;
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
        PostgresCondition.useFreshSchema(registry, "integrity-pg-");
        // the tests tamper and verify themselves: a scheduled verification in the middle would hold writes
        registry.add("ledger.integrity.verification-interval", () -> "0");
    }
}
