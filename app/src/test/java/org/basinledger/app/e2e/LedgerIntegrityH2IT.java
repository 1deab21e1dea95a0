package org.basinledger.app.e2e;

import java.nio.file.Path;

import org.basinledger.app.support.LedgerDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The integrity-log contract on the embedded default: H2 in file mode under a fresh data directory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerIntegrityH2IT extends LedgerIntegrityContract {

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        Path dataDir = Path.of("target", "it-data", "integrity-" + System.nanoTime()).toAbsolutePath();
        registry.add("ledger.data-dir", dataDir::toString);
        // ledger.data-dir-absolute is derived before dynamic properties exist: name the database file here, with the
        // same settings as application.yml
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dataDir.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        registry.add("ledger.registrar-token", () -> LedgerDriver.REGISTRAR_TOKEN);
        // the tests tamper and verify themselves: a scheduled verification in the middle would hold writes
        registry.add("ledger.integrity.verification-interval", () -> "0");
    }
}
