package org.basinledger.app.web.incident;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.basinledger.api.common.Caller;
import org.basinledger.api.incident.IncidentChange;
import org.basinledger.api.incident.IncidentList;
import org.basinledger.api.incident.WatchIncidentsQuery;
import org.basinledger.app.live.IncidentStreamResets;
import org.basinledger.app.web.StreamLimits;
import org.basinledger.app.web.agreement.AgreementVisibility;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * {@code GET /api/v1/incidents/stream} (API.md, public): Server-Sent Events of the incidents, of one agreement with
 * {@code ?agreementId=}. First an {@code open-incidents} event with the open incidents now (an incident list), then
 * one event per change, named by what happened ({@code raised}, {@code updated}, {@code level-changed},
 * {@code acknowledged}, {@code missed}, {@code closed}), {@code id: <incident id>:<version>}, carrying an
 * {@link IncidentChange} (the incident as it is after the change). Fed by an Axon subscription query after the
 * projections commit, so a reader that fetches the incident on an event finds what it announced. A comment every
 * {@link #HEARTBEAT} keeps proxies from closing an idle stream. Open streams are bounded per client and in all
 * ({@link StreamLimits}); a client that reads too slowly loses the oldest changes beyond {@link #UPDATE_BUFFER}
 * (counted), never the stream. With several nodes the stream also carries the changes other nodes made (see
 * {@link IncidentStreamResets} for when it ends so that its client reconnects).
 */
@RestController
@RequestMapping("/api/v1/incidents")
public class IncidentStreamController {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    static final int UPDATE_BUFFER = 256;
    static final String DROPPED = "ledger.streams.incident-changes.dropped";
    /** The name of the first event: the open incidents when the stream opened. */
    public static final String OPEN_INCIDENTS = "open-incidents";

    private final QueryGateway queries;
    private final AgreementVisibility visibility;
    private final StreamLimits limits;
    private final IncidentStreamResets resets;
    private final Counter dropped;

    public IncidentStreamController(QueryGateway queries, AgreementVisibility visibility, StreamLimits limits,
                                    IncidentStreamResets resets, MeterRegistry meters) {
        this.queries = queries;
        this.visibility = visibility;
        this.limits = limits;
        this.resets = resets;
        this.dropped = Counter.builder(DROPPED)
                .description("Incident changes dropped for stream clients reading too slowly")
                .register(meters);
    }

    @GetMapping(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Object>> stream(@RequestParam(required = false) String agreementId, Caller caller,
                                                HttpServletRequest request) {
        if (agreementId != null && agreementId.isBlank()) {
            agreementId = null; // ?agreementId= with nothing: every agreement's
        }
        if (agreementId != null) {
            visibility.withDetails(agreementId, caller);
        }
        StreamLimits.Permit permit = limits.open(request.getRemoteAddr());
        SubscriptionQueryResult<IncidentList, IncidentChange> subscription;
        try {
            subscription = queries.subscriptionQuery(WatchIncidentsQuery.class.getName(), new WatchIncidentsQuery(agreementId),
                    ResponseTypes.instanceOf(IncidentList.class), ResponseTypes.instanceOf(IncidentChange.class),
                    UPDATE_BUFFER);
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
        Sinks.Empty<Void> ended = Sinks.empty();
        Flux<ServerSentEvent<Object>> initial = subscription.initialResult().flux()
                .map(list -> ServerSentEvent.<Object>builder(list).event(OPEN_INCIDENTS).build());
        Flux<ServerSentEvent<Object>> changes = subscription.updates()
                .onBackpressureBuffer(UPDATE_BUFFER, lost -> dropped.increment(), BufferOverflowStrategy.DROP_OLDEST)
                .map(change -> ServerSentEvent.<Object>builder(change).event(change.kind().eventName())
                        .id(change.incidentId() + ":" + (change.incident() == null ? "" : change.incident().version()))
                        .build());
        Flux<ServerSentEvent<Object>> events = initial.concatWith(changes).takeUntilOther(resets.next())
                .doOnTerminate(ended::tryEmitEmpty);
        Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(HEARTBEAT)
                .map(tick -> ServerSentEvent.builder().comment("heartbeat").build())
                .takeUntilOther(ended.asMono());
        return Flux.merge(events, heartbeats)
                .doFinally(signal -> {
                    subscription.close();
                    permit.close();
                });
    }
}
