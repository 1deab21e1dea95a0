package org.basinledger.query.incident;

import static org.basinledger.query.support.EventMessages.aggregateSequence;
import static org.basinledger.query.support.EventMessages.instant;
import static org.basinledger.query.support.EventMessages.sqlTime;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.incident.FindIncidentQuery;
import org.basinledger.api.incident.FindIncidentRecordQuery;
import org.basinledger.api.incident.IncidentAcknowledgedEvent;
import org.basinledger.api.incident.IncidentAcknowledgementMissedEvent;
import org.basinledger.api.incident.IncidentClosedEvent;
import org.basinledger.api.incident.IncidentLevelChangedEvent;
import org.basinledger.api.incident.IncidentList;
import org.basinledger.api.incident.IncidentNotice;
import org.basinledger.api.incident.IncidentRaisedEvent;
import org.basinledger.api.incident.IncidentRecord;
import org.basinledger.api.incident.IncidentStatus;
import org.basinledger.api.incident.IncidentUpdatedEvent;
import org.basinledger.api.incident.IncidentView;
import org.basinledger.api.incident.ListIncidentsQuery;
import org.basinledger.api.incident.WarningLevel;
import org.basinledger.api.incident.WatchIncidentsQuery;
import org.basinledger.query.support.JsonColumns;
import org.basinledger.query.support.Projections;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Incidents: one row per incident in {@code incident}, one per notice in {@code incident_notice} and one per update
 * in {@code incident_update}. The incident row keeps the aggregate sequence of the last event applied
 * ({@code version}): an event that is not newer is a redelivery and changes nothing (its notices and update
 * included). A jurisdiction's incident record is counted from the notices in SQL when it is read.
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
public class IncidentProjection {

    private static final String COLUMNS = "incident_id, agreement_id, section_id, status, level, pollutant,"
            + " description, detected_at, evidence_json, raised_by, raised_at, closed_by, closed_at, summary,"
            + " updated_at, version";

    /** The most open incidents a live view starts with. */
    public static final int MAX_WATCHED = 100;

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final ObjectReader evidenceReader;

    public IncidentProjection(NamedParameterJdbcTemplate jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.evidenceReader = objectMapper.readerForListOf(Evidence.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @EventHandler
    void on(IncidentRaisedEvent event, EventMessage<?> message) {
        if (exists(event.incidentId())) {
            return;
        }
        jdbc.update("INSERT INTO incident (incident_id, agreement_id, section_id, status, level, pollutant,"
                        + " description, detected_at, evidence_json, raised_by, raised_at, updated_at, version)"
                        + " VALUES (:id, :agreementId, :sectionId, :status, :level, :pollutant, :description,"
                        + " :detectedAt, :evidence, :raisedBy, :at, :at, :version)",
                new MapSqlParameterSource()
                        .addValue("id", event.incidentId())
                        .addValue("agreementId", event.agreementId())
                        .addValue("sectionId", event.sectionId())
                        .addValue("status", IncidentStatus.OPEN.name())
                        .addValue("level", event.level().name())
                        .addValue("pollutant", event.pollutant(), Types.VARCHAR)
                        .addValue("description", event.description())
                        .addValue("detectedAt", sqlTime(event.detectedAt()))
                        .addValue("evidence", json(event.evidence() == null ? List.of() : event.evidence()))
                        .addValue("raisedBy", event.raisedBy())
                        .addValue("at", sqlTime(event.raisedAt()))
                        .addValue("version", aggregateSequence(message)));
        insertNotices(event.incidentId(), event.notices());
    }

    @EventHandler
    void on(IncidentAcknowledgedEvent event, EventMessage<?> message) {
        if (advance(event.incidentId(), message, null, new MapSqlParameterSource())) {
            jdbc.update("UPDATE incident_notice SET acknowledged_at = :at, late = :late, note = :note"
                            + " WHERE incident_id = :id AND number = :number",
                    new MapSqlParameterSource()
                            .addValue("at", sqlTime(event.acknowledgedAt()))
                            .addValue("late", event.late())
                            .addValue("note", event.note(), Types.VARCHAR)
                            .addValue("id", event.incidentId())
                            .addValue("number", event.noticeNumber()));
        }
    }

    @EventHandler
    void on(IncidentAcknowledgementMissedEvent event, EventMessage<?> message) {
        if (advance(event.incidentId(), message, null, new MapSqlParameterSource())) {
            jdbc.update("UPDATE incident_notice SET missed = TRUE, penalty_transfer_id = :transferId"
                            + " WHERE incident_id = :id AND number = :number",
                    new MapSqlParameterSource()
                            .addValue("transferId", event.penaltyTransferId(), Types.VARCHAR)
                            .addValue("id", event.incidentId())
                            .addValue("number", event.noticeNumber()));
        }
    }

    @EventHandler
    void on(IncidentUpdatedEvent event, EventMessage<?> message) {
        if (advance(event.incidentId(), message, null, new MapSqlParameterSource())) {
            jdbc.update("INSERT INTO incident_update (incident_id, number, author, text, evidence_json, updated_at)"
                            + " VALUES (:id, :number, :author, :text, :evidence, :at)",
                    new MapSqlParameterSource()
                            .addValue("id", event.incidentId())
                            .addValue("number", event.number())
                            .addValue("author", event.author())
                            .addValue("text", event.text())
                            .addValue("evidence", json(event.evidence() == null ? List.of() : event.evidence()))
                            .addValue("at", sqlTime(event.updatedAt())));
        }
    }

    @EventHandler
    void on(IncidentLevelChangedEvent event, EventMessage<?> message) {
        if (advance(event.incidentId(), message, "level = :level",
                new MapSqlParameterSource().addValue("level", event.level().name()))) {
            withdraw(event.incidentId(), event.withdrawnNotices());
            insertNotices(event.incidentId(), event.notices());
            // the update that changed the level is the incident's latest
            jdbc.update("UPDATE incident_update SET level = :level WHERE incident_id = :id AND number ="
                            + " (SELECT MAX(number) FROM incident_update WHERE incident_id = :id)",
                    new MapSqlParameterSource().addValue("level", event.level().name())
                            .addValue("id", event.incidentId()));
        }
    }

    @EventHandler
    void on(IncidentClosedEvent event, EventMessage<?> message) {
        if (advance(event.incidentId(), message, "status = :status, closed_by = :closedBy, closed_at = :closedAt,"
                        + " summary = :summary",
                new MapSqlParameterSource()
                        .addValue("status", IncidentStatus.CLOSED.name())
                        .addValue("closedBy", event.closedBy())
                        .addValue("closedAt", sqlTime(event.closedAt()))
                        .addValue("summary", event.summary()))) {
            withdraw(event.incidentId(), event.withdrawnNotices());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcOperations().update("DELETE FROM incident_update");
        jdbc.getJdbcOperations().update("DELETE FROM incident_notice");
        jdbc.getJdbcOperations().update("DELETE FROM incident");
    }

    @QueryHandler
    public IncidentView handle(FindIncidentQuery query) {
        List<IncidentView> found = views("SELECT " + COLUMNS + " FROM incident WHERE incident_id = :id",
                new MapSqlParameterSource("id", query.incidentId()));
        return found.isEmpty() ? null : found.get(0);
    }

    /** The open incidents (of one agreement, or all), newest first: at most {@value #MAX_WATCHED}. */
    @QueryHandler
    public IncidentList handle(WatchIncidentsQuery query) {
        return handle(new ListIncidentsQuery(query.agreementId(), IncidentStatus.OPEN, null, 0, MAX_WATCHED));
    }

    /** Newest first, a page of them; agreement, status and level each optional. */
    @QueryHandler
    public IncidentList handle(ListIncidentsQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(query.agreementId(), query.status(), query.level(), params);
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM incident" + where, params, Long.class);
        params.addValue("offset", query.offset()).addValue("limit", query.limit());
        return new IncidentList(views("SELECT " + COLUMNS + " FROM incident" + where
                + " ORDER BY raised_at DESC, incident_id DESC LIMIT :limit OFFSET :offset", params),
                total == null ? 0 : total);
    }

    private static String where(String agreementId, IncidentStatus status, WarningLevel level,
                                MapSqlParameterSource params) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (agreementId != null) {
            where.append(" AND agreement_id = :agreementId");
            params.addValue("agreementId", agreementId);
        }
        if (status != null) {
            where.append(" AND status = :status");
            params.addValue("status", status.name());
        }
        if (level != null) {
            where.append(" AND level = :level");
            params.addValue("level", level.name());
        }
        return where.toString();
    }

    /**
     * The jurisdiction's record: every notice to it that came due or was answered (a notice withdrawn before its
     * deadline without an answer is not counted), with the median seconds from notice to acknowledgement (the
     * lower of the two middle values when their number is even).
     */
    @QueryHandler
    public IncidentRecord handle(FindIncidentRecordQuery query) {
        Map<String, Object> params = Map.of("id", query.jurisdictionId());
        long[] counts = new long[4];
        jdbc.query("SELECT acknowledged_at, late, missed, withdrawn FROM incident_notice"
                + " WHERE jurisdiction_id = :id", params, rs -> {
            boolean acknowledged = rs.getObject("acknowledged_at") != null;
            if (acknowledged && !rs.getBoolean("late")) {
                counts[0]++;
            } else if (acknowledged) {
                counts[1]++;
            } else if (rs.getBoolean("missed")) {
                counts[2]++;
            } else if (!rs.getBoolean("withdrawn")) {
                counts[3]++;
            }
        });
        List<Long> seconds = new ArrayList<>(jdbc.query("SELECT sent_at, acknowledged_at FROM incident_notice"
                        + " WHERE jurisdiction_id = :id AND acknowledged_at IS NOT NULL", params,
                (rs, i) -> Duration.between(instant(rs, "sent_at"), instant(rs, "acknowledged_at")).toSeconds()));
        seconds.sort(null);
        Long median = seconds.isEmpty() ? null : seconds.get((seconds.size() - 1) / 2);
        return new IncidentRecord(query.jurisdictionId(), counts[0] + counts[1] + counts[2] + counts[3], counts[0],
                counts[1], counts[2], counts[3], median);
    }

    /** The incidents the query selects, each with its notices and updates (two more queries for the whole page). */
    private List<IncidentView> views(String sql, MapSqlParameterSource params) {
        List<Row> rows = jdbc.query(sql, params, (rs, i) -> row(rs));
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<IncidentView.Notice>> notices = new HashMap<>();
        Map<String, List<IncidentView.Update>> updates = new HashMap<>();
        MapSqlParameterSource ids = new MapSqlParameterSource("ids", rows.stream().map(Row::id).toList());
        jdbc.query("SELECT incident_id, number, jurisdiction_id, level, sent_at, acknowledge_by, acknowledged_at,"
                + " late, note, missed, penalty_transfer_id, withdrawn FROM incident_notice"
                + " WHERE incident_id IN (:ids) ORDER BY incident_id, number", ids, rs -> {
            notices.computeIfAbsent(rs.getString("incident_id"), k -> new ArrayList<>()).add(new IncidentView.Notice(
                    rs.getInt("number"), rs.getString("jurisdiction_id"), WarningLevel.valueOf(rs.getString("level")),
                    instant(rs, "sent_at"), instant(rs, "acknowledge_by"), instant(rs, "acknowledged_at"),
                    rs.getBoolean("late"), rs.getString("note"), rs.getBoolean("missed"),
                    rs.getString("penalty_transfer_id"), rs.getBoolean("withdrawn")));
        });
        jdbc.query("SELECT incident_id, number, author, text, evidence_json, level, updated_at FROM incident_update"
                + " WHERE incident_id IN (:ids) ORDER BY incident_id, number", ids, rs -> {
            String level = rs.getString("level");
            updates.computeIfAbsent(rs.getString("incident_id"), k -> new ArrayList<>()).add(new IncidentView.Update(
                    rs.getInt("number"), rs.getString("author"), rs.getString("text"),
                    readEvidence(rs.getString("evidence_json")), level == null ? null : WarningLevel.valueOf(level),
                    instant(rs, "updated_at")));
        });
        return rows.stream().map(r -> new IncidentView(r.id, r.agreementId, r.sectionId, r.status, r.level,
                r.pollutant, r.description, r.detectedAt, r.evidence, r.raisedBy, r.raisedAt,
                notices.getOrDefault(r.id, List.of()), updates.getOrDefault(r.id, List.of()), r.closedBy, r.closedAt,
                r.summary, r.updatedAt, r.version)).toList();
    }

    private Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("incident_id"), rs.getString("agreement_id"), rs.getString("section_id"),
                IncidentStatus.valueOf(rs.getString("status")), WarningLevel.valueOf(rs.getString("level")),
                rs.getString("pollutant"), rs.getString("description"), instant(rs, "detected_at"),
                readEvidence(rs.getString("evidence_json")), rs.getString("raised_by"), instant(rs, "raised_at"),
                rs.getString("closed_by"), instant(rs, "closed_at"), rs.getString("summary"),
                instant(rs, "updated_at"), rs.getLong("version"));
    }

    private record Row(String id, String agreementId, String sectionId, IncidentStatus status, WarningLevel level,
                       String pollutant, String description, java.time.Instant detectedAt, List<Evidence> evidence,
                       String raisedBy, java.time.Instant raisedAt, String closedBy, java.time.Instant closedAt,
                       String summary, java.time.Instant updatedAt, long version) {
    }

    private void insertNotices(String incidentId, Collection<IncidentNotice> notices) {
        for (IncidentNotice notice : notices) {
            jdbc.update("INSERT INTO incident_notice (incident_id, number, jurisdiction_id, level, sent_at,"
                            + " acknowledge_by) VALUES (:id, :number, :jurisdictionId, :level, :sentAt, :acknowledgeBy)",
                    new MapSqlParameterSource()
                            .addValue("id", incidentId)
                            .addValue("number", notice.number())
                            .addValue("jurisdictionId", notice.jurisdictionId())
                            .addValue("level", notice.level().name())
                            .addValue("sentAt", sqlTime(notice.sentAt()))
                            .addValue("acknowledgeBy", sqlTime(notice.acknowledgeBy())));
        }
    }

    private void withdraw(String incidentId, List<Integer> numbers) {
        if (numbers == null || numbers.isEmpty()) {
            return;
        }
        jdbc.update("UPDATE incident_notice SET withdrawn = TRUE WHERE incident_id = :id AND number IN (:numbers)",
                new MapSqlParameterSource().addValue("id", incidentId).addValue("numbers", numbers));
    }

    /**
     * Applies a later event of the incident: its own columns ({@code set}, may be null), version and updated_at.
     *
     * @return whether it was applied (false: a redelivery of an event already applied)
     */
    private boolean advance(String incidentId, EventMessage<?> message, String set, MapSqlParameterSource params) {
        long sequence = aggregateSequence(message);
        params.addValue("id", incidentId)
                .addValue("version", sequence)
                .addValue("at", sqlTime(message.getTimestamp()));
        int updated = jdbc.update("UPDATE incident SET " + (set == null ? "" : set + ", ") + "version = :version,"
                + " updated_at = :at WHERE incident_id = :id AND version < :version", params);
        if (updated == 0) {
            if (!exists(incidentId)) {
                throw new IllegalStateException("incident " + incidentId + " has an event at sequence " + sequence
                        + " but was never raised");
            }
            return false;
        }
        return true;
    }

    private boolean exists(String incidentId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM incident WHERE incident_id = :id",
                Map.of("id", incidentId), Integer.class);
        return count != null && count > 0;
    }

    private String json(Object value) {
        return JsonColumns.write(objectMapper, value);
    }

    private List<Evidence> readEvidence(String json) {
        return JsonColumns.read(evidenceReader, json, "incident");
    }
}
