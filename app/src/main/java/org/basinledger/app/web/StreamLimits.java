package org.basinledger.app.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * How many live streams (Server-Sent Events) may be open: {@code ledger.streams.per-client} per client address
 * (past it 429) and {@code ledger.streams.total} in all (past it 503), both with {@code Retry-After}. Each open
 * stream holds a request, a subscription and its buffer: without a bound, one client opening thousands ran the
 * JVM out of memory.
 */
@Component
public class StreamLimits {

    /** Seconds a refused client is asked to wait. */
    public static final int RETRY_AFTER_SECONDS = 10;

    private final int perClient;
    private final int total;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> byClient = new ConcurrentHashMap<>();

    public StreamLimits(@Value("${ledger.streams.per-client:8}") int perClient,
                        @Value("${ledger.streams.total:500}") int total) {
        this.perClient = perClient;
        this.total = total;
    }

    /** A stream that was let in; {@link #close()} it exactly once when it ends. */
    public final class Permit implements AutoCloseable {
        private final String client;
        private boolean closed;

        private Permit(String client) {
            this.client = client;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                open.decrementAndGet();
                byClient.computeIfPresent(client, (c, count) -> count.decrementAndGet() <= 0 ? null : count);
            }
        }
    }

    /** Lets a stream of the client in, or refuses it with 429 (this client) or 503 (the ledger) and Retry-After. */
    public Permit open(String client) {
        AtomicInteger[] mine = new AtomicInteger[1];
        byClient.compute(client, (c, count) -> {
            AtomicInteger current = count == null ? new AtomicInteger() : count;
            if (current.get() < perClient) {
                current.incrementAndGet();
                mine[0] = current;
            }
            return current.get() == 0 ? null : current;
        });
        if (mine[0] == null) {
            throw new TooManyStreamsException(HttpStatus.TOO_MANY_REQUESTS,
                    "this client has " + perClient + " streams open already; close one or retry later");
        }
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            byClient.computeIfPresent(client, (c, count) -> count.decrementAndGet() <= 0 ? null : count);
            throw new TooManyStreamsException(HttpStatus.SERVICE_UNAVAILABLE,
                    "the ledger has " + total + " streams open; retry later");
        }
        return new Permit(client);
    }

    /** Streams open now, in all. */
    public int open() {
        return open.get();
    }

    /** A stream refused for now: 429 or 503 with {@code Retry-After}. */
    public static final class TooManyStreamsException extends RuntimeException {
        private final HttpStatus status;

        TooManyStreamsException(HttpStatus status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public HttpStatus status() {
            return status;
        }

        public String problemType() {
            return status == HttpStatus.TOO_MANY_REQUESTS ? "too-many-streams" : "streams-unavailable";
        }
    }
}
