package org.basinledger.app.e2e;

import org.basinledger.app.support.H2Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The tampering contract on the embedded default: H2 in file mode under a fresh data directory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IntegrityTamperH2IT extends IntegrityTamperContract {

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        H2Files.useFreshDataDir(registry, "tamper-");
        registry.add("ledger.integrity.first-verification-delay", () -> "1s");
        // the test rewrites history from a head before the latest: the log must sign a head per batch of events as
        // they come, not gather the few events of this test into one head (ledger.integrity-log.linger)
        registry.add("ledger.integrity-log.linger", () -> "0");
    }
}
