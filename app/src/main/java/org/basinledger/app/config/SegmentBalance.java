package org.basinledger.app.config;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.springboot.TokenStoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Spreads the segments of the {@value AxonConfig#PROJECTIONS} processor over the nodes ({@code ledger.several-nodes:
 * true}). Axon's tracking processor claims every free segment it has a thread for, so the node that starts first
 * would hold them all. Every second each node that runs the processor records itself in {@code processor_node}, counts
 * the nodes seen within the token claim timeout, and releases the segments it holds beyond its share (the segments
 * divided by the nodes, rounded up) for that long; the other nodes' idle threads claim them within their token
 * claim interval. A node that dies renews nothing: its row stops counting, its claims expire after the claim
 * timeout, and the survivors, whose share has grown, claim its segments.
 *
 * <p>The integrity log has one segment and is not balanced: whichever node claims it first keeps it until it stops
 * or dies.
 */
@Component
@ConditionalOnProperty(name = "ledger.several-nodes", havingValue = "true")
public class SegmentBalance {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalance.class);
    private static final Duration EVERY = Duration.ofSeconds(1);
    /** Rows of nodes not seen for this long are deleted (a killed node never deletes its own). */
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final String node;
    private final Duration claimTimeout;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "segment-balance");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean recorded;
    private long ticks;

    public SegmentBalance(EventProcessingConfiguration processing, JdbcTemplate jdbc, NodeConfig.NodeName node,
                          TokenStoreProperties tokenStore) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.node = node.value();
        this.claimTimeout = tokenStore.getClaimTimeout();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.scheduleWithFixedDelay(this::balanceSafely, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void balanceSafely() {
        try {
            balance();
        } catch (RuntimeException e) {
            log.info("could not balance the projections' segments this time: {}", e.toString());
        }
    }

    /** One round: record this node, then release what it holds beyond its share. */
    void balance() {
        TrackingEventProcessor processor = processing
                .eventProcessor(AxonConfig.PROJECTIONS, TrackingEventProcessor.class).orElse(null);
        if (processor == null || !processor.isRunning()) {
            return; // a node that does not run the read models (or has them paused) takes no share
        }
        Instant now = Instant.now();
        if (jdbc.update("UPDATE processor_node SET seen_at = ? WHERE node_id = ?", now.atOffset(ZoneOffset.UTC), node)
                == 0) {
            jdbc.update("INSERT INTO processor_node (node_id, seen_at) VALUES (?, ?)", node, now.atOffset(ZoneOffset.UTC));
        }
        recorded = true;
        if (ticks++ % 600 == 0) {
            jdbc.update("DELETE FROM processor_node WHERE seen_at < ?", now.minus(FORGET_AFTER).atOffset(ZoneOffset.UTC));
        }
        Integer nodes = jdbc.queryForObject("SELECT COUNT(*) FROM processor_node WHERE seen_at > ?", Integer.class,
                now.minus(claimTimeout).atOffset(ZoneOffset.UTC));
        Integer segments = jdbc.queryForObject("SELECT COUNT(*) FROM token_entry WHERE processor_name = ?",
                Integer.class, AxonConfig.PROJECTIONS);
        List<Integer> held = processor.processingStatus().keySet().stream().sorted().toList();
        int share = share(segments == null ? 0 : segments, nodes == null ? 1 : nodes);
        for (int i = share; i < held.size(); i++) {
            int segment = held.get(held.size() - 1 - (i - share));
            log.info("releasing segment {} of {} for another node ({} nodes, {} segments: {} each at most)", segment,
                    AxonConfig.PROJECTIONS, nodes, segments, share);
            processor.releaseSegment(segment, claimTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The most segments one node holds: all of them alone, else its part rounded up. */
    static int share(int segments, int nodes) {
        return nodes <= 1 ? Math.max(segments, 1) : Math.max(1, (segments + nodes - 1) / nodes);
    }

    @PreDestroy
    void stop() {
        // no interrupt: a round finishes its statements (an interrupted JDBC call can break the connection)
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (recorded) {
            try {
                jdbc.update("DELETE FROM processor_node WHERE node_id = ?", node);
            } catch (RuntimeException e) {
                log.info("could not remove this node from processor_node: {}", e.toString());
            }
        }
    }
}
