package org.basinledger.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresLiveUpdatesTest {

    @Test
    void eachSchemaHasAChannelOfItsOwnThatPostgresAccepts() {
        assertThat(PostgresLiveUpdates.channelFor("public")).isEqualTo("ledger_updates_public");
        assertThat(PostgresLiveUpdates.channelFor("Basin-Ledger 2")).isEqualTo("ledger_updates_basin_ledger_2");
        assertThat(PostgresLiveUpdates.channelFor("bl_test_1")).isNotEqualTo(PostgresLiveUpdates.channelFor("bl_test_2"));
        assertThat(PostgresLiveUpdates.channelFor(null)).isEqualTo("ledger_updates");
        // identifiers longer than 63 bytes are refused by pg_notify
        assertThat(PostgresLiveUpdates.channelFor("s".repeat(100))).hasSize(63);
    }
}
