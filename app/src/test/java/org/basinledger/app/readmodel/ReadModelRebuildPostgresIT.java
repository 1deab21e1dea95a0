package org.basinledger.app.readmodel;

import org.basinledger.app.support.EnabledIfPostgres;
import org.basinledger.app.support.PostgresCondition;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The read-model rebuild contract on PostgreSQL, in a schema of its own, loaded with the demo basin; the projections
 * fed on three threads.
 */
@EnabledIfPostgres
@ActiveProfiles("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"ledger.demo=true", "ledger.read-models.rebuild-batch-size=50",
        // three threads here, two (the default) on H2
        "ledger.read-models.rebuild-threads=3"})
class ReadModelRebuildPostgresIT extends ReadModelRebuildContract {

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        PostgresCondition.useFreshSchema(registry, "rebuild-pg-");
    }
}
