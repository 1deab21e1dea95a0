package org.basinledger.importer;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The importer's journal: one line {@code <agreementId> <reportKey>} for each report the ledger has confirmed
 * (recorded now or before), appended and forced to disk after each answered batch. A run started again with the
 * same state file skips those reports. It only saves time: the report keys make the ledger itself refuse to record a
 * report twice, so a lost or deleted state file costs a re-send, never a duplicate.
 */
final class ImportState implements AutoCloseable {

    private final Set<String> done = new HashSet<>();
    private final FileOutputStream out;

    ImportState(Path file) throws IOException {
        if (Files.exists(file)) {
            byte[] bytes = Files.readAllBytes(file);
            int whole = bytes.length;
            while (whole > 0 && bytes[whole - 1] != '\n') {
                whole--;
            }
            if (whole < bytes.length) {
                // the end of a line cut by a kill: dropped (that report is sent again, and answered UNCHANGED)
                try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                    channel.truncate(whole);
                }
            }
            for (String line : new String(bytes, 0, whole, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    done.add(line);
                }
            }
        } else if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        this.out = new FileOutputStream(file.toFile(), true);
    }

    static String entry(String agreementId, String reportKey) {
        return agreementId + " " + reportKey;
    }

    synchronized boolean isDone(String agreementId, String reportKey) {
        return done.contains(entry(agreementId, reportKey));
    }

    synchronized int size() {
        return done.size();
    }

    /** Records reports the ledger confirmed; on disk when this returns. */
    synchronized void confirm(String agreementId, Collection<String> reportKeys) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (String key : reportKeys) {
            String entry = entry(agreementId, key);
            if (done.add(entry)) {
                lines.append(entry).append('\n');
            }
        }
        out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        out.getFD().sync();
    }

    List<String> entries() {
        return List.copyOf(done);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
