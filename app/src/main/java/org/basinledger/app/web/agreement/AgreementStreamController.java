package org.basinledger.app.web.agreement;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.FindAgreementStatusQuery;
import org.basinledger.api.common.Caller;
import org.basinledger.app.web.StreamLimits;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * {@code GET /api/v1/agreements/{id}/stream} (API.md): Server-Sent Events carrying the agreement's status view,
 * first as it is now and then once more after every committed change that concerns the agreement (its own
 * events and those of its assessments, transfers and disputes), fed by an Axon subscription query. Visible to
 * whoever may read the status view; an update the caller may no longer see (a party removed from a draft) ends
 * the stream. A comment every {@link #HEARTBEAT} keeps proxies from closing an idle stream and lets the server
 * notice a client that went away, which cancels the subscription.
 *
 * <p>Each event is {@code id: <version>} and {@code data: <status view JSON>}, the unnamed ("message") event
 * type, so {@code EventSource.onmessage} receives it. Updates reach subscribers of the node that processed the
 * event (Axon's in-JVM query update emitter). Open streams are bounded per client and in all ({@link StreamLimits}),
 * and a client that reads slowly gets the latest view, not a growing backlog.
 */
@RestController
@RequestMapping("/api/v1/agreements")
public class AgreementStreamController {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** Updates kept for a client that reads slowly; a status view supersedes the one before, so older ones drop. */
    static final int UPDATE_BUFFER = 16;

    /** The counter of updates dropped for clients that read too slowly (each superseded by a later view). */
    static final String DROPPED = "ledger.streams.updates.dropped";

    private final QueryGateway queries;
    private final AgreementVisibility visibility;
    private final StreamLimits limits;
    private final Counter dropped;

    public AgreementStreamController(QueryGateway queries, AgreementVisibility visibility, StreamLimits limits,
                                     MeterRegistry meters) {
        this.queries = queries;
        this.visibility = visibility;
        this.limits = limits;
        this.dropped = Counter.builder(DROPPED)
                .description("Status updates dropped for stream clients reading too slowly (a later one kept)")
                .register(meters);
    }

    @GetMapping(value = "/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<AgreementStatusView>> stream(@PathVariable String id, Caller caller,
                                                             HttpServletRequest request) {
        visibility.visible(id, caller);
        StreamLimits.Permit permit = limits.open(request.getRemoteAddr());
        SubscriptionQueryResult<AgreementStatusView, AgreementStatusView> subscription;
        try {
            subscription = queries.subscriptionQuery(FindAgreementStatusQuery.class.getName(),
                    new FindAgreementStatusQuery(id, null),
                    ResponseTypes.instanceOf(AgreementStatusView.class),
                    ResponseTypes.instanceOf(AgreementStatusView.class), UPDATE_BUFFER);
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
        Sinks.Empty<Void> ended = Sinks.empty();
        Flux<ServerSentEvent<AgreementStatusView>> views = subscription.initialResult().flux()
                // a client that does not read keeps the latest UPDATE_BUFFER updates, never a growing backlog
                .concatWith(subscription.updates().onBackpressureBuffer(UPDATE_BUFFER, superseded -> dropped.increment(),
                        BufferOverflowStrategy.DROP_OLDEST))
                .takeWhile(view -> AgreementVisibility.canSee(view, caller))
                .map(view -> ServerSentEvent.builder(view).id(Long.toString(view.version())).build())
                .doOnTerminate(ended::tryEmitEmpty);
        Flux<ServerSentEvent<AgreementStatusView>> heartbeats = Flux.interval(HEARTBEAT)
                .map(tick -> ServerSentEvent.<AgreementStatusView>builder().comment("heartbeat").build())
                .takeUntilOther(ended.asMono());
        return Flux.merge(views, heartbeats)
                .doFinally(signal -> {
                    subscription.close();
                    permit.close();
                });
    }
}
