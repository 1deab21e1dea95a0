package org.basinledger.app.config;

import java.lang.management.ManagementFactory;
import java.util.UUID;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.config.SubscribableMessageSourceDefinition;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.messaging.SubscribableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The node's name in the shared token store. Axon names a node by its process ({@code pid@host}) by default: two
 * nodes that share that name (two application contexts in one JVM, two containers that both run as pid 1 on
 * hosts of one name) would both hold a processor's segment at once, and process its events twice (the read models
 * and the integrity log refuse that, and stall). Each node is therefore {@code ledger.node-id}, or else its
 * process name with a suffix drawn at start.
 *
 * <p>Also the node's role ({@code ledger.node.role}, {@link NodeRole}) and the event source a command-only node
 * gives the processors it does not run ({@link #NO_EVENTS}).
 */
@Configuration(proxyBeanMethods = false)
public class NodeConfig {

    /** The bean name of an event source that delivers nothing: a command-only node's processors read it. */
    public static final String NO_EVENTS = "noEvents";

    private static final Logger log = LoggerFactory.getLogger(NodeConfig.class);

    /**
     * The node's role. A command-only role is set up before the application starts ({@link NodeRoleEnvironment});
     * one that arrived later (a test's dynamic properties) would leave the projections running here, so it
     * refuses to start.
     */
    @Bean
    NodeRole nodeRole(Environment environment) {
        NodeRole role = NodeRole.of(environment.getProperty(NodeRole.PROPERTY));
        if (role == NodeRole.COMMAND && !NodeConfig.NO_EVENTS.equals(
                environment.getProperty(NodeRoleEnvironment.PROJECTIONS_SOURCE))) {
            throw new NodeRole.NodeRoleException("ledger.node.role: command was set after the application"
                    + " started preparing its environment, so the node would still run the read models' processor.",
                    "Set ledger.node.role on the command line, in the environment or in a configuration file.");
        }
        if (role != NodeRole.BOTH) {
            log.info("this node's role is {}: {}", role.setting(), role == NodeRole.QUERY
                    ? "reads and the event processors; writes are refused (421)"
                    : "writes only; no read-model processor or integrity-log writer here, reads are refused (421)");
        }
        return role;
    }

    /**
     * Delivers no event: the source of the processors a command-only node keeps idle. A definition, not a message
     * source, so that it is not a second candidate where the event store is injected by type.
     */
    @Bean(NO_EVENTS)
    SubscribableMessageSourceDefinition<EventMessage<?>> noEvents() {
        return configuration -> NOTHING;
    }

    /** The source behind {@link #NO_EVENTS}: it takes subscribers and never calls them. */
    static final SubscribableMessageSource<EventMessage<?>> NOTHING = handlers -> () -> true;

    /** This node's name in the token store ({@code token_entry.owner}) and in {@code processor_node}. */
    public record NodeName(String value) {
    }

    @Bean
    NodeName nodeName(@Value("${ledger.node-id:}") String nodeId, NodeRole role) {
        String node = nodeId == null || nodeId.isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8)
                : nodeId.strip();
        if (role.runsProcessors()) {
            log.info("this node claims event processor segments as {}", node);
        } else {
            log.info("this node ({}) claims no event processor segment (ledger.node.role: command)", node);
        }
        return new NodeName(node);
    }

    @Bean
    TokenStore tokenStore(Serializer serializer, EntityManagerProvider entityManagerProvider,
                          TokenStoreProperties properties, NodeName node) {
        return JpaTokenStore.builder().entityManagerProvider(entityManagerProvider).serializer(serializer)
                .claimTimeout(properties.getClaimTimeout()).nodeId(node.value()).build();
    }
}
