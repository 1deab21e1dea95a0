package org.basinledger.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file survives being cut in the middle of a line, as a kill may leave it. */
class ImportStateTest {

    @TempDir
    Path dir;

    @Test
    void confirmedReportsAreSkippedOnTheNextRunAndACutLineIsDropped() throws Exception {
        Path file = dir.resolve("state");
        try (ImportState state = new ImportState(file)) {
            state.confirm("A1", List.of("S/2025-01", "S/2025-02"));
        }
        Files.writeString(file, "A1 S/2025-0", java.nio.file.StandardOpenOption.APPEND);

        try (ImportState state = new ImportState(file)) {
            assertThat(state.isDone("A1", "S/2025-01")).isTrue();
            assertThat(state.isDone("A1", "S/2025-0")).isFalse();
            assertThat(state.size()).isEqualTo(2);
            state.confirm("A1", List.of("S/2025-03"));
        }
        assertThat(Files.readAllLines(file)).containsExactly("A1 S/2025-01", "A1 S/2025-02", "A1 S/2025-03");
    }

    @Test
    void theProgressLineShowsRateAndEta() {
        String line = ProgressBar.line(0.25, 11_000, 61, 1_000_000_000L);
        assertThat(line).startsWith("[########......................]  25%")
                .contains("11,000 samples", "61 reports", "11,000 samples/s", "ETA 0m03s");
    }
}
