package org.basinledger.app.e2e;

import org.basinledger.app.support.EnabledIfPostgres;
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
        PostgresCondition.useFreshSchema(registry, "tamper-pg-");
        registry.add("ledger.integrity.first-verification-delay", () -> "1s");
        // the test rewrites history from a head before the latest: the log must sign a head per batch of events as
        // they come, not gather the few events of this test into one head (ledger.integrity-log.linger)
        registry.add("ledger.integrity-log.linger", () -> "0");
    }
}
