package org.basinledger.app.readmodel;

import org.basinledger.app.support.H2Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The read-model rebuild contract on the embedded default: H2 in file mode, loaded with the demo basin. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"ledger.demo=true", "ledger.read-models.rebuild-batch-size=50"})
class ReadModelRebuildH2IT extends ReadModelRebuildContract {

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        H2Files.useFreshDataDir(registry, "rebuild-");
    }
}
