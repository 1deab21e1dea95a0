package org.basinledger.app.live;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Ends this node's incident streams when it may have missed changes another node announced (its live-update
 * listener connected again, see {@link PostgresLiveUpdates}): an incident stream cannot tell which changes it missed,
 * so it ends, and its client reconnects (as {@code EventSource} does by itself) and starts again from the open
 * incidents. The stream ends on its own side, which closes its subscription query the usual way.
 */
@Component
public class IncidentStreamResets {

    private final Sinks.Many<Boolean> resets = Sinks.many().multicast().directBestEffort();

    /** Ends every incident stream open now. */
    public synchronized void reset() {
        resets.tryEmitNext(Boolean.TRUE);
    }

    /** Completes at the next {@link #reset()}. */
    public Mono<Boolean> next() {
        return resets.asFlux().next();
    }
}
