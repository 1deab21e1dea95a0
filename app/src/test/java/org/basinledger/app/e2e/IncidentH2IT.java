package org.basinledger.app.e2e;

import java.nio.file.Path;

import org.basinledger.app.support.LedgerDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The incident contract on the embedded default: H2 in file mode under a fresh data directory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IncidentH2IT extends IncidentContract {

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        String dataDir = Path.of("target", "it-data", "incidents-" + System.nanoTime()).toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.registrar-token", () -> LedgerDriver.REGISTRAR_TOKEN);
    }
}
