package org.basinledger.query.transfer;

import static org.basinledger.query.support.EventMessages.aggregateSequence;
import static org.basinledger.query.support.EventMessages.instant;
import static org.basinledger.query.support.EventMessages.sqlTime;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.basinledger.api.common.Money;
import org.basinledger.api.transfer.FindBalanceQuery;
import org.basinledger.api.transfer.FindMoneyOverTimeQuery;
import org.basinledger.api.transfer.FindTransferQuery;
import org.basinledger.api.transfer.JurisdictionBalance;
import org.basinledger.api.transfer.LateInterestChargedEvent;
import org.basinledger.api.transfer.JurisdictionBalance.CounterpartyBalance;
import org.basinledger.api.transfer.ListTransfersQuery;
import org.basinledger.api.transfer.MoneyOverTime;
import org.basinledger.api.transfer.MoneyOverTime.MonthlyTotal;
import org.basinledger.api.transfer.TransferAcknowledgedEvent;
import org.basinledger.api.transfer.TransferAdjustedEvent;
import org.basinledger.api.transfer.TransferCancelledEvent;
import org.basinledger.api.transfer.TransferCorrectedEvent;
import org.basinledger.api.transfer.TransferCreatedEvent;
import org.basinledger.api.transfer.TransferDisputedEvent;
import org.basinledger.api.transfer.TransferOverdueEvent;
import org.basinledger.api.transfer.TransferList;
import org.basinledger.api.transfer.TransferPaidEvent;
import org.basinledger.api.transfer.TransferReleasedEvent;
import org.basinledger.api.transfer.TransferSettledEvent;
import org.basinledger.api.transfer.TransferSource;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.api.transfer.TransferView;
import org.basinledger.query.support.Projections;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Compensation transfers, one row per transfer in {@code compensation_transfer}, and the balances between
 * jurisdictions computed from them. A row keeps the aggregate sequence of the last event applied
 * ({@code version}): an event that is not newer is a redelivery and changes nothing. A dispute makes a transfer
 * {@code DISPUTED}; its ruling releases it, adjusts its amount (the amount before kept in
 * {@code compensation_transfer_adjustment}) or cancels it, or, for a transfer already paid, keeps it at what was
 * paid ({@code ruled_amount} records what the ruling set) while a refund or top-up ({@code corrects_transfer_id})
 * carries the difference. Under payment terms a row has its {@code due_date}; {@code overdue_since} is when the
 * ledger recorded it unpaid after that day (overdue while it stays unpaid), {@code late_interest_transfer_id} the
 * interest a late payment created.
 *
 * <p>Balances are an SQL aggregation over the rows that counts only transfers of agreements that have entered
 * into force ({@code agreement_status.in_force_at}, written by the status projection). The status view's
 * {@code outstanding} is computed from this table too, by the status projection.
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
public class TransferProjection {

    private static final String COLUMNS = "transfer_id, agreement_id, payer, payee, amount, currency, reason, source,"
            + " source_id, status, version, created_at, acknowledged_at, paid_at, payment_reference, settled_at,"
            + " updated_at, corrects_transfer_id, ruled_amount, due_date, overdue_since, late_interest_transfer_id,"
            + " scheme_id, "
            + overdue("") + " AS overdue";

    private final NamedParameterJdbcTemplate jdbc;

    public TransferProjection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TransferCreatedEvent event, EventMessage<?> message) {
        long sequence = aggregateSequence(message);
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM compensation_transfer WHERE transfer_id = :id",
                Map.of("id", event.transferId()), Integer.class);
        if (known != null && known > 0) {
            return;
        }
        jdbc.update("INSERT INTO compensation_transfer (transfer_id, agreement_id, payer, payee, amount, currency,"
                        + " reason, source, source_id, status, version, created_at, updated_at, corrects_transfer_id,"
                        + " due_date, scheme_id) VALUES (:id, :agreementId, :payer, :payee, :amount, :currency, :reason,"
                        + " :source, :sourceId, :status, :version, :at, :at, :correctsTransferId, :dueDate, :schemeId)",
                new MapSqlParameterSource()
                        .addValue("id", event.transferId())
                        .addValue("agreementId", event.agreementId(), Types.VARCHAR)
                        .addValue("schemeId", event.schemeId(), Types.VARCHAR)
                        .addValue("payer", event.payer())
                        .addValue("payee", event.payee())
                        .addValue("amount", event.amount().amount())
                        .addValue("currency", event.amount().currency())
                        .addValue("reason", event.reason())
                        .addValue("source", event.source() == null ? null : event.source().name())
                        .addValue("sourceId", event.sourceId())
                        .addValue("correctsTransferId", event.correctsTransferId(), Types.VARCHAR)
                        .addValue("dueDate", event.dueDate(), Types.DATE)
                        .addValue("status", TransferStatus.DUE.name())
                        .addValue("version", sequence)
                        .addValue("at", sqlTime(message.getTimestamp())));
    }

    @EventHandler
    void on(TransferAcknowledgedEvent event, EventMessage<?> message) {
        advance(event.transferId(), message, TransferStatus.ACKNOWLEDGED, "acknowledged_at = :at",
                new MapSqlParameterSource());
    }

    @EventHandler
    void on(TransferPaidEvent event, EventMessage<?> message) {
        // paid_at is when the payer says it paid; updated_at is when the ledger recorded it
        Instant paidAt = event.paidAt() == null ? message.getTimestamp() : event.paidAt();
        advance(event.transferId(), message, TransferStatus.PAID,
                "paid_at = :paidAt, payment_reference = :reference",
                new MapSqlParameterSource()
                        .addValue("paidAt", sqlTime(paidAt))
                        .addValue("reference", event.reference()));
    }

    /** Unpaid after its due date: overdue until paid; the status stays as it was. */
    @EventHandler
    void on(TransferOverdueEvent event, EventMessage<?> message) {
        touch(event.transferId(), message, "overdue_since = :at", new MapSqlParameterSource());
    }

    /** Paid late: the payment names the late-interest transfer it created (a row of its own). */
    @EventHandler
    void on(LateInterestChargedEvent event, EventMessage<?> message) {
        touch(event.transferId(), message, "late_interest_transfer_id = :interestId",
                new MapSqlParameterSource().addValue("interestId", event.interestTransferId()));
    }

    @EventHandler
    void on(TransferSettledEvent event, EventMessage<?> message) {
        advance(event.transferId(), message, TransferStatus.SETTLED, "settled_at = :at", new MapSqlParameterSource());
    }

    /** Under dispute: it cannot move on until the dispute ends (released, adjusted or cancelled). */
    @EventHandler
    void on(TransferDisputedEvent event, EventMessage<?> message) {
        advance(event.transferId(), message, TransferStatus.DISPUTED, null, new MapSqlParameterSource());
    }

    /** The dispute ended without touching it: back in the status the event names. */
    @EventHandler
    void on(TransferReleasedEvent event, EventMessage<?> message) {
        advance(event.transferId(), message, event.status(), null, new MapSqlParameterSource());
    }

    /**
     * A ruling set a new amount: {@code DUE} again at it. The amount before is kept in
     * {@code compensation_transfer_adjustment}, so what was outstanding at an earlier instant stays answerable.
     */
    @EventHandler
    void on(TransferAdjustedEvent event, EventMessage<?> message) {
        Money previous = event.previousAmount() != null ? event.previousAmount() : currentAmount(event.transferId());
        boolean applied = advance(event.transferId(), message, TransferStatus.DUE,
                "amount = :amount, currency = :currency",
                new MapSqlParameterSource()
                        .addValue("amount", event.amount().amount())
                        .addValue("currency", event.amount().currency()));
        if (applied) {
            jdbc.update("INSERT INTO compensation_transfer_adjustment (transfer_id, version, dispute_id,"
                            + " previous_amount, previous_currency, amount, currency, adjusted_at) VALUES (:id, :version,"
                            + " :disputeId, :previousAmount, :previousCurrency, :amount, :currency, :at)",
                    new MapSqlParameterSource()
                            .addValue("id", event.transferId())
                            .addValue("version", aggregateSequence(message))
                            .addValue("disputeId", event.disputeId())
                            .addValue("previousAmount", previous.amount())
                            .addValue("previousCurrency", previous.currency())
                            .addValue("amount", event.amount().amount())
                            .addValue("currency", event.amount().currency())
                            .addValue("at", sqlTime(message.getTimestamp())));
        }
    }

    /**
     * A ruling changed what is owed under a transfer already paid: it keeps its amount (what was paid) and returns
     * to its status; what the ruling set is kept in {@code ruled_amount}. The refund or top-up of the difference is
     * a transfer of its own, created by its own event. Balances need nothing more: the paid transfer still counts
     * at what was paid, the refund (payee to payer) or top-up against it.
     */
    @EventHandler
    void on(TransferCorrectedEvent event, EventMessage<?> message) {
        advance(event.transferId(), message, event.status(), "ruled_amount = :ruledAmount",
                new MapSqlParameterSource().addValue("ruledAmount", event.amount().amount()));
    }

    /** A ruling cancelled it: {@code CANCELLED}, nothing owed from {@code cancelled_at} on. */
    @EventHandler
    void on(TransferCancelledEvent event, EventMessage<?> message) {
        advance(event.transferId(), message, TransferStatus.CANCELLED, "cancelled_at = :at",
                new MapSqlParameterSource());
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcOperations().update("DELETE FROM compensation_transfer_adjustment");
        jdbc.getJdbcOperations().update("DELETE FROM compensation_transfer");
    }

    @QueryHandler
    public TransferView handle(FindTransferQuery query) {
        return jdbc.query("SELECT " + COLUMNS + " FROM compensation_transfer WHERE transfer_id = :id",
                Map.of("id", query.transferId()), (rs, i) -> view(rs)).stream().findFirst().orElse(null);
    }

    /** A page, newest first; each filter optional, {@code party} matching the payer or the payee. */
    @QueryHandler
    public TransferList handle(ListTransfersQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (query.agreementId() != null) {
            where.append(" AND agreement_id = :agreementId");
            params.addValue("agreementId", query.agreementId());
        }
        if (query.party() != null) {
            where.append(" AND (payer = :party OR payee = :party)");
            params.addValue("party", query.party());
        }
        if (query.status() != null) {
            where.append(" AND status = :status");
            params.addValue("status", query.status().name());
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM compensation_transfer" + where, params, Long.class);
        params.addValue("offset", query.offset()).addValue("limit", query.limit());
        return new TransferList(jdbc.query("SELECT " + COLUMNS + " FROM compensation_transfer" + where
                + " ORDER BY created_at DESC, transfer_id DESC LIMIT :limit OFFSET :offset", params,
                (rs, i) -> view(rs)), total == null ? 0 : total);
    }

    /**
     * The jurisdiction's net position per counterparty and currency, ordered by counterparty then currency,
     * over the transfers of agreements that have entered into force and of emission schemes. Amounts are positive when the counterparty
     * owes the jurisdiction; {@code transfers} counts every such transfer between the two, whatever its status.
     */
    @QueryHandler
    public JurisdictionBalance handle(FindBalanceQuery query) {
        List<CounterpartyBalance> counterparties = jdbc.query("SELECT counterparty, currency,"
                        + " SUM(CASE WHEN status IN ('DUE', 'ACKNOWLEDGED') THEN signed_amount ELSE 0 END) AS due,"
                        + " SUM(CASE WHEN status = 'PAID' THEN signed_amount ELSE 0 END) AS paid,"
                        + " SUM(CASE WHEN status = 'SETTLED' THEN signed_amount ELSE 0 END) AS settled,"
                        + " SUM(CASE WHEN overdue THEN signed_amount ELSE 0 END) AS overdue,"
                        + " COUNT(*) AS transfers"
                        + " FROM (SELECT"
                        + " CASE WHEN t.payee = :jurisdiction THEN t.payer ELSE t.payee END AS counterparty,"
                        + " CASE WHEN t.payee = :jurisdiction THEN t.amount ELSE -t.amount END AS signed_amount,"
                        + " t.currency, t.status,"
                        + " " + overdue("t.") + " AS overdue"
                        + " FROM compensation_transfer t LEFT JOIN agreement_status s ON s.agreement_id = t.agreement_id"
                        + " WHERE (t.payer = :jurisdiction OR t.payee = :jurisdiction)"
                        + " AND (s.in_force_at IS NOT NULL OR t.scheme_id IS NOT NULL)) x"
                        + " GROUP BY counterparty, currency ORDER BY counterparty, currency",
                Map.of("jurisdiction", query.jurisdictionId()),
                (rs, i) -> {
                    String currency = rs.getString("currency");
                    return new CounterpartyBalance(rs.getString("counterparty"), currency,
                            money(rs.getBigDecimal("due"), currency), money(rs.getBigDecimal("paid"), currency),
                            money(rs.getBigDecimal("settled"), currency), rs.getInt("transfers"),
                            money(rs.getBigDecimal("overdue"), currency));
                });
        return new JurisdictionBalance(query.jurisdictionId(), counterparties);
    }

    /**
     * Money per UTC month, summed by the database on the exact amount column (never a row per transfer in memory).
     * Of an agreement: transfers created by the month they were created in (refunds and top-ups as flows of their
     * own, cancelled transfers left out) and every transfer paid by the month of its payment. Of a jurisdiction:
     * what it paid and what was paid to it, by the month of payment, over agreements in force or ended, as its
     * balance counts them.
     */
    @QueryHandler
    public MoneyOverTime handle(FindMoneyOverTimeQuery query) {
        String rows;
        MapSqlParameterSource params = new MapSqlParameterSource();
        if (query.agreementId() != null) {
            params.addValue("agreementId", query.agreementId());
            rows = "SELECT " + month("created_at") + ", currency, CASE source WHEN 'REFUND' THEN 'REFUNDS'"
                    + " WHEN 'TOP_UP' THEN 'TOP_UPS' ELSE 'CREATED' END AS flow, amount FROM compensation_transfer"
                    + " WHERE agreement_id = :agreementId AND status <> 'CANCELLED'"
                    + " UNION ALL SELECT " + month("paid_at") + ", currency, 'PAID' AS flow, amount"
                    + " FROM compensation_transfer WHERE agreement_id = :agreementId AND paid_at IS NOT NULL";
        } else {
            params.addValue("jurisdiction", query.jurisdictionId());
            rows = "SELECT " + month("t.paid_at") + ", t.currency,"
                    + " CASE WHEN t.payer = :jurisdiction THEN 'PAID_OUT' ELSE 'RECEIVED' END AS flow, t.amount"
                    + " FROM compensation_transfer t JOIN agreement_status s ON s.agreement_id = t.agreement_id"
                    + " WHERE (t.payer = :jurisdiction OR t.payee = :jurisdiction) AND t.paid_at IS NOT NULL"
                    + " AND s.in_force_at IS NOT NULL";
        }
        return new MoneyOverTime(jdbc.query("SELECT y, m, currency, flow, SUM(amount) AS total FROM (" + rows
                        + ") x GROUP BY y, m, currency, flow ORDER BY y, m, currency, flow", params,
                (rs, i) -> new MonthlyTotal(rs.getInt("y"), rs.getInt("m"), rs.getString("currency"),
                        MoneyOverTime.Flow.valueOf(rs.getString("flow")), rs.getBigDecimal("total"))));
    }

    /**
     * Whether a row of {@code compensation_transfer} (columns prefixed by {@code alias}) is overdue now, as SQL: the
     * ledger recorded it unpaid after its due date, it has not been paid since, and no ruling cancelled it.
     */
    static String overdue(String alias) {
        return "CASE WHEN " + alias + "overdue_since IS NOT NULL AND " + alias + "paid_at IS NULL AND " + alias
                + "status <> 'CANCELLED' THEN TRUE ELSE FALSE END";
    }

    /** The UTC year and month of a timestamp column, as {@code y} and {@code m} (the same on H2 and PostgreSQL). */
    private static String month(String column) {
        return "EXTRACT(YEAR FROM " + column + " AT TIME ZONE 'UTC') AS y, EXTRACT(MONTH FROM " + column
                + " AT TIME ZONE 'UTC') AS m";
    }

    /**
     * {@code limit} of the transfers of an agreement from {@code offset}, oldest first (for its compliance history).
     */
    public List<TransferView> ofAgreement(String agreementId, long offset, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM compensation_transfer WHERE agreement_id = :agreementId"
                + " ORDER BY created_at, transfer_id LIMIT :limit OFFSET :offset",
                Map.of("agreementId", agreementId, "limit", limit, "offset", offset), (rs, i) -> view(rs));
    }

    /** How many transfers the agreement has. */
    public long countOfAgreement(String agreementId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM compensation_transfer WHERE agreement_id = :agreementId",
                Map.of("agreementId", agreementId), Long.class);
        return count == null ? 0 : count;
    }

    /** Applies a later event of the transfer that leaves its status as it is; see {@link #advance}. */
    private boolean touch(String transferId, EventMessage<?> message, String set, MapSqlParameterSource params) {
        return apply(transferId, message, set, params);
    }

    /**
     * Applies a later event of the transfer: new status, its own columns ({@code set}, may be null), version and
     * updated_at.
     *
     * @return whether it was applied (false: a redelivery of an event already applied)
     */
    private boolean advance(String transferId, EventMessage<?> message, TransferStatus status, String set,
                            MapSqlParameterSource params) {
        params.addValue("status", status.name());
        return apply(transferId, message, "status = :status" + (set == null ? "" : ", " + set), params);
    }

    private boolean apply(String transferId, EventMessage<?> message, String set, MapSqlParameterSource params) {
        long sequence = aggregateSequence(message);
        params.addValue("id", transferId)
                .addValue("version", sequence)
                .addValue("at", sqlTime(message.getTimestamp()));
        int updated = jdbc.update("UPDATE compensation_transfer SET " + set
                + ", version = :version, updated_at = :at WHERE transfer_id = :id AND version < :version", params);
        if (updated == 0) {
            Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM compensation_transfer WHERE transfer_id = :id",
                    params, Integer.class);
            if (known == null || known == 0) {
                throw new IllegalStateException("transfer " + transferId + " has an event at sequence " + sequence
                        + " but was never created");
            }
            // else: a redelivery of an event already applied
            return false;
        }
        return true;
    }

    /** The transfer's amount as stored now (before an event that changes it is applied). */
    private Money currentAmount(String transferId) {
        return jdbc.query("SELECT amount, currency FROM compensation_transfer WHERE transfer_id = :id",
                        Map.of("id", transferId), (rs, i) -> money(rs.getBigDecimal("amount"), rs.getString("currency")))
                .stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("transfer " + transferId + " was adjusted but never created"));
    }

    private static Money money(BigDecimal amount, String currency) {
        return Money.of(amount == null ? BigDecimal.ZERO : amount, currency);
    }

    private static TransferView view(ResultSet rs) throws SQLException {
        String source = rs.getString("source");
        BigDecimal ruled = rs.getBigDecimal("ruled_amount");
        return new TransferView(
                rs.getString("transfer_id"),
                rs.getString("agreement_id"),
                rs.getString("payer"),
                rs.getString("payee"),
                money(rs.getBigDecimal("amount"), rs.getString("currency")),
                rs.getString("reason"),
                source == null ? null : TransferSource.valueOf(source),
                rs.getString("source_id"),
                TransferStatus.valueOf(rs.getString("status")),
                rs.getLong("version"),
                instant(rs, "created_at"),
                instant(rs, "acknowledged_at"),
                instant(rs, "paid_at"),
                rs.getString("payment_reference"),
                instant(rs, "settled_at"),
                instant(rs, "updated_at"),
                rs.getString("corrects_transfer_id"),
                ruled == null ? null : money(ruled, rs.getString("currency")),
                rs.getObject("due_date", LocalDate.class),
                rs.getBoolean("overdue"),
                instant(rs, "overdue_since"),
                rs.getString("late_interest_transfer_id"),
                rs.getString("scheme_id"));
    }
}
