package org.basinledger.app.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;

/** The crash test on the embedded default: H2 in file mode, with the jar's own database settings. */
class CrashH2IT extends CrashContract {

    @Override
    List<String> databaseArgs(Path dataDir) {
        return List.of();
    }

    @Override
    long storedEvents(Path dataDir) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("ledger"), "sa", "");
             ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM domain_event_entry")) {
            count.next();
            return count.getLong(1);
        }
    }
}
