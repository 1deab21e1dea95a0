package org.basinledger.query.integrity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.basinledger.api.ledger.StoredEvent;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads events exactly as the event store holds them: the rows of Axon's JPA table {@code domain_event_entry},
 * bytes untouched, so a leaf is computed from what is stored and not from what a deserializer makes of it.
 */
@Component
public class StoredEvents {

    /** The columns {@link #map} reads, qualified by {@code e.}. */
    static final String COLUMNS = "e.global_index, e.event_identifier, e.type, e.aggregate_identifier,"
            + " e.sequence_number, e.payload_type, e.payload_revision, e.time_stamp, e.payload, e.meta_data";

    private static final int CHUNK = 500;

    private final NamedParameterJdbcTemplate jdbc;

    public StoredEvents(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored event and where it is stored. */
    public record Row(long globalIndex, StoredEvent event) {
    }

    /** The stored rows of the given events, by event identifier; events not stored are absent from the map. */
    public Map<String, Row> byIdentifiers(Collection<String> eventIdentifiers) {
        Map<String, Row> rows = new HashMap<>();
        List<String> ids = new ArrayList<>(eventIdentifiers);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            jdbc.query("SELECT " + COLUMNS + " FROM domain_event_entry e WHERE e.event_identifier IN (:ids)",
                    Map.of("ids", chunk), rs -> {
                        Row row = map(rs);
                        rows.put(row.event().eventIdentifier(), row);
                    });
        }
        return rows;
    }

    /**
     * A leaf of the log with the stored event it logs, as the store holds it now ({@code stored} is null when the
     * event is gone).
     */
    public record Logged(long leafIndex, String eventIdentifier, long loggedGlobalIndex, byte[] leafHash, Row stored) {
    }

    /** The leaves {@code from} (inclusive) to {@code to} (exclusive), at most {@code limit}, in leaf order, with their events. */
    public List<Logged> logged(long from, long to, int limit) {
        return jdbc.query("SELECT l.leaf_index, l.event_identifier AS leaf_event_identifier,"
                        + " l.global_index AS logged_global_index, l.leaf_hash, " + COLUMNS
                        + " FROM ledger_leaf l LEFT JOIN domain_event_entry e ON e.event_identifier = l.event_identifier"
                        + " WHERE l.leaf_index >= :from AND l.leaf_index < :to ORDER BY l.leaf_index LIMIT :limit",
                Map.of("from", from, "to", to, "limit", limit),
                (rs, i) -> new Logged(rs.getLong("leaf_index"), rs.getString("leaf_event_identifier"),
                        rs.getLong("logged_global_index"), rs.getBytes("leaf_hash"), map(rs)));
    }

    /** The row at the cursor, read from the {@link #COLUMNS}; null when the event columns are null (outer join). */
    static Row map(ResultSet rs) throws SQLException {
        String eventIdentifier = rs.getString("event_identifier");
        long globalIndex = rs.getLong("global_index");
        if (rs.wasNull() || eventIdentifier == null) {
            return null;
        }
        return new Row(globalIndex, new StoredEvent(eventIdentifier, rs.getString("type"),
                rs.getString("aggregate_identifier"), rs.getLong("sequence_number"), rs.getString("payload_type"),
                rs.getString("payload_revision"), rs.getString("time_stamp"), rs.getBytes("payload"),
                rs.getBytes("meta_data")));
    }
}
