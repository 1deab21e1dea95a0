package org.basinledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;

/** Whether the segments a node's processor holds are all of them, so it need not read the shared tokens. */
class ReadAfterWriteSegmentsTest {

    @Test
    void theRootSegmentOrEveryPartOfASplitCoversTheWholeSpace() {
        assertThat(ReadAfterWrite.covers(List.of(Segment.ROOT_SEGMENT))).isTrue();
        assertThat(ReadAfterWrite.covers(List.of(Segment.computeSegments(0, 1, 2, 3)))).isTrue();
        // segments 0 and 2 of four split once more as 1 and 3 were not: 0 (mask 3), 1 (mask 1), 2 (mask 3)
        assertThat(ReadAfterWrite.covers(List.of(Segment.computeSegments(0, 1, 2)))).isTrue();
    }

    @Test
    void somePartsOrNoneDoNot() {
        Segment[] four = Segment.computeSegments(0, 1, 2, 3);
        assertThat(ReadAfterWrite.covers(List.of(four[0], four[1], four[2]))).isFalse();
        assertThat(ReadAfterWrite.covers(List.of(four[3]))).isFalse();
        assertThat(ReadAfterWrite.covers(List.of())).isFalse();
    }
}
