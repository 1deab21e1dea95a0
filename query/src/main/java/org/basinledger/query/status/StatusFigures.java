package org.basinledger.query.status;

import static org.basinledger.query.support.EventMessages.instant;
import static org.basinledger.query.support.EventMessages.sqlTime;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.basinledger.api.agreement.AgreementStatusView.LastAssessment;
import org.basinledger.api.agreement.AgreementStatusView.Outstanding;
import org.basinledger.api.common.Money;
import org.basinledger.api.dispute.DisputeStatus;
import org.basinledger.api.transfer.TransferStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The parts of a status view that are not folded from the agreement's own events but read, at the instant of
 * the view, from the tables of the transfer, compliance and dispute projections ({@code compensation_transfer}
 * and its adjustments, {@code compliance_assessment}, {@code dispute}), a whole page of agreements in one query
 * each.
 */
final class StatusFigures {

    /** Nothing owed: no transfer, zero yuan. */
    static final Outstanding NOTHING_OUTSTANDING = new Outstanding(0, Money.zero(Money.CNY));

    /** Statuses under which nothing is owed any more ({@link TransferStatus#isOutstanding()} is false). */
    private static final List<String> ENDED = List.of(TransferStatus.SETTLED.name(), TransferStatus.CANCELLED.name());

    /** Dispute statuses that count as open ({@link DisputeStatus#isOpen()}). */
    private static final List<String> OPEN_DISPUTE = Arrays.stream(DisputeStatus.values())
            .filter(DisputeStatus::isOpen).map(DisputeStatus::name).toList();

    private final NamedParameterJdbcTemplate jdbc;

    StatusFigures(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What is owed under each agreement: now ({@code asOf} null) every transfer neither settled nor cancelled (nor
     * settled and disputed since);
     * at {@code asOf}, those created at or before it and neither settled nor cancelled at or before it, each at
     * the amount it had then (a later ruling's adjustment undone).
     * Agreements with nothing outstanding are absent from the answer.
     *
     * <p>The total is in the transfers' currency. Should an agreement's outstanding transfers be in several
     * currencies, {@code count} covers them all and {@code total} is that of the currency with most of them (the
     * view holds one amount).
     */
    Map<String, Outstanding> outstanding(Collection<String> agreementIds, Instant asOf) {
        if (agreementIds.isEmpty()) {
            return Map.of();
        }
        MapSqlParameterSource params = new MapSqlParameterSource("ids", agreementIds);
        String transfers;
        if (asOf == null) {
            transfers = "SELECT agreement_id, currency, amount FROM compensation_transfer"
                    + " WHERE agreement_id IN (:ids) AND status NOT IN (:ended) AND settled_at IS NULL";
            params.addValue("ended", ENDED);
        } else {
            // the amount then: before the first adjustment made after asOf, if any, else the current one
            transfers = "SELECT t.agreement_id, COALESCE(a.previous_currency, t.currency) AS currency,"
                    + " COALESCE(a.previous_amount, t.amount) AS amount FROM compensation_transfer t"
                    + " LEFT JOIN compensation_transfer_adjustment a ON a.transfer_id = t.transfer_id"
                    + " AND a.version = (SELECT MIN(b.version) FROM compensation_transfer_adjustment b"
                    + " WHERE b.transfer_id = t.transfer_id AND b.adjusted_at > :asOf)"
                    + " WHERE t.agreement_id IN (:ids) AND t.created_at <= :asOf"
                    + " AND (t.settled_at IS NULL OR t.settled_at > :asOf)"
                    + " AND (t.cancelled_at IS NULL OR t.cancelled_at > :asOf)";
            params.addValue("asOf", sqlTime(asOf));
        }
        Map<String, List<Outstanding>> perCurrency = new HashMap<>();
        jdbc.query("SELECT agreement_id, currency, COUNT(*) AS n, SUM(amount) AS total FROM (" + transfers + ") x"
                        + " GROUP BY agreement_id, currency", params,
                rs -> {
                    perCurrency.computeIfAbsent(rs.getString("agreement_id"), id -> new ArrayList<>())
                            .add(new Outstanding(rs.getInt("n"), Money.of(total(rs.getBigDecimal("total")),
                                    rs.getString("currency"))));
                });
        Map<String, Outstanding> answer = new HashMap<>();
        perCurrency.forEach((agreementId, currencies) -> {
            int count = currencies.stream().mapToInt(Outstanding::count).sum();
            Outstanding main = currencies.stream()
                    .min(Comparator.comparingInt(Outstanding::count).reversed()
                            .thenComparing(o -> o.total().currency()))
                    .orElseThrow();
            answer.put(agreementId, new Outstanding(count, main.total()));
        });
        return answer;
    }

    /**
     * The most recent assessment of each agreement not annulled, now ({@code asOf} null) or among those assessed
     * at or before {@code asOf} and not annulled by then. Agreements never assessed (by then) are absent from the
     * answer.
     */
    Map<String, LastAssessment> lastAssessments(Collection<String> agreementIds, Instant asOf) {
        if (agreementIds.isEmpty()) {
            return Map.of();
        }
        MapSqlParameterSource params = new MapSqlParameterSource("ids", agreementIds);
        String until = " AND annulled = FALSE";
        if (asOf != null) {
            until = " AND assessed_at <= :asOf AND (annulled_at IS NULL OR annulled_at > :asOf)";
            params.addValue("asOf", sqlTime(asOf));
        }
        Map<String, LastAssessment> answer = new HashMap<>();
        jdbc.query("SELECT agreement_id, assessment_id, section_id, period, met, assessed_at FROM"
                        + " (SELECT agreement_id, assessment_id, section_id, period, met, assessed_at,"
                        + " ROW_NUMBER() OVER (PARTITION BY agreement_id ORDER BY assessed_at DESC, aggregate_sequence DESC,"
                        + " assessment_id DESC) AS recency FROM compliance_assessment"
                        + " WHERE agreement_id IN (:ids)" + until + ") a WHERE recency = 1", params,
                rs -> {
                    answer.put(rs.getString("agreement_id"), new LastAssessment(rs.getString("assessment_id"),
                            rs.getString("section_id"), rs.getString("period"), rs.getBoolean("met"),
                            instant(rs, "assessed_at")));
                });
        return answer;
    }

    /**
     * The number of each agreement's disputes open (OPEN or UNDER_MEDIATION): now ({@code asOf} null), or those
     * raised at or before {@code asOf} and neither ruled nor withdrawn at or before it. Agreements without an open
     * dispute (then) are absent from the answer.
     */
    Map<String, Integer> openDisputes(Collection<String> agreementIds, Instant asOf) {
        if (agreementIds.isEmpty()) {
            return Map.of();
        }
        MapSqlParameterSource params = new MapSqlParameterSource("ids", agreementIds);
        String when;
        if (asOf == null) {
            when = " AND status IN (:open)";
            params.addValue("open", OPEN_DISPUTE);
        } else {
            when = " AND raised_at <= :asOf AND (ruled_at IS NULL OR ruled_at > :asOf)"
                    + " AND (withdrawn_at IS NULL OR withdrawn_at > :asOf)";
            params.addValue("asOf", sqlTime(asOf));
        }
        Map<String, Integer> answer = new HashMap<>();
        jdbc.query("SELECT agreement_id, COUNT(*) AS n FROM dispute WHERE agreement_id IN (:ids)" + when
                + " GROUP BY agreement_id", params, rs -> {
                    answer.put(rs.getString("agreement_id"), rs.getInt("n"));
                });
        return answer;
    }

    /**
     * For each agreement, the public agreement that names it as its predecessor (the next round), by agreement id;
     * when several do, the one drafted first. An agreement without one is absent.
     */
    Map<String, String> successors(Collection<String> agreementIds) {
        Map<String, String> answer = new HashMap<>();
        jdbc.query("SELECT predecessor_id, agreement_id FROM agreement_status WHERE predecessor_id IN (:ids) AND "
                        + AgreementStatusProjection.isPublic("") + " ORDER BY drafted_at DESC, agreement_id DESC",
                Map.of("ids", agreementIds),
                rs -> {
                    answer.put(rs.getString("predecessor_id"), rs.getString("agreement_id"));
                });
        return answer;
    }

    private static BigDecimal total(BigDecimal sum) {
        return sum == null ? BigDecimal.ZERO : sum;
    }
}
