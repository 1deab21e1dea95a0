package org.basinledger.query.history;

import static org.basinledger.query.support.EventMessages.instant;
import static org.basinledger.query.support.EventMessages.metaData;
import static org.basinledger.query.support.EventMessages.sqlTime;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.basinledger.query.support.ReadModelTables;
import org.basinledger.query.support.RebuildingProjection;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every event that concerns an agreement ({@link AgreementEvent}, whichever aggregate published it), in the
 * table {@code agreement_history}, numbered per agreement from 1 without gaps in the order the processor
 * handled them. The event id is unique: a redelivered event is recognised and stored once.
 *
 * <p>The processor ({@link Projections#PROCESSING_GROUP}) handles all events of one agreement in one segment, in
 * store order ({@link org.basinledger.query.support.ProjectionSequencing}), one thread at a time: it is the only
 * writer of that agreement's rows, which lets the projection keep each agreement's next sequence in memory. Within the processor's batch
 * (its unit of work) the rows are collected and written in one JDBC batch when the unit of work prepares its
 * commit, in the same transaction as the processor's token; outside a unit of work each event is written at once.
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
public class AgreementHistoryProjection implements RebuildingProjection {

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
    private static final String PENDING_ROWS = AgreementHistoryProjection.class.getName() + ".pendingRows";
    /** How many event ids one redelivery check asks about. */
    private static final int ID_CHUNK = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    /**
     * The next sequence per agreement (least recently used dropped first), so that an event costs no MAX query
     * before its insert. Only the processor's thread writes the table, so this stays right for
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

    /**
     * Set by a rebuild ({@link RebuildingProjection}): the table started empty and only this instance writes it, so an
     * agreement not in {@link #nextSequences} starts at 1 and there is no redelivery to look for. Kept in memory then:
     * the next sequence of every agreement ({@link #freshSequences}, no eviction). It then only inserts, never reads the
     * table: the rebuild creates the table's keys after its bulk ({@link ReadModelTables#INSERT_ONLY_WHILE_REBUILDING}).
     */
    private volatile boolean fresh;
    private final Map<String, Long> freshSequences = new HashMap<>();

    public AgreementHistoryProjection(NamedParameterJdbcTemplate jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
    }

    @Override
    public void rebuildingIntoEmptyTables() {
        fresh = true;
    }

    @EventHandler
    void on(AgreementEvent event, EventMessage<?> message) {
        if (event.agreementId() == null) {
            return; // a transfer of an emission scheme: no agreement's history
        }
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
        Batch batch = currentBatch();
        batch.rows.add(params);
        if (!batch.deferred) {
            flush(batch);
        }
    }

    /** The rows of one unit of work (the processor's batch), written together when it prepares its commit. */
    private static final class Batch {
        final boolean deferred;
        final List<MapSqlParameterSource> rows = new ArrayList<>();

        Batch(boolean deferred) {
            this.deferred = deferred;
        }
    }

    private Batch currentBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new Batch(false);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING_ROWS, key -> {
            Batch batch = new Batch(true);
            unitOfWork.onPrepareCommit(u -> flush(batch));
            // some remembered sequences may count rows that are never committed
            unitOfWork.onRollback(u -> nextSequences.clear());
            return batch;
        });
    }

    /**
     * Writes the batch's rows in one JDBC batch: a row whose event is already in the table (a redelivery) is left
     * out, the others are numbered per agreement in the order they were handled.
     */
    private void flush(Batch batch) {
        if (batch.rows.isEmpty()) {
            return;
        }
        List<MapSqlParameterSource> inserts = new ArrayList<>(batch.rows.size());
        if (fresh) {
            // a rebuild: every event once, into a table only this instance has written
            for (MapSqlParameterSource row : batch.rows) {
                long sequence = freshSequences.merge((String) row.getValue("agreementId"), 1L, Long::sum);
                inserts.add(row.addValue("sequence", sequence));
            }
        } else {
            Set<String> stored = storedEventIds(batch.rows);
            Map<String, Long> fromTable = nextSequencesInTable(batch.rows);
            Set<String> seen = new HashSet<>();
            for (MapSqlParameterSource row : batch.rows) {
                String eventId = (String) row.getValue("eventId");
                if (stored.contains(eventId) || !seen.add(eventId)) {
                    continue;
                }
                String agreementId = (String) row.getValue("agreementId");
                long sequence = nextSequences.computeIfAbsent(agreementId,
                        id -> fromTable.containsKey(id) ? fromTable.get(id) : nextSequenceInTable(id));
                nextSequences.put(agreementId, sequence + 1);
                inserts.add(row.addValue("sequence", sequence));
            }
        }
        batch.rows.clear();
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO agreement_history (agreement_id, sequence, event_id, type, aggregate_type,"
                    + " aggregate_id, aggregate_sequence, occurred_at, actor, actor_jurisdiction, request_id,"
                    + " correlation_id, payload) VALUES (:agreementId, :sequence, :eventId, :type, :aggregateType,"
                    + " :aggregateId, :aggregateSequence, CAST(:occurredAt AS TIMESTAMP WITH TIME ZONE), :actor,"
                    + " :actorJurisdiction, :requestId, :correlationId, :payload)",
                    inserts.toArray(MapSqlParameterSource[]::new));
        }
    }

    /** Which of the rows' events the table has already (one query per {@value #ID_CHUNK} rows). */
    private Set<String> storedEventIds(List<MapSqlParameterSource> rows) {
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < rows.size(); from += ID_CHUNK) {
            List<String> ids = rows.subList(from, Math.min(rows.size(), from + ID_CHUNK)).stream()
                    .map(row -> (String) row.getValue("eventId")).toList();
            stored.addAll(jdbc.queryForList("SELECT event_id FROM agreement_history WHERE event_id IN (:ids)",
                    Map.of("ids", ids), String.class));
        }
        return stored;
    }

    /**
     * max + 1 from the table for each agreement of the rows whose next sequence is not in memory (a new agreement,
     * typically: 1), in one query per {@value #ID_CHUNK} agreements instead of one per agreement.
     */
    private Map<String, Long> nextSequencesInTable(List<MapSqlParameterSource> rows) {
        List<String> missing = rows.stream().map(row -> (String) row.getValue("agreementId")).distinct()
                .filter(id -> !nextSequences.containsKey(id)).toList();
        Map<String, Long> next = new HashMap<>();
        for (int from = 0; from < missing.size(); from += ID_CHUNK) {
            List<String> ids = missing.subList(from, Math.min(missing.size(), from + ID_CHUNK));
            ids.forEach(id -> next.put(id, 1L));
            jdbc.query("SELECT agreement_id, MAX(sequence) AS last FROM agreement_history"
                    + " WHERE agreement_id IN (:ids) GROUP BY agreement_id", Map.of("ids", ids),
                    rs -> {
                        next.put(rs.getString("agreement_id"), rs.getLong("last") + 1);
                    });
        }
        return next;
    }

    /** max + 1 from the table: used when the agreement's next sequence is not in memory. */
    private long nextSequenceInTable(String agreementId) {
        Long last = jdbc.queryForObject("SELECT MAX(sequence) FROM agreement_history WHERE agreement_id = :agreementId",
                Map.of("agreementId", agreementId), Long.class);
        return last == null ? 1 : last + 1;
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
