package org.basinledger.app.config;

import java.lang.management.ManagementFactory;
import java.util.UUID;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node's name in the shared token store. Axon names a node by its process ({@code pid@host}) by default: two
 * nodes that share that name (two application contexts in one JVM, two containers that both run as pid 1 on
 * hosts of one name) would both hold a processor's segment at once, and process its events twice (the read models
 * and the integrity log refuse that, and stall). Each node is therefore {@code ledger.node-id}, or else its
 * process name with a suffix drawn at start.
 */
@Configuration(proxyBeanMethods = false)
public class NodeConfig {

    private static final Logger log = LoggerFactory.getLogger(NodeConfig.class);

    @Bean
    TokenStore tokenStore(Serializer serializer, EntityManagerProvider entityManagerProvider,
                          TokenStoreProperties properties, @Value("${ledger.node-id:}") String nodeId) {
        String node = nodeId == null || nodeId.isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8)
                : nodeId.strip();
        log.info("this node claims event processor segments as {}", node);
        return JpaTokenStore.builder().entityManagerProvider(entityManagerProvider).serializer(serializer)
                .claimTimeout(properties.getClaimTimeout()).nodeId(node).build();
    }
}
