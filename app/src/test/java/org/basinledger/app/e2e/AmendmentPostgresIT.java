package org.basinledger.app.e2e;

import org.basinledger.app.support.EnabledIfPostgres;
import org.basinledger.app.support.PostgresCondition;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The amendment contract on PostgreSQL, in a schema of its own; skipped where it is not reachable. */
@EnabledIfPostgres
@ActiveProfiles("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AmendmentPostgresIT extends AmendmentContract {

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        PostgresCondition.useFreshSchema(registry, "pg-amendments-");
    }
}
