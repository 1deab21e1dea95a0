package org.basinledger.app.e2e;

import org.basinledger.app.support.H2Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The monitoring-report batch contract on the embedded default: H2 in file mode under a fresh data directory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.max-request-bytes=65536", "ledger.monitoring-batch.max-reports=20",
        "ledger.monitoring-batch.max-request-bytes=1048576"})
class MonitoringReportBatchH2IT extends MonitoringReportBatchContract {

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        H2Files.useFreshDataDir(registry, "monitoring-batch-");
    }
}
