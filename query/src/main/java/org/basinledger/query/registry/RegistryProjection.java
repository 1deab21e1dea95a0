package org.basinledger.query.registry;

import static org.basinledger.query.support.EventMessages.aggregateSequence;
import static org.basinledger.query.support.EventMessages.instant;
import static org.basinledger.query.support.EventMessages.sqlTime;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.basinledger.api.registry.FindJurisdictionQuery;
import org.basinledger.api.registry.FindMediatorQuery;
import org.basinledger.api.registry.JurisdictionKeyAddedEvent;
import org.basinledger.api.registry.JurisdictionKeyRevokedEvent;
import org.basinledger.api.registry.JurisdictionLevel;
import org.basinledger.api.registry.JurisdictionList;
import org.basinledger.api.registry.JurisdictionRegisteredEvent;
import org.basinledger.api.registry.JurisdictionView;
import org.basinledger.api.registry.JurisdictionView.KeyView;
import org.basinledger.api.registry.ListJurisdictionsQuery;
import org.basinledger.api.registry.MediatorRegisteredEvent;
import org.basinledger.api.registry.MediatorView;
import org.basinledger.query.support.Projections;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The public registry: jurisdictions with every key they ever had ({@code registry_jurisdiction},
 * {@code registry_jurisdiction_key}) and mediators ({@code registry_mediator}). A jurisdiction row keeps the
 * aggregate sequence of its last applied event, so a redelivered key event changes nothing; registrations
 * are applied only when the row is absent.
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
public class RegistryProjection {

    private final NamedParameterJdbcTemplate jdbc;

    public RegistryProjection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(JurisdictionRegisteredEvent event, EventMessage<?> message) {
        if (jurisdictionVersion(event.jurisdictionId()) != null) {
            return;
        }
        jdbc.update("INSERT INTO registry_jurisdiction (jurisdiction_id, name, level, parent_id, registered_at, version)"
                        + " VALUES (:id, :name, :level, :parentId, :registeredAt, :version)",
                new MapSqlParameterSource()
                        .addValue("id", event.jurisdictionId())
                        .addValue("name", event.name())
                        .addValue("level", event.level().name())
                        .addValue("parentId", event.parentId())
                        .addValue("registeredAt", sqlTime(message.getTimestamp()))
                        .addValue("version", aggregateSequence(message)));
    }

    @EventHandler
    void on(JurisdictionKeyAddedEvent event, EventMessage<?> message) {
        if (!advance(event.jurisdictionId(), aggregateSequence(message))) {
            return;
        }
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("id", event.jurisdictionId())
                .addValue("keyId", event.keyId())
                .addValue("publicKey", event.publicKey())
                .addValue("addedAt", sqlTime(message.getTimestamp()));
        // A key id is derived from the key itself: adding a revoked key again makes it active again.
        int updated = jdbc.update("UPDATE registry_jurisdiction_key SET public_key = :publicKey, added_at = :addedAt,"
                + " revoked_at = NULL WHERE jurisdiction_id = :id AND key_id = :keyId", params);
        if (updated == 0) {
            jdbc.update("INSERT INTO registry_jurisdiction_key (jurisdiction_id, key_id, public_key, added_at)"
                    + " VALUES (:id, :keyId, :publicKey, :addedAt)", params);
        }
    }

    @EventHandler
    void on(JurisdictionKeyRevokedEvent event, EventMessage<?> message) {
        if (!advance(event.jurisdictionId(), aggregateSequence(message))) {
            return;
        }
        int updated = jdbc.update("UPDATE registry_jurisdiction_key SET revoked_at = :revokedAt"
                        + " WHERE jurisdiction_id = :id AND key_id = :keyId",
                new MapSqlParameterSource()
                        .addValue("id", event.jurisdictionId())
                        .addValue("keyId", event.keyId())
                        .addValue("revokedAt", sqlTime(message.getTimestamp())));
        if (updated != 1) {
            throw new IllegalStateException("key " + event.keyId() + " of " + event.jurisdictionId()
                    + " was revoked but never added");
        }
    }

    @EventHandler
    void on(MediatorRegisteredEvent event, @Timestamp Instant timestamp) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM registry_mediator WHERE mediator_id = :id",
                Map.of("id", event.mediatorId()), Integer.class);
        if (known != null && known > 0) {
            return;
        }
        jdbc.update("INSERT INTO registry_mediator (mediator_id, name, registered_at) VALUES (:id, :name, :registeredAt)",
                new MapSqlParameterSource()
                        .addValue("id", event.mediatorId())
                        .addValue("name", event.name())
                        .addValue("registeredAt", sqlTime(timestamp)));
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcOperations().update("DELETE FROM registry_jurisdiction_key");
        jdbc.getJdbcOperations().update("DELETE FROM registry_jurisdiction");
        jdbc.getJdbcOperations().update("DELETE FROM registry_mediator");
    }

    @QueryHandler
    public JurisdictionView handle(FindJurisdictionQuery query) {
        List<JurisdictionView> found = jurisdictions(" WHERE j.jurisdiction_id = :id",
                new MapSqlParameterSource("id", query.jurisdictionId()));
        return found.isEmpty() ? null : found.get(0);
    }

    @QueryHandler
    public JurisdictionList handle(ListJurisdictionsQuery query) {
        return new JurisdictionList(jurisdictions("", new MapSqlParameterSource()));
    }

    @QueryHandler
    public MediatorView handle(FindMediatorQuery query) {
        return jdbc.query("SELECT mediator_id, name, registered_at FROM registry_mediator WHERE mediator_id = :id",
                        Map.of("id", query.mediatorId()),
                        (rs, i) -> new MediatorView(rs.getString("mediator_id"), rs.getString("name"),
                                instant(rs, "registered_at")))
                .stream().findFirst().orElse(null);
    }

    private List<JurisdictionView> jurisdictions(String where, MapSqlParameterSource params) {
        Map<String, Row> rows = new LinkedHashMap<>();
        jdbc.query("SELECT j.jurisdiction_id, j.name, j.level, j.parent_id, j.registered_at,"
                + " k.key_id, k.public_key, k.added_at, k.revoked_at"
                + " FROM registry_jurisdiction j LEFT JOIN registry_jurisdiction_key k"
                + " ON k.jurisdiction_id = j.jurisdiction_id" + where
                + " ORDER BY j.jurisdiction_id, k.added_at, k.key_id", params, rs -> {
                    Row row = rows.computeIfAbsent(rs.getString("jurisdiction_id"), id -> row(rs));
                    String keyId = rs.getString("key_id");
                    if (keyId != null) {
                        row.keys.add(new KeyView(keyId, rs.getString("public_key"), instant(rs, "added_at"),
                                instant(rs, "revoked_at")));
                    }
                });
        return rows.values().stream()
                .map(r -> new JurisdictionView(r.id, r.name, r.level, r.parentId, r.registeredAt, List.copyOf(r.keys)))
                .toList();
    }

    private static Row row(ResultSet rs) {
        try {
            return new Row(rs.getString("jurisdiction_id"), rs.getString("name"),
                    JurisdictionLevel.valueOf(rs.getString("level")), rs.getString("parent_id"),
                    instant(rs, "registered_at"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read registry_jurisdiction", e);
        }
    }

    /** Moves the jurisdiction's version to {@code sequence}; false when the event was already applied. */
    private boolean advance(String jurisdictionId, long sequence) {
        Long version = jurisdictionVersion(jurisdictionId);
        if (version == null) {
            throw new IllegalStateException("jurisdiction " + jurisdictionId + " has an event at sequence " + sequence
                    + " but was never registered");
        }
        if (sequence <= version) {
            return false;
        }
        jdbc.update("UPDATE registry_jurisdiction SET version = :version WHERE jurisdiction_id = :id",
                Map.of("id", jurisdictionId, "version", sequence));
        return true;
    }

    private Long jurisdictionVersion(String jurisdictionId) {
        return jdbc.query("SELECT version FROM registry_jurisdiction WHERE jurisdiction_id = :id",
                Map.of("id", jurisdictionId), (rs, i) -> rs.getLong("version")).stream().findFirst().orElse(null);
    }

    private static final class Row {
        final String id;
        final String name;
        final JurisdictionLevel level;
        final String parentId;
        final Instant registeredAt;
        final List<KeyView> keys = new ArrayList<>();

        Row(String id, String name, JurisdictionLevel level, String parentId, Instant registeredAt) {
            this.id = id;
            this.name = name;
            this.level = level;
            this.parentId = parentId;
            this.registeredAt = registeredAt;
        }
    }
}
