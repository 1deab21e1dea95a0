package org.basinledger.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.basinledger.api.ledger.Rfc6962;
import org.junit.jupiter.api.Test;

class MerkleAccumulatorTest {

    @Test
    void streamsTheSameRootAsRfc6962ForEverySize() {
        MerkleAccumulator accumulator = new MerkleAccumulator();
        List<byte[]> leaves = new ArrayList<>();
        assertThat(accumulator.root()).isEqualTo(Rfc6962.emptyRoot());
        for (int i = 0; i < 300; i++) {
            byte[] leaf = Rfc6962.leafHash(ByteBuffer.allocate(4).putInt(i).array());
            leaves.add(leaf);
            accumulator.add(leaf);
            assertThat(accumulator.size()).isEqualTo(i + 1);
            assertThat(accumulator.root()).as("size %d", i + 1).isEqualTo(Rfc6962.root(leaves));
        }
    }
}
