package org.basinledger.app.e2e;

import org.basinledger.app.support.H2Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The integrity-log contract on the embedded default: H2 in file mode under a fresh data directory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerIntegrityH2IT extends LedgerIntegrityContract {

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        H2Files.useFreshDataDir(registry, "integrity-");
        // the tests tamper and verify themselves: a scheduled verification in the middle would hold writes
        registry.add("ledger.integrity.verification-interval", () -> "0");
    }
}
