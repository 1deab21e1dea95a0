package org.basinledger.query.status;

import static org.basinledger.query.support.EventMessages.instant;
import static org.basinledger.query.support.EventMessages.sqlTime;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.basinledger.api.agreement.AgreementStatusView.LastAssessment;
import org.basinledger.api.agreement.AgreementStatusView.Outstanding;
import org.basinledger.api.common.Money;
import org.basinledger.api.transfer.TransferStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The parts of a status view that are not folded from the agreement's own events but read, at the instant of
 * the view, from the tables of the transfer and compliance projections ({@code compensation_transfer},
 * {@code compliance_assessment}), a whole page of agreements in one query each.
 */
final class StatusFigures {

    /** Nothing owed: no transfer, zero yuan. */
    static final Outstanding NOTHING_OUTSTANDING = new Outstanding(0, Money.zero(Money.CNY));

    /** Statuses under which nothing is owed any more ({@link TransferStatus#isOutstanding()} is false). */
    private static final List<String> ENDED = List.of(TransferStatus.SETTLED.name(), TransferStatus.CANCELLED.name());

    private final NamedParameterJdbcTemplate jdbc;

    StatusFigures(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What is owed under each agreement: now ({@code asOf} null) every transfer neither settled nor cancelled;
     * at {@code asOf}, those created at or before it and neither settled nor cancelled at or before it.
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
        String when;
        if (asOf == null) {
            when = " AND status NOT IN (:ended)";
            params.addValue("ended", ENDED);
        } else {
            when = " AND created_at <= :asOf AND (settled_at IS NULL OR settled_at > :asOf)"
                    + " AND (cancelled_at IS NULL OR cancelled_at > :asOf)";
            params.addValue("asOf", sqlTime(asOf));
        }
        Map<String, List<Outstanding>> perCurrency = new HashMap<>();
        jdbc.query("SELECT agreement_id, currency, COUNT(*) AS n, SUM(amount) AS total FROM compensation_transfer"
                        + " WHERE agreement_id IN (:ids)" + when + " GROUP BY agreement_id, currency", params,
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
     * The most recent assessment of each agreement, now ({@code asOf} null) or among those assessed at or before
     * {@code asOf}. Agreements never assessed (by then) are absent from the answer.
     */
    Map<String, LastAssessment> lastAssessments(Collection<String> agreementIds, Instant asOf) {
        if (agreementIds.isEmpty()) {
            return Map.of();
        }
        MapSqlParameterSource params = new MapSqlParameterSource("ids", agreementIds);
        String until = "";
        if (asOf != null) {
            until = " AND assessed_at <= :asOf";
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

    private static BigDecimal total(BigDecimal sum) {
        return sum == null ? BigDecimal.ZERO : sum;
    }
}
