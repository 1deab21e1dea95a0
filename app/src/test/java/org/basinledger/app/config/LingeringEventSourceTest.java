package org.basinledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

/**
 * The integrity log's source lingers before a batch only while the log keeps up (its last batch was not full), and
 * hands on every event in the store's order.
 */
class LingeringEventSourceTest {

    private static final int BATCH = 3;
    private static final long LINGER = 7;

    /** A stream of the events added so far; waiting does not block (the test adds events between batches). */
    private static final class Events implements BlockingStream<TrackedEventMessage<?>> {
        final Deque<TrackedEventMessage<?>> available = new ArrayDeque<>();
        long next;

        void add(int count) {
            for (int i = 0; i < count; i++) {
                available.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(next),
                        GenericEventMessage.asEventMessage("event " + next)));
                next++;
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(available.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            return !available.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return available.remove();
        }

        @Override
        public void close() {
        }
    }

    private final Events events = new Events();
    private final List<Long> sleeps = new ArrayList<>();
    private final LingeringEventSource.Lingering stream =
            new LingeringEventSource.Lingering(events, LINGER, BATCH, sleeps::add);
    private final List<Object> handedOn = new ArrayList<>();

    /** What Axon's tracking processor does for one batch: wait, then take what is available up to the batch size. */
    private int batch() throws InterruptedException {
        if (!stream.hasNextAvailable(1000, TimeUnit.MILLISECONDS)) {
            return 0;
        }
        int taken = 0;
        while (taken < BATCH && stream.peek().isPresent()) {
            handedOn.add(stream.nextAvailable().getPayload());
            taken++;
        }
        return taken;
    }

    @Test
    void itLingersBeforeABatchOnlyWhileTheLastBatchWasNotFull() throws InterruptedException {
        events.add(1);
        assertThat(batch()).isEqualTo(1);
        assertThat(sleeps).containsExactly(LINGER);

        events.add(7);
        assertThat(batch()).isEqualTo(BATCH);
        assertThat(sleeps).hasSize(2);
        // behind: the last batch was full, the next is taken at once
        assertThat(batch()).isEqualTo(BATCH);
        assertThat(sleeps).hasSize(2);
        assertThat(batch()).isEqualTo(1);
        assertThat(sleeps).hasSize(2);

        // nothing available: no linger
        assertThat(batch()).isZero();
        assertThat(sleeps).hasSize(2);
        events.add(2);
        assertThat(batch()).isEqualTo(2);
        assertThat(sleeps).hasSize(3);

        // the processor's non-blocking checks never linger
        events.add(1);
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(sleeps).hasSize(3);

        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("event " + i);
        }
        assertThat(handedOn).isEqualTo(expected);
    }

    @Test
    void noLingerMeansTheStoresOwnStream() {
        assertThat(new LingeringEventSource(token -> events, Duration.ZERO, BATCH).openStream(null)).isSameAs(events);
        assertThat(new LingeringEventSource(token -> events, Duration.ofMillis(100), BATCH).openStream(null))
                .isInstanceOf(LingeringEventSource.Lingering.class);
    }
}
