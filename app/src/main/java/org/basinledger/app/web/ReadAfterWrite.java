package org.basinledger.app.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.basinledger.app.config.AxonConfig;
import org.basinledger.app.config.LedgerProperties;
import org.basinledger.app.config.NodeRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: after a command has been applied, wait until the projections processor has handled every
 * event stored so far (the store's head at that moment, its global index being the write's <em>position</em>), so
 * the answer and any read that follows reflect the write. Bounded by {@code ledger.read-after-write-timeout}: a
 * stalled projection delays answers, it never blocks them for good.
 *
 * <p>The projections processor may have several segments ({@code ledger.projection-segments}), and several nodes
 * on one database share the read models, each segment held by one node at a time: a position is reached when
 * every segment has reached it. A node whose own processor holds every segment asks that processor; otherwise
 * (some or all segments held by other nodes, or free after a node died) the segments' tokens in the shared token
 * store are read (each written in the same transaction as the read models it describes), so a position reached
 * there is in the read models every node reads ({@link #awaitPosition}, used by reads that pass
 * {@code X-Ledger-Position}). A command-only node ({@link NodeRole#COMMAND}) never holds a segment and always reads
 * the shared tokens: its writes are answered once other nodes' processors have them in the read models.
 */
@Component
public class ReadAfterWrite {

    private static final Logger log = LoggerFactory.getLogger(ReadAfterWrite.class);

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final NamedParameterJdbcTemplate jdbc;
    private final Duration timeout;

    private final Serializer serializer;
    private final boolean sharedTokensOnly;

    public ReadAfterWrite(EventStore eventStore, EventProcessingConfiguration processing,
                          NamedParameterJdbcTemplate jdbc, LedgerProperties properties,
                          @Qualifier("serializer") Serializer serializer, NodeRole role) {
        this.sharedTokensOnly = !role.runsProcessors();
        this.eventStore = eventStore;
        this.processing = processing;
        this.jdbc = jdbc;
        this.timeout = properties.readAfterWriteTimeout();
        this.serializer = serializer;
    }

    /** The global index of the last event stored so far (-1 while the store is empty): a write's position. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /**
     * Blocks until the projections include every event stored before this call, or the timeout passes.
     *
     * @return whether the projections caught up (false: the timeout passed first)
     */
    public boolean await() {
        return awaitPosition(head());
    }

    /**
     * Blocks until the read models include every event up to the global index {@code position}, or the timeout
     * passes.
     *
     * @return whether the read models reached the position (false: the timeout passed first)
     */
    public boolean awaitPosition(long position) {
        if (position < 0) {
            return true;
        }
        // tracking or pooled streaming alike; a command-only node has none and reads the shared token
        StreamingEventProcessor processor = sharedTokensOnly ? null : processing
                .eventProcessor(AxonConfig.PROJECTIONS, StreamingEventProcessor.class).orElse(null);
        if (processor == null && !sharedTokensOnly) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = TimeUnit.MICROSECONDS.toNanos(50);
        while (!caughtUp(processor, position)) {
            if (System.nanoTime() > deadline) {
                log.warn("read models did not reach position {} within {}", position, timeout);
                return false;
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(
                    processor != null && holdsEverySegment(processor) ? 2 : 20));
        }
        return true;
    }

    private boolean caughtUp(StreamingEventProcessor processor, long headIndex) {
        if (processor == null) {
            return sharedTokensReach(headIndex);
        }
        Collection<EventTrackerStatus> statuses = List.copyOf(processor.processingStatus().values());
        if (!covers(statuses.stream().map(EventTrackerStatus::getSegment).toList())) {
            // other nodes hold segments (or nobody does, after a node died): the shared tokens say how far they are
            return sharedTokensReach(headIndex);
        }
        for (EventTrackerStatus status : statuses) {
            TrackingToken position = status.getTrackingToken();
            if (status.isErrorState() || !reaches(position, headIndex)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether this node's processor holds every segment: the segments it holds cover the whole space (a segment
     * of mask {@code m} is {@code 1/(m+1)} of it), so no other node or free segment can be behind.
     */
    static boolean holdsEverySegment(StreamingEventProcessor processor) {
        return covers(processor.processingStatus().values().stream().map(EventTrackerStatus::getSegment).toList());
    }

    static boolean covers(Collection<Segment> segments) {
        long covered = 0;
        for (Segment segment : segments) {
            covered += (1L << 32) / (segment.getMask() + 1L);
        }
        return !segments.isEmpty() && covered >= 1L << 32;
    }

    private boolean reaches(TrackingToken position, long headIndex) {
        return position != null && position.position().orElse(-1) >= headIndex
                && !hasCommittedGapAtOrBelow(position, headIndex);
    }

    private boolean sharedTokensReach(long headIndex) {
        List<TrackingToken> tokens = jdbc.query(
                "select token, token_type from token_entry where processor_name = :name",
                Map.of("name", AxonConfig.PROJECTIONS), (row, n) -> {
                    // every segment's row; one without a token has processed nothing yet
                    byte[] token = row.getBytes("token");
                    String type = row.getString("token_type");
                    return token == null || type == null ? null : serializer.<byte[], TrackingToken>deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, type, null));
                });
        if (tokens.isEmpty()) {
            return false;
        }
        for (TrackingToken token : tokens) {
            if (!reaches(token, headIndex)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A gap the processor skipped is either a rolled-back insert (never filled) or a transaction that committed
     * after the processor passed it. Only the second kind means the read models are behind.
     */
    private boolean hasCommittedGapAtOrBelow(TrackingToken position, long headIndex) {
        if (!(position instanceof GapAwareTrackingToken gapAware) || gapAware.getGaps().isEmpty()) {
            return false;
        }
        var gaps = gapAware.getGaps().headSet(headIndex + 1);
        if (gaps.isEmpty()) {
            return false;
        }
        Integer filled = jdbc.queryForObject(
                "select count(*) from domain_event_entry where global_index in (:gaps)",
                java.util.Map.of("gaps", gaps), Integer.class);
        return filled != null && filled > 0;
    }
}
