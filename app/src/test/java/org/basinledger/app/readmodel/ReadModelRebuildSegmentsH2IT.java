package org.basinledger.app.readmodel;

import org.basinledger.app.support.H2Files;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The read-model rebuild contract with the projections in four segments ({@code ledger.projection-segments}): the
 * rebuild follows the furthest segment and every segment goes on from there after the swap.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"ledger.demo=true",
        "ledger.read-models.rebuild-batch-size=50", "ledger.projection-segments=4"})
class ReadModelRebuildSegmentsH2IT extends ReadModelRebuildContract {

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        H2Files.useFreshDataDir(registry, "rebuild-segments-");
    }
}
