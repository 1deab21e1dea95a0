package org.basinledger.query.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.basinledger.api.common.Actor;

/** Event messages as Axon delivers them to the projections, and an ObjectMapper configured as Spring Boot's. */
public final class Events {

    public static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    private Events() {
    }

    /**
     * The app's ObjectMapper as far as it matters here (Spring Boot defaults plus app's JacksonConfig): java.time
     * as ISO strings, unknown properties ignored, decimals written as strings.
     */
    public static ObjectMapper objectMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        mapper.configOverride(BigDecimal.class).setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING));
        return mapper;
    }

    /** T0 plus the given minutes. */
    public static Instant at(long minutes) {
        return T0.plusSeconds(minutes * 60);
    }

    /** An event of an aggregate, caused by a jurisdiction's request (the registrar's when null). */
    public static DomainEventMessage<Object> domain(String aggregateType, String aggregateId, long sequence,
                                                    Object payload, Instant timestamp, String actorJurisdiction) {
        Map<String, String> metaData = new HashMap<>();
        metaData.put(Actor.ACTOR, actorJurisdiction == null ? "registrar" : "jurisdiction:" + actorJurisdiction);
        if (actorJurisdiction != null) {
            metaData.put(Actor.ACTOR_JURISDICTION, actorJurisdiction);
        }
        metaData.put(Actor.REQUEST_ID, "req-" + aggregateId + "-" + sequence);
        metaData.put("correlationId", "corr-" + aggregateId + "-" + sequence);
        return new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload, metaData,
                "evt-" + aggregateType + "-" + aggregateId + "-" + sequence, timestamp);
    }

    /** An event of the Agreement aggregate. */
    public static DomainEventMessage<Object> agreement(String agreementId, long sequence, Object payload,
                                                       Instant timestamp) {
        return domain("Agreement", agreementId, sequence, payload, timestamp, "CN-ZJ-HZ");
    }

    /** An event of the CompensationTransfer aggregate, caused by a jurisdiction's request. */
    public static DomainEventMessage<Object> transfer(String transferId, long sequence, Object payload,
                                                      Instant timestamp) {
        return domain("CompensationTransfer", transferId, sequence, payload, timestamp, "CN-ZJ-HZ");
    }

    /** An event of the Dispute aggregate, caused by a jurisdiction's request (the registrar's when null). */
    public static DomainEventMessage<Object> dispute(String disputeId, long sequence, Object payload,
                                                     Instant timestamp, String actorJurisdiction) {
        return domain("Dispute", disputeId, sequence, payload, timestamp, actorJurisdiction);
    }

    /** An event published outside any aggregate. */
    public static EventMessage<Object> plain(Object payload, Instant timestamp) {
        return new GenericEventMessage<>(new GenericMessage<>(payload), () -> timestamp);
    }
}
