package org.basinledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.basinledger.app.BasinLedgerApplication;
import org.basinledger.app.config.NodeRole.NodeRoleException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

/**
 * {@code ledger.node.role}: the three roles, and a command-only node that can only start next to other nodes on
 * PostgreSQL, with its read-model processor stood in for by a source of no events.
 */
class NodeRoleTest {

    private final NodeRoleEnvironment environment = new NodeRoleEnvironment();

    @Test
    void theRolesAndWhatEachDoes() {
        assertThat(NodeRole.of(null)).isEqualTo(NodeRole.BOTH);
        assertThat(NodeRole.of(" Command ")).isEqualTo(NodeRole.COMMAND);
        assertThat(NodeRole.of("query")).isEqualTo(NodeRole.QUERY);
        assertThat(NodeRole.COMMAND.servesReads()).isFalse();
        assertThat(NodeRole.COMMAND.runsProcessors()).isFalse();
        assertThat(NodeRole.QUERY.takesWrites()).isFalse();
        assertThat(NodeRole.QUERY.runsProcessors()).isTrue();
        assertThatThrownBy(() -> NodeRole.of("writer")).isInstanceOf(NodeRoleException.class)
                .hasMessageContaining("'writer'").hasMessageContaining("both, query or command");
    }

    @Test
    void aCommandNodeOnPostgresWithSeveralNodesRunsNoProjections() {
        MockEnvironment env = new MockEnvironment().withProperty("ledger.node.role", "command")
                .withProperty("ledger.several-nodes", "true")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/ledger");
        environment.postProcessEnvironment(env, new SpringApplication());

        assertThat(env.getProperty("axon.eventhandling.processors.projections.mode")).isEqualTo("subscribing");
        assertThat(env.getProperty("axon.eventhandling.processors.projections.source")).isEqualTo(NodeConfig.NO_EVENTS);
        assertThat(new NodeConfig().nodeRole(env)).isEqualTo(NodeRole.COMMAND);
    }

    @Test
    void otherRolesKeepTheProjectionsAsConfigured() {
        for (String role : new String[] {"both", "query"}) {
            MockEnvironment env = new MockEnvironment().withProperty("ledger.node.role", role)
                    .withProperty("axon.eventhandling.processors.projections.mode", "tracking");
            environment.postProcessEnvironment(env, new SpringApplication());
            assertThat(env.getProperty("axon.eventhandling.processors.projections.mode")).isEqualTo("tracking");
        }
    }

    @Test
    void aCommandNodeWithoutSeveralNodesOrOnH2RefusesToStartSayingWhy() {
        MockEnvironment single = new MockEnvironment().withProperty("ledger.node.role", "command")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/ledger");
        assertThatThrownBy(() -> environment.postProcessEnvironment(single, new SpringApplication()))
                .isInstanceOf(NodeRoleException.class).hasMessageContaining("ledger.several-nodes is not true")
                .hasMessageNotContaining("PostgreSQL (");
        MockEnvironment h2 = new MockEnvironment().withProperty("ledger.node.role", "command")
                .withProperty("ledger.several-nodes", "true")
                .withProperty("spring.datasource.url", "jdbc:h2:file:${ledger.data-dir-absolute}/ledger");
        assertThatThrownBy(() -> environment.postProcessEnvironment(h2, new SpringApplication()))
                .isInstanceOf(NodeRoleException.class).hasMessageContaining("the database is not PostgreSQL");
    }

    @Test
    void aCommandRoleThatArrivedAfterTheEnvironmentWasPreparedRefusesToStart() {
        MockEnvironment late = new MockEnvironment().withProperty("ledger.node.role", "command");
        assertThatThrownBy(() -> new NodeConfig().nodeRole(late)).isInstanceOf(NodeRoleException.class)
                .hasMessageContaining("would still run the read models' processor");
    }

    @Test
    void theLedgerStartedAsACommandNodeOnItsEmbeddedDatabaseFailsBeforeOpeningIt() {
        Path dataDir = Path.of("target", "it-data", "command-node-on-h2-" + System.nanoTime());
        assertThatThrownBy(() -> new SpringApplicationBuilder(BasinLedgerApplication.class).run(
                "--ledger.node.role=command", "--ledger.data-dir=" + dataDir, "--server.port=0"))
                .isInstanceOf(NodeRoleException.class)
                .hasMessageContaining("ledger.several-nodes is not true and the database is not PostgreSQL");
        assertThat(dataDir.resolve("ledger.mv.db")).as("nothing was created").doesNotExist();
    }

    @Test
    void bootFindsTheEnvironmentPostProcessorAndTheFailureAnalyzer() {
        assertThat(SpringFactoriesLoader.loadFactoryNames(EnvironmentPostProcessor.class, getClass().getClassLoader()))
                .contains(NodeRoleEnvironment.class.getName());
        assertThat(SpringFactoriesLoader.loadFactoryNames(FailureAnalyzer.class, getClass().getClassLoader()))
                .contains(NodeRoleFailureAnalyzer.class.getName());
        FailureAnalysis analysis = new NodeRoleFailureAnalyzer().analyze(new IllegalStateException("start",
                new NodeRoleException("the sentence", "what to do")));
        assertThat(analysis.getDescription()).isEqualTo("the sentence");
        assertThat(analysis.getAction()).isEqualTo("what to do");
    }
}
