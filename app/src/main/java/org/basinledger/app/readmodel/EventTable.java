package org.basinledger.app.readmodel;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The event store's table read in large pages by global index, without a tracking token per event: the bulk
 * reader of a rebuild. Events are upcast and deserialized as a tracking processor would have them.
 */
class EventTable {

    private static final String COLUMNS = "SELECT global_index, type, aggregate_identifier, sequence_number,"
            + " event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data FROM domain_event_entry";
    private static final RowMapper<TrackedDomainEventData<byte[]>> ROW = (rs, i) -> new TrackedDomainEventData<>(
            GapAwareTrackingToken.newInstance(rs.getLong("global_index"), List.of()),
            new GenericDomainEventEntry<>(rs.getString("type"), rs.getString("aggregate_identifier"),
                    rs.getLong("sequence_number"), rs.getString("event_identifier"), rs.getString("time_stamp"),
                    rs.getString("payload_type"), rs.getString("payload_revision"), rs.getBytes("payload"),
                    rs.getBytes("meta_data")));

    private final NamedParameterJdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventUpcaster upcasters;

    EventTable(NamedParameterJdbcTemplate jdbc, Serializer serializer, EventUpcaster upcasters) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.upcasters = upcasters;
    }

    /** At most {@code limit} events with {@code after < global index <= upTo}, in global index order. */
    List<TrackedDomainEventData<byte[]>> range(long after, long upTo, int limit) {
        return jdbc.query(COLUMNS + " WHERE global_index > :after AND global_index <= :upTo"
                + " ORDER BY global_index LIMIT :limit", Map.of("after", after, "upTo", upTo, "limit", limit), ROW);
    }

    /** The events stored at these global indexes, in global index order. */
    List<TrackedDomainEventData<byte[]>> at(Collection<Long> indexes) {
        return jdbc.query(COLUMNS + " WHERE global_index IN (:indexes) ORDER BY global_index",
                Map.of("indexes", indexes), ROW);
    }

    /** The lowest global index stored (0 when there is none). */
    long first() {
        Long first = jdbc.getJdbcOperations().queryForObject("SELECT MIN(global_index) FROM domain_event_entry",
                Long.class);
        return first == null ? 0 : first;
    }

    List<TrackedEventMessage<?>> deserialize(List<TrackedDomainEventData<byte[]>> rows) {
        try (Stream<TrackedEventMessage<?>> events = EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(),
                serializer, upcasters)) {
            return events.toList();
        }
    }

    static long globalIndex(TrackedDomainEventData<?> row) {
        return ((GapAwareTrackingToken) row.trackingToken()).getIndex();
    }
}
