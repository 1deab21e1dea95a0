package org.basinledger.app.readmodel;

import java.nio.file.Path;

import org.basinledger.app.support.LedgerDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The read-model rebuild contract on the embedded default: H2 in file mode, loaded with the demo basin. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"ledger.demo=true", "ledger.read-models.rebuild-batch-size=50"})
class ReadModelRebuildH2IT extends ReadModelRebuildContract {

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        Path dataDir = Path.of("target", "it-data", "rebuild-" + System.nanoTime()).toAbsolutePath();
        registry.add("ledger.data-dir", dataDir::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dataDir.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        registry.add("ledger.registrar-token", () -> LedgerDriver.REGISTRAR_TOKEN);
    }
}
