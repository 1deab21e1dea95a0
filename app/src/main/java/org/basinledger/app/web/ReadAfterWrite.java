package org.basinledger.app.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.basinledger.app.config.AxonConfig;
import org.basinledger.app.config.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes on one node: after a command has been applied, wait until the projections processor has
 * handled every event stored so far (the store's head at that moment), so the answer and any read that
 * follows reflect the write. Bounded by {@code ledger.read-after-write-timeout}: a stalled projection delays
 * answers, it never blocks them for good.
 */
@Component
public class ReadAfterWrite {

    private static final Logger log = LoggerFactory.getLogger(ReadAfterWrite.class);

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final NamedParameterJdbcTemplate jdbc;
    private final Duration timeout;

    public ReadAfterWrite(EventStore eventStore, EventProcessingConfiguration processing,
                          NamedParameterJdbcTemplate jdbc, LedgerProperties properties) {
        this.eventStore = eventStore;
        this.processing = processing;
        this.jdbc = jdbc;
        this.timeout = properties.readAfterWriteTimeout();
    }

    /**
     * Blocks until the projections include every event stored before this call, or the timeout passes.
     *
     * @return whether the projections caught up (false: the timeout passed first)
     */
    public boolean await() {
        TrackingToken head = eventStore.createHeadToken();
        if (head == null) {
            return true;
        }
        TrackingEventProcessor processor = processing
                .eventProcessor(AxonConfig.PROJECTIONS, TrackingEventProcessor.class).orElse(null);
        if (processor == null) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = TimeUnit.MICROSECONDS.toNanos(50);
        while (!caughtUp(processor, head)) {
            if (System.nanoTime() > deadline) {
                log.warn("read models did not reach {} within {}", head, timeout);
                return false;
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(2));
        }
        return true;
    }

    private boolean caughtUp(TrackingEventProcessor processor, TrackingToken head) {
        var statuses = processor.processingStatus().values();
        if (statuses.isEmpty()) {
            return false;
        }
        long headIndex = head.position().orElse(-1);
        for (EventTrackerStatus status : statuses) {
            TrackingToken position = status.getTrackingToken();
            if (status.isErrorState() || position == null || position.position().orElse(-1) < headIndex
                    || hasCommittedGapAtOrBelow(position, headIndex)) {
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
