package org.basinledger.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import org.basinledger.api.agreement.AgreementTerminatedEvent;
import org.basinledger.api.transfer.TransferAcknowledgedEvent;
import org.junit.jupiter.api.Test;

/** How a rebuild splits the events over its threads: by the projections' sequences, as the live segments do. */
class ReadModelRebuildPartitionTest {

    @Test
    void oneThreadAppliesEveryEvent() {
        assertThat(ReadModelRebuild.groupOf(new AgreementTerminatedEvent("AG-1", "CN-A", "r"), 1)).isZero();
        assertThat(ReadModelRebuild.groupOf("not an agreement's", 1)).isZero();
    }

    @Test
    void everyEventOfAnAgreementGoesToOneThreadWhicheverAggregatePublishedIt() {
        for (int threads = 2; threads <= 4; threads++) {
            for (int a = 0; a < 50; a++) {
                String id = "AG-" + a;
                int group = ReadModelRebuild.groupOf(new AgreementTerminatedEvent(id, "CN-A", "r"), threads);
                assertThat(group).isBetween(0, threads - 1);
                assertThat(ReadModelRebuild.groupOf(new TransferAcknowledgedEvent("TR-" + a, id, "CN-B"), threads))
                        .isEqualTo(group);
            }
        }
    }

    @Test
    void theAgreementsAreSpreadOverTheThreads() {
        Set<Integer> used = new HashSet<>();
        IntStream.range(0, 50).forEach(a -> used.add(
                ReadModelRebuild.groupOf(new AgreementTerminatedEvent("AG-" + a, "CN-A", "r"), 3)));
        assertThat(used).containsExactlyInAnyOrder(0, 1, 2);
    }
}
