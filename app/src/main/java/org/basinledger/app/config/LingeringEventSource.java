package org.basinledger.app.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as a tracking processor's source, with a linger: when the processor's last batch was smaller than
 * its batch size (it is keeping up with the commands, one small batch per group commit), the stream waits
 * {@code linger} after an event becomes available before the processor takes its next batch, so that the batch
 * takes what the next commits add too. A processor that is behind (its last batch full) takes the next one at once.
 *
 * <p>For the integrity log ({@link IntegrityConfig}): most of its cost is per batch (a transaction and its commit,
 * the token, the log's size and edge, a signed head), and nobody waits for it (answers wait for the projections
 * only), so fewer, larger batches cost less CPU for the same events; a leaf and its head appear up to
 * {@code linger} later. Nothing is skipped or reordered: the stream hands on the store's events as they are.
 */
final class LingeringEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final Duration linger;
    private final int batchSize;

    LingeringEventSource(StreamableMessageSource<TrackedEventMessage<?>> store, Duration linger, int batchSize) {
        this.store = store;
        this.linger = linger;
        this.batchSize = batchSize;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        BlockingStream<TrackedEventMessage<?>> stream = store.openStream(trackingToken);
        return linger.isZero() || linger.isNegative() ? stream
                : new Lingering(stream, linger.toNanos(), batchSize, TimeUnit.NANOSECONDS::sleep);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    /** How the stream waits: {@code Thread.sleep} but for tests. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    /**
     * Axon's tracking processor waits for its next batch with {@link #hasNextAvailable(int, TimeUnit)} (a timeout,
     * again while the events it gets are not its own; the integrity log handles every event), then adds the events
     * {@link #peek()} shows available to the batch: the events taken between two waits are a batch.
     */
    static final class Lingering implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private final long lingerNanos;
        private final int batchSize;
        private final Sleeper sleeper;
        private int takenSinceWait;

        Lingering(BlockingStream<TrackedEventMessage<?>> stream, long lingerNanos, int batchSize, Sleeper sleeper) {
            this.stream = stream;
            this.lingerNanos = lingerNanos;
            this.batchSize = batchSize;
            this.sleeper = sleeper;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (timeout <= 0) {
                return stream.hasNextAvailable(timeout, unit);
            }
            boolean lastBatchFull = takenSinceWait >= batchSize;
            takenSinceWait = 0;
            boolean available = stream.hasNextAvailable(timeout, unit);
            if (available && !lastBatchFull) {
                sleeper.sleep(lingerNanos);
            }
            return available;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> next = stream.nextAvailable();
            takenSinceWait++;
            return next;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public void close() {
            stream.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }
    }
}
