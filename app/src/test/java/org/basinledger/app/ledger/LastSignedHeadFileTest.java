package org.basinledger.app.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.basinledger.app.config.LastSignedHeadFile;
import org.basinledger.query.integrity.LastSignedHead.Head;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last signed head in the data directory: one file per database, only ever growing, owner-only. */
class LastSignedHeadFileTest {

    private static final String URL = "jdbc:h2:file:/var/lib/basin/ledger";
    private static final String ROOT_A = "a".repeat(64);
    private static final String ROOT_B = "b".repeat(64);

    @TempDir
    Path dataDir;

    @Test
    void recordsOnlyLargerHeadsAndReadsThemBackAfterARestart() throws Exception {
        LastSignedHeadFile file = LastSignedHeadFile.open(dataDir, URL + ";WRITE_DELAY=0", "");
        assertThat(file.last()).isEmpty();
        file.record(new Head(10, ROOT_A));
        file.record(new Head(7, ROOT_B));
        assertThat(file.last()).contains(new Head(10, ROOT_A));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.file()))).isEqualTo("rw-------");

        // the same database with other H2 settings is the same file; another URL or schema another
        assertThat(LastSignedHeadFile.open(dataDir, URL + ";DB_CLOSE_ON_EXIT=FALSE", null).last())
                .contains(new Head(10, ROOT_A));
        assertThat(LastSignedHeadFile.open(dataDir, "jdbc:h2:file:/elsewhere/ledger", null).last()).isEmpty();
        assertThat(LastSignedHeadFile.open(dataDir, "jdbc:postgresql://db/ledger", "basin").file())
                .isNotEqualTo(LastSignedHeadFile.open(dataDir, "jdbc:postgresql://db/ledger", "other").file());

        // deleted by an operator: the check starts anew without a restart
        Files.delete(file.file());
        assertThat(file.last()).isEmpty();
    }

    @Test
    void aFileThatIsNotAHeadFailsInsteadOfBeingReplaced() throws Exception {
        LastSignedHeadFile file = LastSignedHeadFile.open(dataDir, URL, null);
        Files.writeString(file.file(), "ten " + ROOT_A + "\n");
        assertThatThrownBy(file::last).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not a last signed head");
        assertThat(Files.readString(file.file())).startsWith("ten ");
    }
}
