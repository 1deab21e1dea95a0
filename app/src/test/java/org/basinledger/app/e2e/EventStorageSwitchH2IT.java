package org.basinledger.app.e2e;

import java.nio.file.Path;
import java.util.List;

/** {@link EventStorageSwitchContract} on an H2 file in a data directory of its own. */
class EventStorageSwitchH2IT extends EventStorageSwitchContract {

    private final Path dataDir = Path.of("target", "it-data", "engine-switch-" + System.nanoTime());

    @Override
    List<String> databaseArguments() {
        return List.of("--ledger.data-dir=" + dataDir);
    }
}
