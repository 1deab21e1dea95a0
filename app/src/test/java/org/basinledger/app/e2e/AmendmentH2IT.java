package org.basinledger.app.e2e;

import org.basinledger.app.support.H2Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The amendment contract on the embedded default: H2 in file mode under a fresh data directory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AmendmentH2IT extends AmendmentContract {

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        H2Files.useFreshDataDir(registry, "amendments-");
    }
}
