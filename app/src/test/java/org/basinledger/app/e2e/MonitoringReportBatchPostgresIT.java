package org.basinledger.app.e2e;

import org.basinledger.app.support.EnabledIfPostgres;
import org.basinledger.app.support.PostgresCondition;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The monitoring-report batch contract on PostgreSQL, in a schema of its own; skipped where it is not reachable. */
@EnabledIfPostgres
@ActiveProfiles("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.max-request-bytes=65536", "ledger.monitoring-batch.max-reports=20",
        "ledger.monitoring-batch.max-request-bytes=1048576"})
class MonitoringReportBatchPostgresIT extends MonitoringReportBatchContract {

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        PostgresCondition.useFreshSchema(registry, "pg-monitoring-batch-");
    }
}
