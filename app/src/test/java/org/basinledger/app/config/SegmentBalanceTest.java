package org.basinledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SegmentBalanceTest {

    @Test
    void aNodeAloneHoldsEverySegmentAndOthersShareThemRoundedUp() {
        assertThat(SegmentBalance.share(4, 1)).isEqualTo(4);
        assertThat(SegmentBalance.share(4, 0)).as("not yet seen itself").isEqualTo(4);
        assertThat(SegmentBalance.share(4, 2)).isEqualTo(2);
        assertThat(SegmentBalance.share(4, 3)).isEqualTo(2);
        assertThat(SegmentBalance.share(4, 8)).as("at least one each").isEqualTo(1);
        assertThat(SegmentBalance.share(1, 2)).isEqualTo(1);
    }
}
