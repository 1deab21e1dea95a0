package org.basinledger.query.history;

import static org.basinledger.query.support.EventMessages.instant;
import static org.basinledger.query.support.EventMessages.metaData;
import static org.basinledger.query.support.EventMessages.sqlTime;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.basinledger.api.agreement.AgreementEvent;
import org.basinledger.api.agreement.AgreementHistoryPage;
import org.basinledger.api.agreement.FindAgreementHistoryQuery;
import org.basinledger.api.common.Actor;
import org.basinledger.api.common.LedgerSteps;
import org.basinledger.query.support.Projections;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every event that concerns an agreement ({@link AgreementEvent}, whichever aggregate published it), in the
 * table {@code agreement_history}, numbered per agreement from 1 without gaps in the order the processor
 * handled them. The event id is unique: a redelivered event is recognised and stored once.
 *
 * <p>The processor ({@link Projections#PROCESSING_GROUP}) has one thread and one segment: it is the only writer of
 * the table, which lets the projection keep each agreement's next sequence in memory.
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
public class AgreementHistoryProjection {

    /** Page size when the query asks for none. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page a history query answers. */
    public static final int MAX_LIMIT = 500;
    /** {@code aggregateSequence} of an entry whose event was not published by an aggregate. */
    public static final long NO_AGGREGATE_SEQUENCE = -1;
    /** Metadata key of the correlation id, as Axon's {@code MessageOriginProvider} writes it. */
    static final String CORRELATION_ID = "correlationId";

    /** The most agreements whose next sequence is kept in memory; a forgotten one is read from the table again. */
    static final int MAX_REMEMBERED_AGREEMENTS = 10_000;
    private static final String ROLLBACK_HOOK = AgreementHistoryProjection.class.getName() + ".rollbackHook";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    /**
     * The next sequence per agreement (least recently used dropped first), so that an event costs one statement,
     * not a MAX query before its insert. Only the processor's thread writes the table, so this stays right for
     * the processor's lifetime; it is cleared when a batch rolls back and on a reset. Should it ever be stale
     * (another node had the segment in between), the insert violates the primary key, the batch rolls back,
     * this is cleared and the retry numbers from the table.
     */
    private final Map<String, Long> nextSequences = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                    return size() > MAX_REMEMBERED_AGREEMENTS;
                }
            });

    public AgreementHistoryProjection(NamedParameterJdbcTemplate jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
    }

    @EventHandler
    void on(AgreementEvent event, EventMessage<?> message) {
        forgetSequencesIfRolledBack();
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("agreementId", event.agreementId())
                .addValue("eventId", message.getIdentifier())
                .addValue("type", typeName(event))
                .addValue("aggregateType", null, Types.VARCHAR)
                .addValue("aggregateId", null, Types.VARCHAR)
                .addValue("aggregateSequence", null, Types.BIGINT)
                .addValue("occurredAt", sqlTime(message.getTimestamp()))
                // the ledger's own steps are the ledger's, also those stored before they were attributed so
                .addValue("actor", LedgerSteps.isLedgerStep(event) ? Actor.LEDGER : metaData(message, Actor.ACTOR))
                .addValue("actorJurisdiction", LedgerSteps.isLedgerStep(event) ? null
                        : metaData(message, Actor.ACTOR_JURISDICTION), Types.VARCHAR)
                .addValue("requestId", metaData(message, Actor.REQUEST_ID))
                .addValue("correlationId", metaData(message, CORRELATION_ID))
                .addValue("payload", json(event));
        if (message instanceof DomainEventMessage<?> domain) {
            params.addValue("aggregateType", domain.getType())
                    .addValue("aggregateId", domain.getAggregateIdentifier())
                    .addValue("aggregateSequence", domain.getSequenceNumber());
        }
        long sequence = nextSequences.computeIfAbsent(event.agreementId(), this::nextSequenceInTable);
        params.addValue("sequence", sequence);
        // One statement: a redelivered event (its id is already in the table) inserts nothing.
        int inserted = jdbc.update("INSERT INTO agreement_history (agreement_id, sequence, event_id, type,"
                + " aggregate_type, aggregate_id, aggregate_sequence, occurred_at, actor, actor_jurisdiction, request_id,"
                + " correlation_id, payload)"
                + " SELECT :agreementId, :sequence, :eventId, :type, :aggregateType, :aggregateId, :aggregateSequence,"
                + " CAST(:occurredAt AS TIMESTAMP WITH TIME ZONE), :actor, :actorJurisdiction, :requestId,"
                + " :correlationId, :payload"
                + " WHERE NOT EXISTS (SELECT 1 FROM agreement_history WHERE event_id = :eventId)", params);
        if (inserted == 1) {
            nextSequences.put(event.agreementId(), sequence + 1);
        }
    }

    /** max + 1 from the table: used when the agreement's next sequence is not in memory. */
    private long nextSequenceInTable(String agreementId) {
        Long last = jdbc.queryForObject("SELECT MAX(sequence) FROM agreement_history WHERE agreement_id = :agreementId",
                Map.of("agreementId", agreementId), Long.class);
        return last == null ? 1 : last + 1;
    }

    /**
     * Forgets every remembered sequence when the current unit of work (the processor's batch) rolls back: some of
     * them count rows that were never committed.
     */
    private void forgetSequencesIfRolledBack() {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        unitOfWork.getOrComputeResource(ROLLBACK_HOOK, key -> {
            unitOfWork.onRollback(u -> nextSequences.clear());
            return Boolean.TRUE;
        });
    }

    @ResetHandler
    void reset() {
        nextSequences.clear();
        jdbc.getJdbcOperations().update("DELETE FROM agreement_history");
    }

    /**
     * The entries after {@code after}, in sequence order; {@code nextAfter} is the last sequence of a full page
     * (there may be more) and null otherwise. A non-positive limit means {@value #DEFAULT_LIMIT}; at most
     * {@value #MAX_LIMIT} entries are answered. An unknown agreement has an empty history.
     */
    @QueryHandler
    public AgreementHistoryPage handle(FindAgreementHistoryQuery query) {
        int limit = query.limit() <= 0 ? DEFAULT_LIMIT : Math.min(query.limit(), MAX_LIMIT);
        List<AgreementHistoryPage.Entry> items = jdbc.query("SELECT h.sequence, h.event_id, h.type, h.aggregate_type,"
                        + " h.aggregate_id, h.aggregate_sequence, h.occurred_at, h.actor, h.actor_jurisdiction,"
                        + " h.request_id, h.correlation_id, h.payload, COALESCE(l.leaf_index, h.leaf_index) AS leaf_index"
                        + " FROM agreement_history h"
                        // the event's place in the integrity log, once the log has it
                        + " LEFT JOIN ledger_leaf l ON l.event_identifier = h.event_id"
                        + " WHERE h.agreement_id = :agreementId AND h.sequence > :after ORDER BY h.sequence LIMIT :limit",
                new MapSqlParameterSource()
                        .addValue("agreementId", query.agreementId())
                        .addValue("after", query.after())
                        .addValue("limit", limit),
                (rs, i) -> new AgreementHistoryPage.Entry(
                        rs.getLong("sequence"),
                        rs.getString("event_id"),
                        rs.getString("type"),
                        rs.getString("aggregate_type"),
                        rs.getString("aggregate_id"),
                        aggregateSequence(rs),
                        instant(rs, "occurred_at"),
                        rs.getString("actor"),
                        rs.getString("actor_jurisdiction"),
                        rs.getString("request_id"),
                        rs.getString("correlation_id"),
                        rs.getString("payload"),
                        rs.getObject("leaf_index", Long.class)));
        Long nextAfter = items.size() == limit ? items.get(items.size() - 1).sequence() : null;
        return new AgreementHistoryPage(query.agreementId(), items, nextAfter);
    }

    /**
     * Every entry of the agreement's history up to now, in sequence order, exactly as the history query answers
     * them (read page by page through it); empty for an unknown agreement.
     */
    public List<AgreementHistoryPage.Entry> entries(String agreementId) {
        List<AgreementHistoryPage.Entry> entries = new ArrayList<>();
        Long after = 0L;
        while (after != null) {
            AgreementHistoryPage page = handle(new FindAgreementHistoryQuery(agreementId, after, MAX_LIMIT));
            entries.addAll(page.items());
            after = page.nextAfter();
        }
        return entries;
    }

    private static long aggregateSequence(ResultSet rs) throws SQLException {
        long sequence = rs.getLong("aggregate_sequence");
        return rs.wasNull() ? NO_AGGREGATE_SEQUENCE : sequence;
    }

    /** The event's simple class name without a trailing {@code Event}: {@code AgreementDrafted}. */
    static String typeName(Object payload) {
        String name = payload.getClass().getSimpleName();
        return name.endsWith("Event") && name.length() > "Event".length()
                ? name.substring(0, name.length() - "Event".length())
                : name;
    }

    private String json(Object payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + payload.getClass().getSimpleName(), e);
        }
    }
}
