package org.basinledger.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A command-only node ({@code ledger.node.role: command}) is checked and set up before anything starts.
 *
 * <p>It runs no read-model processor, so other nodes on the same database must keep the read models: the role
 * needs {@code ledger.several-nodes: true} and a PostgreSQL data source, and refuses to start otherwise (H2 is one
 * process's file; a lone command node would answer every write {@code 202} after the read-after-write bound).
 *
 * <p>The projections' processor is set by Axon's properties ({@code axon.eventhandling.processors.projections}
 * in {@code application.yml}); on a command node this source, ahead of every other, makes it a subscribing
 * processor fed by {@link NodeConfig#NO_EVENTS}, a source that delivers nothing: the projection handlers are
 * registered as on every node (their query handlers read the shared read models, from which a write's answer is
 * made), but no event reaches them and no segment is claimed in {@code token_entry}. The role must therefore be set before the application
 * starts (command line, environment, configuration files); {@link NodeConfig#nodeRole} refuses a role that
 * arrived later.
 */
public class NodeRoleEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE = "ledgerCommandOnlyNode";
    static final String PROJECTIONS_MODE = "axon.eventhandling.processors.projections.mode";
    static final String PROJECTIONS_SOURCE = "axon.eventhandling.processors.projections.source";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        NodeRole role = NodeRole.of(environment.getProperty(NodeRole.PROPERTY));
        if (role != NodeRole.COMMAND) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (!Boolean.parseBoolean(environment.getProperty("ledger.several-nodes", "false"))) {
            missing.add("ledger.several-nodes is not true");
        }
        String url = dataSourceUrl(environment);
        if (!url.startsWith("jdbc:postgresql:")) {
            missing.add("the database is not PostgreSQL (spring.datasource.url "
                    + (url.isEmpty() ? "is the embedded H2 file" : url.startsWith("jdbc:h2:") ? "is H2" : "is " + url)
                    + ")");
        }
        if (!missing.isEmpty()) {
            throw new NodeRole.NodeRoleException("ledger.node.role is command, but " + String.join(" and ", missing)
                    + ": a command-only node runs no read-model processor and needs other nodes (role both or query)"
                    + " keeping the read models in the same PostgreSQL database.",
                    "Start it with the postgres profile (or spring.datasource.url=jdbc:postgresql:...) and"
                            + " --ledger.several-nodes=true next to a node of role both or query, or leave"
                            + " ledger.node.role at both.");
        }
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, Map.of(
                PROJECTIONS_MODE, "subscribing",
                PROJECTIONS_SOURCE, NodeConfig.NO_EVENTS)));
    }

    private static String dataSourceUrl(ConfigurableEnvironment environment) {
        try {
            return environment.getProperty("spring.datasource.url", "").strip();
        } catch (IllegalArgumentException unresolved) {
            // the embedded H2 URL names ${ledger.data-dir-absolute}, which may not be published yet
            return "";
        }
    }
}
