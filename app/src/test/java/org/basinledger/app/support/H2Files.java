package org.basinledger.app.support;

import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Test contexts on the embedded default: H2 in file mode under a fresh data directory of their own. */
public final class H2Files {

    private H2Files() {
    }

    /**
     * Points a Spring test context at a fresh data directory {@code target/it-data/<dataDirPrefix><nanos>} with its H2
     * file and the tests' registrar token; answers the directory. {@code ledger.data-dir-absolute} is derived before
     * dynamic properties exist, so the database file is named here, with the same settings as application.yml.
     */
    public static Path useFreshDataDir(DynamicPropertyRegistry registry, String dataDirPrefix) {
        Path dataDir = Path.of("target", "it-data", dataDirPrefix + System.nanoTime()).toAbsolutePath();
        registry.add("ledger.data-dir", dataDir::toString);
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:file:" + dataDir.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        registry.add("ledger.registrar-token", () -> LedgerDriver.REGISTRAR_TOKEN);
        return dataDir;
    }
}
