package org.basinledger.query.report;

import static org.basinledger.query.support.EventMessages.aggregateSequence;
import static org.basinledger.query.support.EventMessages.instant;
import static org.basinledger.query.support.EventMessages.sqlTime;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.report.ActionTaken;
import org.basinledger.api.report.FindPublicReportByTrackingCodeQuery;
import org.basinledger.api.report.FindPublicReportQuery;
import org.basinledger.api.report.FindPublicReportRecordQuery;
import org.basinledger.api.report.FindPublicReportStatisticsQuery;
import org.basinledger.api.report.ListPublicReportsQuery;
import org.basinledger.api.report.ListRiverChiefsQuery;
import org.basinledger.api.report.PublicReportAnsweredEvent;
import org.basinledger.api.report.PublicReportAssignedEvent;
import org.basinledger.api.report.PublicReportCategory;
import org.basinledger.api.report.PublicReportFiledEvent;
import org.basinledger.api.report.PublicReportList;
import org.basinledger.api.report.PublicReportOverdueEvent;
import org.basinledger.api.report.PublicReportRecord;
import org.basinledger.api.report.PublicReportRejectedEvent;
import org.basinledger.api.report.PublicReportStatistics;
import org.basinledger.api.report.PublicReportStatus;
import org.basinledger.api.report.PublicReportView;
import org.basinledger.api.report.ReportPhoto;
import org.basinledger.api.report.ReportPlace;
import org.basinledger.api.report.RiverChiefAppointedEvent;
import org.basinledger.api.report.RiverChiefList;
import org.basinledger.api.report.RiverChiefTermEndedEvent;
import org.basinledger.api.report.RiverChiefView;
import org.basinledger.query.support.JsonColumns;
import org.basinledger.query.support.Projections;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Public reports ({@code public_report}, one row per report, never its contact) and river chiefs
 * ({@code river_chief}), with the response records computed from them ({@link ResponseRecords}). A report's row keeps
 * the aggregate sequence of the last event applied ({@code version}): an event that is not newer is a redelivery and
 * changes nothing. A chief's row is written once and its term ended once.
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
public class PublicReportProjection {

    private static final String COLUMNS = "report_id, basin, agreement_id, section_id, water_body, place_description,"
            + " latitude, longitude, category, description, observed_at, photos_json, status, version, filed_at,"
            + " jurisdiction_id, answer_by, assigned_at, overdue_since, rejection_reason, rejected_at, answer_text,"
            + " action_taken, answer_evidence, answered_at, answered_in_time";
    private static final String FACTS = "report_id, status, jurisdiction_id, water_body, section_id, filed_at,"
            + " answered_at, answered_in_time, overdue_since";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final ObjectReader photosReader;
    private final ObjectReader evidenceReader;
    private final ObjectReader sectionsReader;

    public PublicReportProjection(NamedParameterJdbcTemplate jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.photosReader = objectMapper.readerFor(new TypeReference<List<ReportPhoto>>() { });
        this.evidenceReader = objectMapper.readerFor(new TypeReference<List<Evidence>>() { });
        this.sectionsReader = objectMapper.readerFor(new TypeReference<List<String>>() { });
    }

    @EventHandler
    void on(PublicReportFiledEvent event, EventMessage<?> message) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM public_report WHERE report_id = :id",
                Map.of("id", event.reportId()), Integer.class);
        if (known != null && known > 0) {
            return;
        }
        ReportPlace place = event.place();
        jdbc.update("INSERT INTO public_report (report_id, tracking_code_hash, basin, agreement_id, section_id,"
                        + " water_body, place_description, latitude, longitude, category, description, observed_at,"
                        + " photos_json, contact_hash, status, version, filed_at) VALUES (:id, :code, :basin,"
                        + " :agreementId, :sectionId, :waterBody, :place, :latitude, :longitude, :category,"
                        + " :description, :observedAt, :photos, :contactHash, :status, :version, :at)",
                new MapSqlParameterSource()
                        .addValue("id", event.reportId())
                        .addValue("code", event.trackingCodeHash())
                        .addValue("basin", event.basin())
                        .addValue("agreementId", event.agreementId(), Types.VARCHAR)
                        .addValue("sectionId", event.sectionId(), Types.VARCHAR)
                        .addValue("waterBody", event.waterBody(), Types.VARCHAR)
                        .addValue("place", place.description())
                        .addValue("latitude", place.latitude(), Types.DECIMAL)
                        .addValue("longitude", place.longitude(), Types.DECIMAL)
                        .addValue("category", event.category().name())
                        .addValue("description", event.description())
                        .addValue("observedAt", sqlTime(event.observedAt()))
                        .addValue("photos", JsonColumns.write(objectMapper,
                                event.photos() == null ? List.of() : event.photos()))
                        .addValue("contactHash", event.contactHash(), Types.VARCHAR)
                        .addValue("status", PublicReportStatus.RECEIVED.name())
                        .addValue("version", aggregateSequence(message))
                        .addValue("at", sqlTime(message.getTimestamp())));
    }

    @EventHandler
    void on(PublicReportAssignedEvent event, EventMessage<?> message) {
        advance(event.reportId(), message, "status = 'ASSIGNED', jurisdiction_id = :jurisdiction,"
                        + " answer_by = :answerBy, assigned_at = :at",
                new MapSqlParameterSource().addValue("jurisdiction", event.jurisdictionId())
                        .addValue("answerBy", event.answerBy(), Types.DATE));
    }

    @EventHandler
    void on(PublicReportRejectedEvent event, EventMessage<?> message) {
        advance(event.reportId(), message, "status = 'REJECTED', rejection_reason = :reason, rejected_at = :at",
                new MapSqlParameterSource().addValue("reason", event.reason()));
    }

    @EventHandler
    void on(PublicReportAnsweredEvent event, EventMessage<?> message) {
        advance(event.reportId(), message, "status = 'ANSWERED', answer_text = :text, action_taken = :action,"
                        + " answer_evidence = :evidence, answered_at = :at, answered_in_time = :inTime",
                new MapSqlParameterSource().addValue("text", event.text())
                        .addValue("action", event.actionTaken().name())
                        .addValue("evidence", JsonColumns.write(objectMapper,
                                event.evidence() == null ? List.of() : event.evidence()))
                        .addValue("inTime", event.inTime()));
    }

    @EventHandler
    void on(PublicReportOverdueEvent event, EventMessage<?> message) {
        advance(event.reportId(), message, "overdue_since = :at", new MapSqlParameterSource());
    }

    private void advance(String reportId, EventMessage<?> message, String set, MapSqlParameterSource params) {
        jdbc.update("UPDATE public_report SET " + set + ", version = :version WHERE report_id = :id"
                        + " AND version < :version",
                params.addValue("id", reportId).addValue("version", aggregateSequence(message))
                        .addValue("at", sqlTime(message.getTimestamp())));
    }

    @EventHandler
    void on(RiverChiefAppointedEvent event, EventMessage<?> message) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM river_chief WHERE chief_id = :id",
                Map.of("id", event.chiefId()), Integer.class);
        if (known != null && known > 0) {
            return;
        }
        jdbc.update("INSERT INTO river_chief (chief_id, jurisdiction_id, name, office, water_body, section_ids_json,"
                        + " from_date, version, appointed_at) VALUES (:id, :jurisdiction, :name, :office, :water,"
                        + " :sections, :from, :version, :at)",
                new MapSqlParameterSource()
                        .addValue("id", event.chiefId())
                        .addValue("jurisdiction", event.jurisdictionId())
                        .addValue("name", event.name())
                        .addValue("office", event.office())
                        .addValue("water", event.waterBody())
                        .addValue("sections", JsonColumns.write(objectMapper,
                                event.sectionIds() == null ? List.of() : event.sectionIds()))
                        .addValue("from", event.from(), Types.DATE)
                        .addValue("version", aggregateSequence(message))
                        .addValue("at", sqlTime(message.getTimestamp())));
    }

    @EventHandler
    void on(RiverChiefTermEndedEvent event, EventMessage<?> message) {
        jdbc.update("UPDATE river_chief SET to_date = :to, version = :version WHERE chief_id = :id"
                        + " AND to_date IS NULL",
                new MapSqlParameterSource().addValue("id", event.chiefId()).addValue("to", event.to(), Types.DATE)
                        .addValue("version", aggregateSequence(message)));
    }

    // --- queries ---

    @QueryHandler
    public PublicReportView handle(FindPublicReportQuery query) {
        return jdbc.query("SELECT " + COLUMNS + " FROM public_report WHERE report_id = :id",
                Map.of("id", query.reportId()), (rs, i) -> view(rs)).stream().findFirst().orElse(null);
    }

    @QueryHandler
    public PublicReportView handle(FindPublicReportByTrackingCodeQuery query) {
        return jdbc.query("SELECT " + COLUMNS + " FROM public_report WHERE tracking_code_hash = :code",
                Map.of("code", query.trackingCodeHash()), (rs, i) -> view(rs)).stream().findFirst().orElse(null);
    }

    @QueryHandler
    public PublicReportList handle(ListPublicReportsQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (query.basin() != null) {
            where.append(" AND basin = :basin");
            params.addValue("basin", query.basin());
        }
        if (query.jurisdictionId() != null) {
            where.append(" AND jurisdiction_id = :jurisdiction");
            params.addValue("jurisdiction", query.jurisdictionId());
        }
        if (query.status() != null) {
            where.append(" AND status = :status");
            params.addValue("status", query.status().name());
        }
        if (query.waterBody() != null) {
            where.append(" AND water_body = :water");
            params.addValue("water", query.waterBody());
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM public_report" + where, params, Long.class);
        params.addValue("offset", query.offset()).addValue("limit", query.limit());
        List<PublicReportView> items = jdbc.query("SELECT " + COLUMNS + " FROM public_report" + where
                + " ORDER BY filed_at DESC, report_id LIMIT :limit OFFSET :offset", params, (rs, i) -> view(rs));
        return new PublicReportList(items, total == null ? 0 : total);
    }

    @QueryHandler
    public PublicReportRecord handle(FindPublicReportRecordQuery query) {
        return ResponseRecords.of(facts(" WHERE jurisdiction_id = :jurisdiction",
                new MapSqlParameterSource("jurisdiction", query.jurisdictionId())));
    }

    @QueryHandler
    public PublicReportStatistics handle(FindPublicReportStatisticsQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (query.jurisdictionId() != null) {
            where.append(" AND jurisdiction_id = :jurisdiction");
            params.addValue("jurisdiction", query.jurisdictionId());
        }
        if (query.waterBody() != null) {
            where.append(" AND water_body = :water");
            params.addValue("water", query.waterBody());
        }
        List<ResponseRecords.Facts> facts = facts(where.toString(), params);
        return new PublicReportStatistics(ResponseRecords.of(facts),
                ResponseRecords.byKey(facts, ResponseRecords.Facts::waterBody),
                ResponseRecords.byKey(facts, ResponseRecords.Facts::jurisdictionId),
                ResponseRecords.byMonth(facts));
    }

    @QueryHandler
    public RiverChiefList handle(ListRiverChiefsQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (query.waterBody() != null) {
            where.append(" AND water_body = :water");
            params.addValue("water", query.waterBody());
        }
        if (query.jurisdictionId() != null) {
            where.append(" AND jurisdiction_id = :jurisdiction");
            params.addValue("jurisdiction", query.jurisdictionId());
        }
        List<RiverChiefView> chiefs = jdbc.query("SELECT chief_id, jurisdiction_id, name, office, water_body,"
                + " section_ids_json, from_date, to_date FROM river_chief" + where
                + " ORDER BY water_body, from_date, chief_id", params, (rs, i) -> new RiverChiefView(
                rs.getString("chief_id"), rs.getString("jurisdiction_id"), rs.getString("name"),
                rs.getString("office"), rs.getString("water_body"),
                JsonColumns.read(sectionsReader, rs.getString("section_ids_json"), "river chief"),
                rs.getObject("from_date", LocalDate.class), rs.getObject("to_date", LocalDate.class), null));
        List<RiverChiefView> withRecords = new ArrayList<>();
        for (RiverChiefView chief : chiefs) {
            List<ResponseRecords.Facts> term = facts(" WHERE jurisdiction_id = :jurisdiction",
                    new MapSqlParameterSource("jurisdiction", chief.jurisdictionId())).stream()
                    .filter(r -> chief.waterBody().equals(r.waterBody())
                            || (r.sectionId() != null && chief.sectionIds().contains(r.sectionId())))
                    .filter(r -> !r.filedOn().isBefore(chief.from())
                            && (chief.to() == null || !r.filedOn().isAfter(chief.to())))
                    .toList();
            withRecords.add(new RiverChiefView(chief.chiefId(), chief.jurisdictionId(), chief.name(), chief.office(),
                    chief.waterBody(), chief.sectionIds(), chief.from(), chief.to(), ResponseRecords.of(term)));
        }
        return new RiverChiefList(withRecords);
    }

    private List<ResponseRecords.Facts> facts(String where, MapSqlParameterSource params) {
        return jdbc.query("SELECT " + FACTS + " FROM public_report" + where, params,
                (rs, i) -> new ResponseRecords.Facts(rs.getString("report_id"),
                        PublicReportStatus.valueOf(rs.getString("status")), rs.getString("jurisdiction_id"),
                        rs.getString("water_body"), rs.getString("section_id"), instant(rs, "filed_at"),
                        instant(rs, "answered_at"), rs.getBoolean("answered_in_time"),
                        rs.getObject("overdue_since") != null));
    }

    /** A coordinate as it was given, without the column's trailing zeros (never in exponent form). */
    private static java.math.BigDecimal coordinate(java.math.BigDecimal stored) {
        if (stored == null) {
            return null;
        }
        java.math.BigDecimal stripped = stored.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private PublicReportView view(ResultSet rs) throws SQLException {
        String action = rs.getString("action_taken");
        PublicReportView.Answer answer = action == null ? null : new PublicReportView.Answer(
                rs.getString("answer_text"), ActionTaken.valueOf(action),
                JsonColumns.read(evidenceReader, rs.getString("answer_evidence"), "public report"),
                instant(rs, "answered_at"), rs.getBoolean("answered_in_time"));
        PublicReportStatus status = PublicReportStatus.valueOf(rs.getString("status"));
        return new PublicReportView(rs.getString("report_id"), rs.getString("basin"), rs.getString("agreement_id"),
                rs.getString("section_id"), rs.getString("water_body"),
                new ReportPlace(rs.getString("place_description"), coordinate(rs.getBigDecimal("latitude")),
                        coordinate(rs.getBigDecimal("longitude"))),
                PublicReportCategory.valueOf(rs.getString("category")), rs.getString("description"),
                instant(rs, "observed_at"),
                JsonColumns.read(photosReader, rs.getString("photos_json"), "public report"), status,
                instant(rs, "filed_at"), rs.getString("jurisdiction_id"), rs.getObject("answer_by", LocalDate.class),
                instant(rs, "assigned_at"), status == PublicReportStatus.ASSIGNED && rs.getObject("overdue_since") != null,
                instant(rs, "overdue_since"), rs.getString("rejection_reason"), instant(rs, "rejected_at"), answer,
                rs.getLong("version"));
    }
}
