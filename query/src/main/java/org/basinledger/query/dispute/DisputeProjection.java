package org.basinledger.query.dispute;

import static org.basinledger.query.support.EventMessages.aggregateSequence;
import static org.basinledger.query.support.EventMessages.instant;
import static org.basinledger.query.support.EventMessages.sqlTime;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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
import org.basinledger.api.common.Money;
import org.basinledger.api.compliance.ComplianceHistory.RulingView;
import org.basinledger.api.dispute.DisputeCaseFile;
import org.basinledger.api.dispute.DisputeList;
import org.basinledger.api.dispute.DisputeRaisedEvent;
import org.basinledger.api.dispute.DisputeRuledEvent;
import org.basinledger.api.dispute.DisputeStatus;
import org.basinledger.api.dispute.DisputeSummary;
import org.basinledger.api.dispute.DisputeWithdrawnEvent;
import org.basinledger.api.dispute.FindDisputeQuery;
import org.basinledger.api.dispute.ListDisputesQuery;
import org.basinledger.api.dispute.MediatorAssignedEvent;
import org.basinledger.api.dispute.Remedy;
import org.basinledger.api.dispute.RemedyType;
import org.basinledger.api.dispute.Ruling;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.StatementAddedEvent;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.query.history.AgreementHistoryProjection;
import org.basinledger.query.support.JsonColumns;
import org.basinledger.query.support.Projections;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Disputes, one row per dispute in {@code dispute} (parties, state and ruling) and one per statement in
 * {@code dispute_statement}. A dispute row keeps the aggregate sequence of the last event applied
 * ({@code version}): an event that is not newer is a redelivery and changes nothing, its statement included.
 *
 * <p>The case file's related history is the agreement's history as {@link AgreementHistoryProjection} holds it.
 * The status view's {@code openDisputes} is computed from this table by the status projection, and the
 * compliance history's rulings are read from it ({@link #rulings}).
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
public class DisputeProjection {

    private static final String COLUMNS = "dispute_id, agreement_id, subject_type, subject_id, claimant,"
            + " respondents_json, claim, mediator_id, status, ruling_mediator_id, ruling_outcome, ruling_reasoning,"
            + " adjusted_amount, adjusted_currency, ruled_at, raised_at, updated_at, remedy_type, remedy_amount,"
            + " remedy_currency, ruling_remedy_type, ruling_remedy_amount, ruling_remedy_currency";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final ObjectReader respondentsReader;
    private final ObjectReader evidenceReader;
    private final AgreementHistoryProjection history;

    public DisputeProjection(NamedParameterJdbcTemplate jdbc, ObjectMapper objectMapper,
                             AgreementHistoryProjection history) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.respondentsReader = objectMapper.readerForListOf(String.class);
        // Rows written by an older release may carry fields the current records no longer have.
        this.evidenceReader = objectMapper.readerForListOf(Evidence.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.history = history;
    }

    @EventHandler
    void on(DisputeRaisedEvent event, EventMessage<?> message) {
        long sequence = aggregateSequence(message);
        if (exists(event.disputeId())) {
            return;
        }
        Subject subject = event.subject();
        jdbc.update("INSERT INTO dispute (dispute_id, agreement_id, subject_type, subject_id, claimant,"
                        + " respondents_json, claim, status, raised_at, updated_at, version, remedy_type, remedy_amount,"
                        + " remedy_currency) VALUES (:id, :agreementId, :subjectType, :subjectId, :claimant,"
                        + " :respondents, :claim, :status, :at, :at, :version, :remedyType, :remedyAmount,"
                        + " :remedyCurrency)",
                withRemedy(new MapSqlParameterSource()
                        .addValue("id", event.disputeId())
                        .addValue("agreementId", event.agreementId())
                        .addValue("subjectType", subject.type().name())
                        .addValue("subjectId", subject.id())
                        .addValue("claimant", event.claimant())
                        .addValue("respondents", json(event.respondents() == null ? List.of() : event.respondents()))
                        .addValue("claim", event.claim())
                        .addValue("status", DisputeStatus.OPEN.name())
                        .addValue("at", sqlTime(message.getTimestamp()))
                        .addValue("version", sequence), event.remedy(), "remedy"));
    }

    /** Adds the remedy's type, amount and currency as {@code <prefix>Type}, {@code …Amount}, {@code …Currency}. */
    private static MapSqlParameterSource withRemedy(MapSqlParameterSource params, Remedy remedy, String prefix) {
        Money amount = remedy == null ? null : remedy.amount();
        return params
                .addValue(prefix + "Type", remedy == null || remedy.type() == null ? null : remedy.type().name(),
                        Types.VARCHAR)
                .addValue(prefix + "Amount", amount == null ? null : amount.amount(), Types.DECIMAL)
                .addValue(prefix + "Currency", amount == null ? null : amount.currency(), Types.VARCHAR);
    }

    private static Remedy remedy(ResultSet rs, String prefix) throws SQLException {
        String type = rs.getString(prefix + "_type");
        if (type == null) {
            return null;
        }
        BigDecimal amount = rs.getBigDecimal(prefix + "_amount");
        return new Remedy(RemedyType.valueOf(type), amount == null ? null
                : Money.of(amount, rs.getString(prefix + "_currency")));
    }

    @EventHandler
    void on(MediatorAssignedEvent event, EventMessage<?> message) {
        advance(event.disputeId(), message, "status = :status, mediator_id = :mediatorId",
                new MapSqlParameterSource()
                        .addValue("status", DisputeStatus.UNDER_MEDIATION.name())
                        .addValue("mediatorId", event.mediatorId()));
    }

    @EventHandler
    void on(StatementAddedEvent event, EventMessage<?> message) {
        if (!advance(event.disputeId(), message, null, new MapSqlParameterSource())) {
            return;
        }
        jdbc.update("INSERT INTO dispute_statement (dispute_id, number, author_role, author_id, text, evidence_json,"
                        + " added_at) VALUES (:id, :number, :authorRole, :authorId, :text, :evidence, :at)",
                new MapSqlParameterSource()
                        .addValue("id", event.disputeId())
                        .addValue("number", event.number())
                        .addValue("authorRole", event.authorRole())
                        .addValue("authorId", event.authorId())
                        .addValue("text", event.text())
                        .addValue("evidence", json(event.evidence() == null ? List.of() : event.evidence()))
                        .addValue("at", sqlTime(message.getTimestamp())));
    }

    @EventHandler
    void on(DisputeRuledEvent event, EventMessage<?> message) {
        Money adjusted = event.adjustedAmount();
        advance(event.disputeId(), message, "status = :status, ruling_mediator_id = :mediatorId,"
                        + " ruling_outcome = :outcome, ruling_reasoning = :reasoning, adjusted_amount = :amount,"
                        + " adjusted_currency = :currency, ruled_at = :at, ruling_remedy_type = :rulingRemedyType,"
                        + " ruling_remedy_amount = :rulingRemedyAmount, ruling_remedy_currency = :rulingRemedyCurrency",
                withRemedy(new MapSqlParameterSource(), event.remedy(), "rulingRemedy")
                        .addValue("status", DisputeStatus.RULED.name())
                        .addValue("mediatorId", event.mediatorId())
                        .addValue("outcome", event.outcome() == null ? null : event.outcome().name(), Types.VARCHAR)
                        .addValue("reasoning", event.reasoning())
                        .addValue("amount", adjusted == null ? null : adjusted.amount(), Types.DECIMAL)
                        .addValue("currency", adjusted == null ? null : adjusted.currency(), Types.VARCHAR));
    }

    @EventHandler
    void on(DisputeWithdrawnEvent event, EventMessage<?> message) {
        advance(event.disputeId(), message, "status = :status, withdrawn_at = :at",
                new MapSqlParameterSource().addValue("status", DisputeStatus.WITHDRAWN.name()));
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcOperations().update("DELETE FROM dispute_statement");
        jdbc.getJdbcOperations().update("DELETE FROM dispute");
    }

    /**
     * The case file: the dispute, its statements by number, and every entry of its agreement's history up to now
     * in the history's order; null when the dispute is unknown.
     */
    @QueryHandler
    public DisputeCaseFile handle(FindDisputeQuery query) {
        DisputeSummary summary = jdbc.query("SELECT " + COLUMNS + " FROM dispute WHERE dispute_id = :id",
                Map.of("id", query.disputeId()), (rs, i) -> summary(rs)).stream().findFirst().orElse(null);
        if (summary == null) {
            return null;
        }
        List<DisputeCaseFile.Statement> statements = jdbc.query("SELECT number, author_role, author_id, text,"
                        + " evidence_json, added_at FROM dispute_statement WHERE dispute_id = :id ORDER BY number",
                Map.of("id", query.disputeId()),
                (rs, i) -> new DisputeCaseFile.Statement(rs.getInt("number"), rs.getString("author_role"),
                        rs.getString("author_id"), rs.getString("text"),
                        read(evidenceReader, rs.getString("evidence_json")), instant(rs, "added_at")));
        return new DisputeCaseFile(summary, statements, history.entries(summary.agreementId()));
    }

    /** Newest first, a page of them; agreement, status and assigned mediator each optional. */
    @QueryHandler
    public DisputeList handle(ListDisputesQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (query.agreementId() != null) {
            where.append(" AND agreement_id = :agreementId");
            params.addValue("agreementId", query.agreementId());
        }
        if (query.status() != null) {
            where.append(" AND status = :status");
            params.addValue("status", query.status().name());
        }
        if (query.mediatorId() != null) {
            where.append(" AND mediator_id = :mediatorId");
            params.addValue("mediatorId", query.mediatorId());
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM dispute" + where, params, Long.class);
        params.addValue("offset", query.offset()).addValue("limit", query.limit());
        return new DisputeList(jdbc.query("SELECT " + COLUMNS + " FROM dispute" + where
                + " ORDER BY raised_at DESC, dispute_id DESC LIMIT :limit OFFSET :offset", params,
                (rs, i) -> summary(rs)), total == null ? 0 : total);
    }

    /**
     * {@code limit} of the rulings on the agreement's disputes from {@code offset}, oldest first (for its compliance
     * history).
     */
    public List<RulingView> rulings(String agreementId, long offset, int limit) {
        return jdbc.query("SELECT dispute_id, ruling_outcome, ruling_reasoning, ruled_at FROM dispute"
                        + " WHERE agreement_id = :agreementId AND status = :ruled ORDER BY ruled_at, dispute_id"
                        + " LIMIT :limit OFFSET :offset",
                Map.of("agreementId", agreementId, "ruled", DisputeStatus.RULED.name(), "limit", limit,
                        "offset", offset),
                (rs, i) -> new RulingView(rs.getString("dispute_id"), rs.getString("ruling_outcome"),
                        rs.getString("ruling_reasoning"), instant(rs, "ruled_at")));
    }

    /** How many of the agreement's disputes are ruled. */
    public long countRulings(String agreementId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM dispute WHERE agreement_id = :agreementId"
                + " AND status = :ruled", Map.of("agreementId", agreementId, "ruled", DisputeStatus.RULED.name()),
                Long.class);
        return count == null ? 0 : count;
    }

    /**
     * Applies a later event of the dispute: its own columns ({@code set}, may be null), version and updated_at.
     *
     * @return whether it was applied (false: a redelivery of an event already applied)
     */
    private boolean advance(String disputeId, EventMessage<?> message, String set, MapSqlParameterSource params) {
        long sequence = aggregateSequence(message);
        params.addValue("id", disputeId)
                .addValue("version", sequence)
                .addValue("at", sqlTime(message.getTimestamp()));
        int updated = jdbc.update("UPDATE dispute SET " + (set == null ? "" : set + ", ") + "version = :version,"
                + " updated_at = :at WHERE dispute_id = :id AND version < :version", params);
        if (updated == 0) {
            if (!exists(disputeId)) {
                throw new IllegalStateException("dispute " + disputeId + " has an event at sequence " + sequence
                        + " but was never raised");
            }
            return false;
        }
        return true;
    }

    private boolean exists(String disputeId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM dispute WHERE dispute_id = :id",
                Map.of("id", disputeId), Integer.class);
        return count != null && count > 0;
    }

    private DisputeSummary summary(ResultSet rs) throws SQLException {
        String outcome = rs.getString("ruling_outcome");
        Ruling ruling = null;
        if (outcome != null) {
            BigDecimal amount = rs.getBigDecimal("adjusted_amount");
            ruling = new Ruling(rs.getString("ruling_mediator_id"), RulingOutcome.valueOf(outcome),
                    rs.getString("ruling_reasoning"),
                    amount == null ? null : Money.of(amount, rs.getString("adjusted_currency")),
                    instant(rs, "ruled_at"), remedy(rs, "ruling_remedy"));
        }
        return new DisputeSummary(
                rs.getString("dispute_id"),
                rs.getString("agreement_id"),
                new Subject(SubjectType.valueOf(rs.getString("subject_type")), rs.getString("subject_id")),
                rs.getString("claimant"),
                read(respondentsReader, rs.getString("respondents_json")),
                rs.getString("claim"),
                rs.getString("mediator_id"),
                DisputeStatus.valueOf(rs.getString("status")),
                ruling,
                instant(rs, "raised_at"),
                instant(rs, "updated_at"),
                remedy(rs, "remedy"));
    }

    private String json(Object value) {
        return JsonColumns.write(objectMapper, value);
    }

    private static <T> T read(ObjectReader reader, String json) {
        return JsonColumns.read(reader, json, "dispute");
    }
}
