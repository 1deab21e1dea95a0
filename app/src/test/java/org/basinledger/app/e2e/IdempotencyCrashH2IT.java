package org.basinledger.app.e2e;

import java.nio.file.Path;
import java.util.List;

/**
 * The crash contract on the embedded default, H2 in file mode. The child writes each commit to the file at once
 * ({@code WRITE_DELAY=0}): a commit H2 had not yet written would be lost with the halt and prove nothing here
 * (the durability of the embedded default is part 1 of issue 9).
 */
class IdempotencyCrashH2IT extends IdempotencyCrashContract {

    @Override
    List<String> database(Path dataDir) {
        return List.of("--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("ledger")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    }
}
