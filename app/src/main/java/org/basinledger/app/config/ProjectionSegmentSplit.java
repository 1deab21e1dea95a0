package org.basinledger.app.config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.lifecycle.Phase;
import org.axonframework.springboot.TokenStoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives a database whose {@value AxonConfig#PROJECTIONS} processor has one segment the
 * {@code ledger.projection-segments} it is now set to, at start, before the processors start: Axon applies that
 * count only to a token store with no segments yet. Segment 0's token is copied to segments 1 to n-1 in one
 * transaction, so every segment goes on from where the one segment was (Axon derives each segment's part of the
 * events from the set of segment numbers). Done only while no live node holds segment 0 (its claim absent, this
 * node's, or older than the claim timeout): a node still running with one segment would go on handling every event
 * beside the new segments' owners. Then the log says to stop every node and start them again.
 */
@Component
public class ProjectionSegmentSplit implements ConfigurerModule {

    private static final Logger log = LoggerFactory.getLogger(ProjectionSegmentSplit.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final int segments;
    private final NodeRole role;
    private final Duration claimTimeout;

    public ProjectionSegmentSplit(JdbcTemplate jdbc, TransactionTemplate transactions,
                                  @Value("${ledger.projection-segments:1}") int segments, NodeRole role,
                                  TokenStoreProperties tokenStore) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.segments = segments;
        this.role = role;
        this.claimTimeout = tokenStore.getClaimTimeout();
    }

    @Override
    public void configureModule(Configurer configurer) {
        // just before the event processors start (they start in the phase of inbound event connectors)
        configurer.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1, this::split);
    }

    /** Splits the one segment into {@code ledger.projection-segments}, when it may; says why not otherwise. */
    void split() {
        if (segments <= 1 || !role.runsProcessors()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> {
                List<Map<String, Object>> rows = jdbc.queryForList(
                        "SELECT * FROM token_entry WHERE processor_name = ? FOR UPDATE", AxonConfig.PROJECTIONS);
                if (rows.isEmpty() || rows.size() >= segments) {
                    return; // a new database (Axon creates the segments) or split already
                }
                if (rows.size() > 1) {
                    log.info("the {} processor has {} segments and ledger.projection-segments is {}: only one segment"
                            + " is split at start (docs/operations.md, Several nodes)", AxonConfig.PROJECTIONS,
                            rows.size(), segments);
                    return;
                }
                Map<String, Object> row = rows.get(0);
                Object owner = row.get("owner");
                if (owner != null && Instant.parse((String) row.get("timestamp"))
                        .isAfter(Instant.now().minus(claimTimeout))) {
                    log.info("the {} processor keeps its one segment for now: node {} holds it. To split it into {},"
                            + " stop every node, then start them with ledger.projection-segments: {}",
                            AxonConfig.PROJECTIONS, owner, segments, segments);
                    return;
                }
                for (int segment = 1; segment < segments; segment++) {
                    jdbc.update("INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp,"
                                    + " owner) SELECT processor_name, ?, token, token_type, timestamp, NULL"
                                    + " FROM token_entry WHERE processor_name = ? AND segment = 0", segment,
                            AxonConfig.PROJECTIONS);
                }
                jdbc.update("UPDATE token_entry SET owner = NULL WHERE processor_name = ? AND segment = 0",
                        AxonConfig.PROJECTIONS);
                log.info("split the {} processor's one segment into {} (ledger.projection-segments); each goes on"
                        + " from where it was", AxonConfig.PROJECTIONS, segments);
            });
        } catch (DataIntegrityViolationException anotherNode) {
            log.info("another node split the {} processor's segment at the same time", AxonConfig.PROJECTIONS);
        }
    }
}
