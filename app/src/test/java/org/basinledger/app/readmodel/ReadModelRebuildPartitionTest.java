package org.basinledger.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.basinledger.query.compliance.ComplianceProjection;
import org.basinledger.query.dispute.DisputeProjection;
import org.basinledger.query.history.AgreementHistoryProjection;
import org.basinledger.query.registry.RegistryProjection;
import org.basinledger.query.status.AgreementStatusProjection;
import org.junit.jupiter.api.Test;

/** How a rebuild splits the projections over its threads: each one whole on one thread, the history alone. */
class ReadModelRebuildPartitionTest {

    private static final List<Class<?>> TYPES = List.of(AgreementStatusProjection.class,
            AgreementHistoryProjection.class, ComplianceProjection.class, DisputeProjection.class,
            RegistryProjection.class);

    @Test
    void oneThreadFeedsEveryProjection() {
        assertThat(ReadModelRebuild.partition(TYPES, 1)).containsExactly(TYPES);
    }

    @Test
    void theHistoryHasAThreadOfItsOwnAndTheOthersShareTheRest() {
        assertThat(ReadModelRebuild.partition(TYPES, 2)).containsExactly(
                List.of(AgreementHistoryProjection.class),
                List.of(AgreementStatusProjection.class, ComplianceProjection.class, DisputeProjection.class,
                        RegistryProjection.class));
        assertThat(ReadModelRebuild.partition(TYPES, 3)).containsExactly(
                List.of(AgreementHistoryProjection.class),
                List.of(AgreementStatusProjection.class, DisputeProjection.class),
                List.of(ComplianceProjection.class, RegistryProjection.class));
    }

    @Test
    void neverMoreThreadsThanProjections() {
        assertThat(ReadModelRebuild.partition(TYPES, 10)).hasSize(5)
                .allSatisfy(group -> assertThat(group).hasSize(1));
        assertThat(ReadModelRebuild.partition(List.of(RegistryProjection.class), 2))
                .containsExactly(List.of(RegistryProjection.class));
    }
}
