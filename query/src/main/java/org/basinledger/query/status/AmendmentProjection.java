package org.basinledger.query.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.basinledger.api.agreement.AmendmentAdoptedEvent;
import org.basinledger.api.agreement.AmendmentList;
import org.basinledger.api.agreement.AmendmentProposedEvent;
import org.basinledger.api.agreement.AmendmentRejectedEvent;
import org.basinledger.api.agreement.AmendmentSignedEvent;
import org.basinledger.api.agreement.AmendmentStatus;
import org.basinledger.api.agreement.AmendmentTermsDocument;
import org.basinledger.api.agreement.AmendmentTookEffectEvent;
import org.basinledger.api.agreement.AmendmentTookEffectEvent.AmendmentSignature;
import org.basinledger.api.agreement.AmendmentView;
import org.basinledger.api.agreement.FindAmendmentTermsQuery;
import org.basinledger.api.agreement.FindAmendmentsQuery;
import org.basinledger.query.support.Projections;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read model of the amendments of agreements in force, in {@code agreement_amendment}: one row per amendment, its
 * view as JSON and its canonical document exactly as signed. Each event is applied to the row at once and only
 * if it is news (a redelivered proposal finds its row, a redelivered signature its signer, a redelivered adoption,
 * rejection or taking effect the state it leads to), so a replay writes the same rows.
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
public class AmendmentProjection {

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectWriter writer;
    private final ObjectReader reader;

    public AmendmentProjection(NamedParameterJdbcTemplate jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.writer = objectMapper.writerFor(AmendmentView.class);
        this.reader = objectMapper.readerFor(AmendmentView.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @EventHandler
    void on(AmendmentProposedEvent event, @Timestamp Instant at) {
        if (load(event.agreementId(), event.number()) != null) {
            return;
        }
        AmendmentView view = new AmendmentView(event.number(), AmendmentStatus.OPEN_FOR_SIGNATURE, event.reason(),
                event.validFrom(), event.termsHash(), List.of(), null, event.proposedBy(), at,
                event.replacesTermsHash(), List.copyOf(event.signatories()), null, null, null, null);
        jdbc.update("INSERT INTO agreement_amendment (agreement_id, number, status, terms_hash, canonical_document,"
                        + " view_json) VALUES (:id, :number, :status, :hash, :document, :json)",
                new MapSqlParameterSource()
                        .addValue("id", event.agreementId())
                        .addValue("number", event.number())
                        .addValue("status", view.status().name())
                        .addValue("hash", event.termsHash())
                        .addValue("document", event.canonicalDocument())
                        .addValue("json", write(view)));
    }

    @EventHandler
    void on(AmendmentSignedEvent event, @Timestamp Instant at) {
        change(event.agreementId(), event.number(), v -> {
            if (v.signatures().stream().anyMatch(s -> s.jurisdictionId().equals(event.jurisdictionId()))) {
                return v;
            }
            List<AmendmentSignature> signatures = new ArrayList<>(v.signatures());
            signatures.add(new AmendmentSignature(event.jurisdictionId(), event.keyId(), at));
            return new AmendmentView(v.number(), v.status(), v.reason(), v.validFrom(), v.termsHash(),
                    List.copyOf(signatures), v.adoptedAt(), v.proposedBy(), v.proposedAt(), v.replacesTermsHash(),
                    v.signatories(), v.inEffectAt(), v.rejectedBy(), v.rejectionReason(), v.rejectedAt());
        });
    }

    @EventHandler
    void on(AmendmentAdoptedEvent event, @Timestamp Instant at) {
        change(event.agreementId(), event.number(), v -> v.status() == AmendmentStatus.ADOPTED ? v
                : new AmendmentView(v.number(), AmendmentStatus.ADOPTED, v.reason(), v.validFrom(), v.termsHash(),
                v.signatures(), at, v.proposedBy(), v.proposedAt(), v.replacesTermsHash(), v.signatories(),
                v.inEffectAt(), null, null, null));
    }

    @EventHandler
    void on(AmendmentRejectedEvent event, @Timestamp Instant at) {
        change(event.agreementId(), event.number(), v -> v.status() == AmendmentStatus.REJECTED ? v
                : new AmendmentView(v.number(), AmendmentStatus.REJECTED, v.reason(), v.validFrom(), v.termsHash(),
                v.signatures(), null, v.proposedBy(), v.proposedAt(), v.replacesTermsHash(), v.signatories(), null,
                event.rejectedBy(), event.reason(), at));
    }

    @EventHandler
    void on(AmendmentTookEffectEvent event, @Timestamp Instant at) {
        change(event.agreementId(), event.number(), v -> v.inEffectAt() != null ? v
                : new AmendmentView(v.number(), v.status(), v.reason(), v.validFrom(), v.termsHash(),
                v.signatures(), v.adoptedAt(), v.proposedBy(), v.proposedAt(), v.replacesTermsHash(),
                v.signatories(), at, v.rejectedBy(), v.rejectionReason(), v.rejectedAt()));
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcOperations().update("DELETE FROM agreement_amendment");
    }

    @QueryHandler
    public AmendmentList handle(FindAmendmentsQuery query) {
        List<AmendmentView> items = jdbc.query("SELECT view_json FROM agreement_amendment WHERE agreement_id = :id"
                        + " ORDER BY number", Map.of("id", query.agreementId()),
                (rs, i) -> read(rs.getString("view_json")));
        return new AmendmentList(query.agreementId(), items);
    }

    @QueryHandler
    public AmendmentTermsDocument handle(FindAmendmentTermsQuery query) {
        return jdbc.query("SELECT canonical_document, terms_hash, view_json FROM agreement_amendment"
                                + " WHERE agreement_id = :id AND number = :number",
                        Map.of("id", query.agreementId(), "number", query.number()),
                        (rs, i) -> new AmendmentTermsDocument(query.agreementId(), query.number(),
                                rs.getString("canonical_document"), rs.getString("terms_hash"),
                                read(rs.getString("view_json"))))
                .stream().findFirst().orElse(null);
    }

    private void change(String agreementId, int number, UnaryOperator<AmendmentView> change) {
        AmendmentView current = load(agreementId, number);
        if (current == null) {
            throw new IllegalStateException("amendment " + number + " of agreement " + agreementId
                    + " changed before it was proposed");
        }
        AmendmentView next = change.apply(current);
        if (next == current) {
            return;
        }
        jdbc.update("UPDATE agreement_amendment SET status = :status, view_json = :json"
                        + " WHERE agreement_id = :id AND number = :number",
                new MapSqlParameterSource()
                        .addValue("id", agreementId)
                        .addValue("number", number)
                        .addValue("status", next.status().name())
                        .addValue("json", write(next)));
    }

    private AmendmentView load(String agreementId, int number) {
        return jdbc.query("SELECT view_json FROM agreement_amendment WHERE agreement_id = :id AND number = :number",
                        Map.of("id", agreementId, "number", number), (rs, i) -> read(rs.getString("view_json")))
                .stream().findFirst().orElse(null);
    }

    private String write(AmendmentView view) {
        try {
            return writer.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize amendment " + view.number(), e);
        }
    }

    private AmendmentView read(String json) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored amendment", e);
        }
    }
}
