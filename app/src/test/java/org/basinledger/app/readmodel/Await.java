package org.basinledger.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polling for the rebuild tests: what happens in the background (a rebuild, the projections) within a patience. */
final class Await {

    static final Duration PATIENCE = Duration.ofSeconds(120);

    private Await() {
    }

    /** The first non-null answer, asked every 50 ms; fails after {@link #PATIENCE}. */
    static <T> T until(Supplier<T> answer) {
        Instant until = Instant.now().plus(PATIENCE);
        while (true) {
            T value = answer.get();
            if (value != null) {
                return value;
            }
            assertThat(Instant.now()).as("waited %s", PATIENCE).isBefore(until);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
