package org.basinledger.query.compliance;

import static org.basinledger.query.support.EventMessages.aggregateSequence;
import static org.basinledger.query.support.EventMessages.instant;
import static org.basinledger.query.support.EventMessages.sqlTime;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.compliance.AssessmentInputs;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.AssessmentResult;
import org.basinledger.api.compliance.AssessmentView;
import org.basinledger.api.compliance.ComplianceHistory;
import org.basinledger.api.compliance.FindAssessmentQuery;
import org.basinledger.api.compliance.FindMonitoringReportQuery;
import org.basinledger.api.compliance.ListMonitoringReportsQuery;
import org.basinledger.api.compliance.MonitoringReportList;
import org.basinledger.api.compliance.MonitoringReportStatus;
import org.basinledger.api.compliance.MonitoringReportSubmittedEvent;
import org.basinledger.api.compliance.MonitoringReportView;
import org.basinledger.api.compliance.Sample;
import org.basinledger.api.dispute.SubjectConsequence;
import org.basinledger.api.dispute.SubjectDisputeClosedEvent;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.query.support.JsonColumns;
import org.basinledger.query.support.Projections;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Monitoring reports ({@code compliance_report}) and assessments ({@code compliance_assessment}) of agreements.
 * What was recorded is immutable: an event whose report or assessment id is already stored is a redelivery
 * and changes nothing. Disputes change only a report's {@code status} (guarded by the aggregate sequence of the
 * event that last set it) and an assessment's {@code annulled} (final once set). Samples, inputs and results are kept as the ObjectMapper writes them (decimals as
 * strings), so every decimal reads back exactly.
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
public class ComplianceProjection {

    private static final String REPORT_COLUMNS = "report_id, agreement_id, section_id, period, submitted_by,"
            + " submitted_at, samples_json, flow, status";
    private static final String ASSESSMENT_COLUMNS = "assessment_id, agreement_id, section_id, rule, period,"
            + " inputs_json, result_json, transfer_id, assessed_by, assessed_at, terms_version";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final ObjectReader samplesReader;
    private final ObjectReader inputsReader;
    private final ObjectReader resultReader;

    public ComplianceProjection(NamedParameterJdbcTemplate jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        // Rows written by an older release may carry fields the current records no longer have.
        this.samplesReader = objectMapper.readerForListOf(Sample.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.inputsReader = objectMapper.readerFor(AssessmentInputs.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.resultReader = objectMapper.readerFor(AssessmentResult.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @EventHandler
    void on(MonitoringReportSubmittedEvent event, EventMessage<?> message) {
        if (exists("SELECT COUNT(*) FROM compliance_report WHERE report_id = :id", event.reportId())) {
            return;
        }
        jdbc.update("INSERT INTO compliance_report (report_id, agreement_id, section_id, period, submitted_by,"
                        + " submitted_at, aggregate_sequence, samples_json, flow) VALUES (:id, :agreementId,"
                        + " :sectionId, :period, :submittedBy, :at, :sequence, :samples, :flow)",
                new MapSqlParameterSource()
                        .addValue("id", event.reportId())
                        .addValue("agreementId", event.agreementId())
                        .addValue("sectionId", event.sectionId())
                        .addValue("period", event.period())
                        .addValue("submittedBy", event.submittedBy())
                        .addValue("at", sqlTime(message.getTimestamp()))
                        .addValue("sequence", sequenceOrNull(message), Types.BIGINT)
                        .addValue("samples", json(event.samples() == null ? List.of() : event.samples()))
                        .addValue("flow", event.flowCubicMetresPerSecond(), Types.DECIMAL));
    }

    @EventHandler
    void on(AssessmentRecordedEvent event, EventMessage<?> message) {
        if (exists("SELECT COUNT(*) FROM compliance_assessment WHERE assessment_id = :id", event.assessmentId())) {
            return;
        }
        jdbc.update("INSERT INTO compliance_assessment (assessment_id, agreement_id, section_id, rule, period, met,"
                        + " inputs_json, result_json, transfer_id, assessed_by, assessed_at, aggregate_sequence,"
                        + " terms_version) VALUES (:id, :agreementId, :sectionId, :rule, :period, :met, :inputs, :result,"
                        + " :transferId, :assessedBy, :at, :sequence, :termsVersion)",
                new MapSqlParameterSource()
                        .addValue("id", event.assessmentId())
                        .addValue("agreementId", event.agreementId())
                        .addValue("sectionId", event.sectionId())
                        .addValue("rule", event.rule().name())
                        .addValue("period", event.period())
                        .addValue("met", event.result() != null && event.result().met())
                        .addValue("inputs", json(event.inputs()))
                        .addValue("result", json(event.result()))
                        .addValue("transferId", event.transferId())
                        .addValue("assessedBy", event.assessedBy())
                        .addValue("at", sqlTime(message.getTimestamp()))
                        .addValue("sequence", sequenceOrNull(message), Types.BIGINT)
                        // assessments recorded before agreements could be amended were all of version 0
                        .addValue("termsVersion", event.termsVersion() == null ? 0 : event.termsVersion()));
    }

    /**
     * A disputed monitoring report is {@code DISPUTED} (out of assessments until the ruling). Other subjects keep
     * their rows: a disputed assessment's transfer is disputed by its own event.
     */
    @EventHandler
    void on(SubjectDisputedEvent event, EventMessage<?> message) {
        if (event.subject().type() == SubjectType.MONITORING_REPORT) {
            reportStatus(event.subject().id(), MonitoringReportStatus.DISPUTED, message);
        }
    }

    /**
     * The end of a dispute on a report: {@code REPORT_REJECTED} makes it {@code REJECTED} (on record, out of
     * assessments for good), {@code RELEASED} {@code ACCEPTED} again. {@code ASSESSMENT_ANNULLED} marks the
     * assessment annulled: on record, but no longer in the compliance history, its summary or the last assessment.
     */
    @EventHandler
    void on(SubjectDisputeClosedEvent event, EventMessage<?> message) {
        SubjectType type = event.subject().type();
        if (type == SubjectType.MONITORING_REPORT && event.consequence() == SubjectConsequence.REPORT_REJECTED) {
            reportStatus(event.subject().id(), MonitoringReportStatus.REJECTED, message);
        } else if (type == SubjectType.MONITORING_REPORT && event.consequence() == SubjectConsequence.RELEASED) {
            reportStatus(event.subject().id(), MonitoringReportStatus.ACCEPTED, message);
        } else if (type == SubjectType.ASSESSMENT && event.consequence() == SubjectConsequence.ASSESSMENT_ANNULLED) {
            String assessmentId = event.subject().id();
            // annulment is final: a redelivery finds it annulled and keeps the first annulled_at
            int updated = jdbc.update("UPDATE compliance_assessment SET annulled = TRUE, annulled_at = :at"
                            + " WHERE assessment_id = :id AND annulled = FALSE",
                    new MapSqlParameterSource()
                            .addValue("id", assessmentId)
                            .addValue("at", sqlTime(message.getTimestamp())));
            if (updated == 0
                    && !exists("SELECT COUNT(*) FROM compliance_assessment WHERE assessment_id = :id", assessmentId)) {
                throw new IllegalStateException("assessment " + assessmentId + " was annulled but never recorded");
            }
        }
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcOperations().update("DELETE FROM compliance_assessment");
        jdbc.getJdbcOperations().update("DELETE FROM compliance_report");
    }

    @QueryHandler
    public MonitoringReportView handle(FindMonitoringReportQuery query) {
        return jdbc.query("SELECT " + REPORT_COLUMNS + " FROM compliance_report WHERE report_id = :id",
                Map.of("id", query.reportId()), (rs, i) -> report(rs)).stream().findFirst().orElse(null);
    }

    /** A page, oldest first; agreement, section and period each optional. */
    @QueryHandler
    public MonitoringReportList handle(ListMonitoringReportsQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (query.agreementId() != null) {
            where.append(" AND agreement_id = :agreementId");
            params.addValue("agreementId", query.agreementId());
        }
        if (query.sectionId() != null) {
            where.append(" AND section_id = :sectionId");
            params.addValue("sectionId", query.sectionId());
        }
        if (query.period() != null) {
            where.append(" AND period = :period");
            params.addValue("period", query.period());
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM compliance_report" + where, params, Long.class);
        params.addValue("offset", query.offset()).addValue("limit", query.limit());
        return new MonitoringReportList(jdbc.query("SELECT " + REPORT_COLUMNS + " FROM compliance_report" + where
                + " ORDER BY submitted_at, aggregate_sequence, report_id LIMIT :limit OFFSET :offset", params,
                (rs, i) -> report(rs)), total == null ? 0 : total);
    }

    @QueryHandler
    public AssessmentView handle(FindAssessmentQuery query) {
        return jdbc.query("SELECT " + ASSESSMENT_COLUMNS + " FROM compliance_assessment WHERE assessment_id = :id",
                Map.of("id", query.assessmentId()), (rs, i) -> assessment(rs)).stream().findFirst().orElse(null);
    }

    /** The assessments of an agreement that were not annulled, oldest first. */
    public List<AssessmentView> assessments(String agreementId) {
        return assessments(agreementId, 0, Integer.MAX_VALUE);
    }

    /** {@code limit} of the agreement's assessments that were not annulled from {@code offset}, oldest first. */
    public List<AssessmentView> assessments(String agreementId, long offset, int limit) {
        return jdbc.query("SELECT " + ASSESSMENT_COLUMNS + " FROM compliance_assessment WHERE agreement_id = :id"
                + " AND annulled = FALSE ORDER BY assessed_at, aggregate_sequence, assessment_id"
                + " LIMIT :limit OFFSET :offset",
                Map.of("id", agreementId, "limit", limit, "offset", offset),
                (rs, i) -> assessment(rs));
    }

    /** How many assessments of the agreement were not annulled. */
    public long countAssessments(String agreementId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM compliance_assessment WHERE agreement_id = :id"
                + " AND annulled = FALSE", Map.of("id", agreementId), Long.class);
        return count == null ? 0 : count;
    }

    /**
     * Periods assessed (distinct section and period) and met (every assessment of that section and period met),
     * over the assessments not annulled (an annulled one is replaced by the period's new assessment); the rate is
     * met / assessed to 4 decimals HALF_UP, null before any assessment.
     */
    public ComplianceHistory.Summary summary(String agreementId) {
        return jdbc.queryForObject("SELECT COUNT(*) AS assessed, COALESCE(SUM(all_met), 0) AS met FROM"
                        + " (SELECT section_id, period, MIN(CASE WHEN met THEN 1 ELSE 0 END) AS all_met"
                        + " FROM compliance_assessment WHERE agreement_id = :id AND annulled = FALSE"
                        + " GROUP BY section_id, period) p",
                Map.of("id", agreementId), (rs, i) -> {
                    int assessed = rs.getInt("assessed");
                    int met = rs.getInt("met");
                    BigDecimal rate = assessed == 0 ? null
                            : BigDecimal.valueOf(met).divide(BigDecimal.valueOf(assessed), 4, RoundingMode.HALF_UP);
                    return new ComplianceHistory.Summary(assessed, met, rate);
                });
    }

    /**
     * Sets a report's status by an event of the Agreement aggregate, unless an event as new or newer already set
     * it (a redelivery). A report unknown here is refused: it is submitted before it can be disputed.
     */
    private void reportStatus(String reportId, MonitoringReportStatus status, EventMessage<?> message) {
        long sequence = aggregateSequence(message);
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("id", reportId)
                .addValue("status", status.name())
                .addValue("sequence", sequence);
        int updated = jdbc.update("UPDATE compliance_report SET status = :status, status_version = :sequence"
                + " WHERE report_id = :id AND (status_version IS NULL OR status_version < :sequence)", params);
        if (updated == 0 && !exists("SELECT COUNT(*) FROM compliance_report WHERE report_id = :id", reportId)) {
            throw new IllegalStateException("monitoring report " + reportId + " has a dispute event at sequence "
                    + sequence + " but was never submitted");
        }
    }

    private boolean exists(String sql, String id) {
        Integer count = jdbc.queryForObject(sql, Map.of("id", id), Integer.class);
        return count != null && count > 0;
    }

    private static Long sequenceOrNull(EventMessage<?> message) {
        return message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
    }

    private MonitoringReportView report(ResultSet rs) throws SQLException {
        return new MonitoringReportView(
                rs.getString("report_id"),
                rs.getString("agreement_id"),
                rs.getString("section_id"),
                rs.getString("period"),
                rs.getString("submitted_by"),
                instant(rs, "submitted_at"),
                read(samplesReader, rs.getString("samples_json")),
                rs.getBigDecimal("flow"),
                MonitoringReportStatus.valueOf(rs.getString("status")));
    }

    private AssessmentView assessment(ResultSet rs) throws SQLException {
        return new AssessmentView(
                rs.getString("assessment_id"),
                rs.getString("agreement_id"),
                rs.getString("section_id"),
                CompensationRuleType.valueOf(rs.getString("rule")),
                rs.getString("period"),
                read(inputsReader, rs.getString("inputs_json")),
                read(resultReader, rs.getString("result_json")),
                rs.getString("transfer_id"),
                rs.getString("assessed_by"),
                instant(rs, "assessed_at"),
                rs.getInt("terms_version"));
    }

    private String json(Object value) {
        return JsonColumns.write(objectMapper, value);
    }

    private static <T> T read(ObjectReader reader, String json) {
        return JsonColumns.read(reader, json, "compliance");
    }
}
