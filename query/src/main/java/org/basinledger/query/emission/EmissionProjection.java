package org.basinledger.query.emission;

import static org.basinledger.query.support.EventMessages.aggregateSequence;
import static org.basinledger.query.support.EventMessages.instant;
import static org.basinledger.query.support.EventMessages.sqlTime;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.Money;
import org.basinledger.api.emission.AllowancesIssuedEvent;
import org.basinledger.api.emission.AllowancesSurrenderedEvent;
import org.basinledger.api.emission.ComplianceStatus;
import org.basinledger.api.emission.EmissionAccountBlockedEvent;
import org.basinledger.api.emission.EmissionAccountOpenedEvent;
import org.basinledger.api.emission.EmissionAccountStatus;
import org.basinledger.api.emission.EmissionAccountUnblockedEvent;
import org.basinledger.api.emission.EmissionAccountView;
import org.basinledger.api.emission.EmissionAccountView.ComplianceYear;
import org.basinledger.api.emission.EmissionAccountView.Holding;
import org.basinledger.api.emission.EmissionAccountView.Transaction;
import org.basinledger.api.emission.EmissionEvent;
import org.basinledger.api.emission.EmissionQueries;
import org.basinledger.api.emission.EmissionSchemeCreatedEvent;
import org.basinledger.api.emission.EmissionSchemeView;
import org.basinledger.api.emission.EmissionSchemeView.AccountSummary;
import org.basinledger.api.emission.EmissionSchemeView.VintageTotals;
import org.basinledger.api.emission.EmissionTradeCancelledEvent;
import org.basinledger.api.emission.EmissionTradeCompletedEvent;
import org.basinledger.api.emission.EmissionTradeProposedEvent;
import org.basinledger.api.emission.EmissionTradeStatus;
import org.basinledger.api.emission.EmissionTradeView;
import org.basinledger.api.emission.Quantities;
import org.basinledger.api.emission.SurrenderDeadlinePassedEvent;
import org.basinledger.api.emission.VerifiedEmissionsRecordedEvent;
import org.basinledger.query.support.JsonColumns;
import org.basinledger.query.support.Projections;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The public emission registry: schemes, accounts, holdings per vintage, vintage totals (issued, retired; held is
 * the sum of holdings), trades, every movement of an account, and per holder and year verified emissions against
 * surrenders. All of a scheme's events come from one aggregate, so {@code emission_scheme.version} (the sequence of
 * the last event applied) makes a redelivered event a no-op for every table. Quantities are exact decimals
 * (DECIMAL(25,3)); nothing is computed in floating point.
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
public class EmissionProjection {

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ObjectReader evidenceReader;

    public EmissionProjection(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.evidenceReader = json.readerFor(new TypeReference<List<Evidence>>() { });
    }

    @EventHandler
    void on(EmissionEvent event, EventMessage<?> message) {
        long sequence = aggregateSequence(message);
        if (event instanceof EmissionSchemeCreatedEvent created) {
            create(created, sequence, message.getTimestamp());
            return;
        }
        int advanced = jdbc.update("UPDATE emission_scheme SET version = :version, updated_at = :at"
                + " WHERE scheme_id = :id AND version < :version", new MapSqlParameterSource()
                .addValue("id", event.schemeId()).addValue("version", sequence)
                .addValue("at", sqlTime(message.getTimestamp())));
        if (advanced == 0) {
            return; // a redelivery of an event already applied
        }
        Instant at = message.getTimestamp();
        if (event instanceof EmissionAccountOpenedEvent e) {
            jdbc.update("INSERT INTO emission_account (scheme_id, holder, status,"
                    + " opened_at, updated_at) VALUES (:scheme, :holder, 'OPEN', :at, :at)", params(e.schemeId(), at)
                    .addValue("holder", e.holder()));
        } else if (event instanceof EmissionAccountBlockedEvent e) {
            accountStatus(e.schemeId(), e.holder(), EmissionAccountStatus.BLOCKED, at);
        } else if (event instanceof EmissionAccountUnblockedEvent e) {
            accountStatus(e.schemeId(), e.holder(), EmissionAccountStatus.OPEN, at);
        } else if (event instanceof AllowancesIssuedEvent e) {
            issued(e, sequence, at);
        } else if (event instanceof EmissionTradeProposedEvent e) {
            jdbc.update("INSERT INTO emission_trade (trade_id, scheme_id, seller,"
                            + " buyer, vintage, quantity, price_amount, currency, status, proposed_at) VALUES (:trade,"
                            + " :scheme, :seller, :buyer, :vintage, :quantity, :price, :currency, 'PROPOSED', :at)",
                    params(e.schemeId(), at).addValue("trade", e.tradeId()).addValue("seller", e.seller())
                            .addValue("buyer", e.buyer()).addValue("vintage", e.vintage())
                            .addValue("quantity", e.quantity()).addValue("price", e.pricePerTonne().amount())
                            .addValue("currency", e.pricePerTonne().currency()));
        } else if (event instanceof EmissionTradeCompletedEvent e) {
            completed(e, sequence, at);
        } else if (event instanceof EmissionTradeCancelledEvent e) {
            jdbc.update("UPDATE emission_trade SET status = 'CANCELLED',"
                    + " cancelled_at = :at WHERE trade_id = :trade", params(e.schemeId(), at)
                    .addValue("trade", e.tradeId()));
        } else if (event instanceof VerifiedEmissionsRecordedEvent e) {
            MapSqlParameterSource p = params(e.schemeId(), at).addValue("holder", e.holder())
                    .addValue("year", e.year()).addValue("verified", e.quantity())
                    .addValue("deadline", sqlTime(e.surrenderDeadline()))
                    .addValue("evidence", JsonColumns.write(json, e.evidence() == null ? List.of() : e.evidence()));
            if (jdbc.update("UPDATE emission_compliance SET verified = :verified, verified_at = :at,"
                    + " surrender_deadline = :deadline, evidence = :evidence WHERE scheme_id = :scheme"
                    + " AND holder = :holder AND for_year = :year", p) == 0) {
                jdbc.update("INSERT INTO emission_compliance (scheme_id, holder, for_year, verified, surrendered,"
                        + " status, verified_at, surrender_deadline, evidence) VALUES (:scheme, :holder, :year,"
                        + " :verified, 0, 'PENDING', :at, :deadline, :evidence)", p);
            }
        } else if (event instanceof AllowancesSurrenderedEvent e) {
            surrendered(e, sequence, at);
        } else if (event instanceof SurrenderDeadlinePassedEvent e) {
            for (SurrenderDeadlinePassedEvent.YearResult r : e.results()) {
                jdbc.update("UPDATE emission_compliance SET status = :status, missing = :missing,"
                                + " penalty_amount = :penalty, currency = :currency, penalty_transfer_id = :transfer,"
                                + " settled_at = :at WHERE scheme_id = :scheme AND holder = :holder AND for_year = :year",
                        params(e.schemeId(), at).addValue("holder", r.holder()).addValue("year", e.year())
                                .addValue("status", r.status().name()).addValue("missing", r.missing())
                                .addValue("penalty", r.penalty() == null ? null : r.penalty().amount(), Types.DECIMAL)
                                .addValue("currency", r.penalty() == null ? null : r.penalty().currency(),
                                        Types.VARCHAR)
                                .addValue("transfer", r.penaltyTransferId(), Types.VARCHAR));
            }
        }
    }

    private void create(EmissionSchemeCreatedEvent e, long sequence, Instant at) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM emission_scheme WHERE scheme_id = :scheme",
                Map.of("scheme", e.schemeId()), Integer.class);
        if (known != null && known > 0) {
            return;
        }
        jdbc.update("INSERT INTO emission_scheme (scheme_id, name, pollutant, authority, price_amount, currency,"
                        + " surrender_by, penalty_amount, version, created_at, updated_at) VALUES (:scheme, :name,"
                        + " :pollutant, :authority, :price, :currency, :surrenderBy, :penalty, :version, :at, :at)",
                params(e.schemeId(), at).addValue("name", e.name()).addValue("pollutant", e.pollutant().name())
                        .addValue("authority", e.authority())
                        .addValue("price", e.pricePerTonne() == null ? null : e.pricePerTonne().amount(), Types.DECIMAL)
                        .addValue("currency", e.penaltyPerTonne().currency())
                        .addValue("surrenderBy", e.surrenderBy())
                        .addValue("penalty", e.penaltyPerTonne().amount())
                        .addValue("version", sequence));
    }

    private void accountStatus(String scheme, String holder, EmissionAccountStatus status, Instant at) {
        jdbc.update("UPDATE emission_account SET status = :status, updated_at = :at WHERE scheme_id = :scheme"
                + " AND holder = :holder", params(scheme, at).addValue("holder", holder).addValue("status", status.name()));
    }

    private void issued(AllowancesIssuedEvent e, long sequence, Instant at) {
        BigDecimal total = BigDecimal.ZERO;
        int entry = 0;
        for (AllowancesIssuedEvent.IssuedAllocation allocation : e.allocations()) {
            credit(e.schemeId(), allocation.holder(), e.vintage(), allocation.quantity());
            transaction(e.schemeId(), sequence, entry++, allocation.holder(), "ISSUED", e.vintage(),
                    allocation.quantity(), e.authority(), null, null, at);
            total = total.add(allocation.quantity());
        }
        MapSqlParameterSource p = params(e.schemeId(), at).addValue("vintage", e.vintage()).addValue("issued", total);
        if (jdbc.update("UPDATE emission_vintage SET issued = issued + :issued WHERE scheme_id = :scheme"
                + " AND vintage = :vintage", p) == 0) {
            jdbc.update("INSERT INTO emission_vintage (scheme_id, vintage, issued, retired) VALUES (:scheme, :vintage,"
                    + " :issued, 0)", p);
        }
    }

    private void completed(EmissionTradeCompletedEvent e, long sequence, Instant at) {
        jdbc.update("UPDATE emission_trade SET status = 'COMPLETED', completed_at = :at, amount = :amount,"
                        + " transfer_id = :transfer WHERE trade_id = :trade",
                params(e.schemeId(), at).addValue("trade", e.tradeId()).addValue("amount", e.amount().amount())
                        .addValue("transfer", e.transferId(), Types.VARCHAR));
        debit(e.schemeId(), e.seller(), e.vintage(), e.quantity());
        credit(e.schemeId(), e.buyer(), e.vintage(), e.quantity());
        transaction(e.schemeId(), sequence, 0, e.seller(), "SOLD", e.vintage(), e.quantity(), e.buyer(), e.tradeId(),
                null, at);
        transaction(e.schemeId(), sequence, 1, e.buyer(), "BOUGHT", e.vintage(), e.quantity(), e.seller(),
                e.tradeId(), null, at);
    }

    private void surrendered(AllowancesSurrenderedEvent e, long sequence, Instant at) {
        debit(e.schemeId(), e.holder(), e.vintage(), e.quantity());
        jdbc.update("UPDATE emission_vintage SET retired = retired + :quantity WHERE scheme_id = :scheme"
                + " AND vintage = :vintage", params(e.schemeId(), at).addValue("vintage", e.vintage())
                .addValue("quantity", e.quantity()));
        transaction(e.schemeId(), sequence, 0, e.holder(), "SURRENDERED", e.vintage(), e.quantity(), null, null,
                e.year(), at);
        MapSqlParameterSource p = params(e.schemeId(), at).addValue("holder", e.holder()).addValue("year", e.year())
                .addValue("quantity", e.quantity());
        if (jdbc.update("UPDATE emission_compliance SET surrendered = surrendered + :quantity WHERE scheme_id = :scheme"
                + " AND holder = :holder AND for_year = :year", p) == 0) {
            jdbc.update("INSERT INTO emission_compliance (scheme_id, holder, for_year, surrendered, status) VALUES"
                    + " (:scheme, :holder, :year, :quantity, 'PENDING')", p);
        }
    }

    private void credit(String scheme, String holder, int vintage, BigDecimal quantity) {
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("scheme", scheme).addValue("holder", holder)
                .addValue("vintage", vintage).addValue("quantity", quantity);
        if (jdbc.update("UPDATE emission_holding SET quantity = quantity + :quantity WHERE scheme_id = :scheme"
                + " AND holder = :holder AND vintage = :vintage", p) == 0) {
            jdbc.update("INSERT INTO emission_holding (scheme_id, holder, vintage, quantity) VALUES (:scheme, :holder,"
                    + " :vintage, :quantity)", p);
        }
    }

    private void debit(String scheme, String holder, int vintage, BigDecimal quantity) {
        jdbc.update("UPDATE emission_holding SET quantity = quantity - :quantity WHERE scheme_id = :scheme"
                + " AND holder = :holder AND vintage = :vintage", new MapSqlParameterSource().addValue("scheme", scheme)
                .addValue("holder", holder).addValue("vintage", vintage).addValue("quantity", quantity));
    }

    private void transaction(String scheme, long sequence, int entry, String holder, String kind, int vintage,
                             BigDecimal quantity, String counterparty, String tradeId, Integer year, Instant at) {
        jdbc.update("INSERT INTO emission_transaction (scheme_id, sequence, entry, holder, kind, vintage, quantity,"
                        + " counterparty, trade_id, for_year, occurred_at) VALUES (:scheme, :sequence, :entry, :holder,"
                        + " :kind, :vintage, :quantity, :counterparty, :trade, :year, :at)",
                params(scheme, at).addValue("sequence", sequence).addValue("entry", entry).addValue("holder", holder)
                        .addValue("kind", kind).addValue("vintage", vintage).addValue("quantity", quantity)
                        .addValue("counterparty", counterparty, Types.VARCHAR).addValue("trade", tradeId, Types.VARCHAR)
                        .addValue("year", year, Types.INTEGER));
    }

    private static MapSqlParameterSource params(String scheme, Instant at) {
        return new MapSqlParameterSource().addValue("scheme", scheme).addValue("at", sqlTime(at));
    }

    @ResetHandler
    void reset() {
        for (String table : List.of("emission_transaction", "emission_compliance", "emission_trade",
                "emission_holding", "emission_vintage", "emission_account", "emission_scheme")) {
            jdbc.getJdbcOperations().update("DELETE FROM " + table);
        }
    }

    // ---- queries ----

    @QueryHandler
    public EmissionSchemeView handle(EmissionQueries.FindScheme query) {
        return jdbc.query("SELECT * FROM emission_scheme WHERE scheme_id = :scheme", Map.of("scheme", query.schemeId()),
                (rs, i) -> scheme(rs)).stream().findFirst().orElse(null);
    }

    @QueryHandler
    public EmissionQueries.SchemeList handle(EmissionQueries.ListSchemes query) {
        return new EmissionQueries.SchemeList(jdbc.query("SELECT * FROM emission_scheme ORDER BY scheme_id", Map.of(),
                (rs, i) -> scheme(rs)));
    }

    @QueryHandler
    public EmissionQueries.AccountList handle(EmissionQueries.ListAccounts query) {
        List<String> holders = jdbc.queryForList("SELECT holder FROM emission_account WHERE scheme_id = :scheme"
                + " ORDER BY holder", Map.of("scheme", query.schemeId()), String.class);
        List<EmissionAccountView> accounts = new ArrayList<>();
        for (String holder : holders) {
            accounts.add(handle(new EmissionQueries.FindAccount(query.schemeId(), holder)));
        }
        return new EmissionQueries.AccountList(accounts);
    }

    @QueryHandler
    public EmissionAccountView handle(EmissionQueries.FindAccount query) {
        Map<String, Object> p = Map.of("scheme", query.schemeId(), "holder", query.holder());
        return jdbc.query("SELECT a.status, a.opened_at, s.version, s.currency FROM emission_account a"
                + " JOIN emission_scheme s ON s.scheme_id = a.scheme_id"
                + " WHERE a.scheme_id = :scheme AND a.holder = :holder", p, (rs, i) -> {
                    String currency = rs.getString("currency");
                    return new EmissionAccountView(query.schemeId(), query.holder(),
                            EmissionAccountStatus.valueOf(rs.getString("status")), instant(rs, "opened_at"),
                            rs.getLong("version"), holdings(p), transactions(p), compliance(p, currency));
                }).stream().findFirst().orElse(null);
    }

    @QueryHandler
    public EmissionTradeView handle(EmissionQueries.FindTrade query) {
        return jdbc.query("SELECT * FROM emission_trade WHERE trade_id = :trade", Map.of("trade", query.tradeId()),
                (rs, i) -> trade(rs)).stream().findFirst().orElse(null);
    }

    @QueryHandler
    public EmissionQueries.TradeList handle(EmissionQueries.ListTrades query) {
        MapSqlParameterSource p = new MapSqlParameterSource("scheme", query.schemeId());
        String where = "";
        if (query.status() != null) {
            where = " AND status = :status";
            p.addValue("status", query.status().name());
        }
        return new EmissionQueries.TradeList(jdbc.query("SELECT * FROM emission_trade WHERE scheme_id = :scheme" + where
                + " ORDER BY proposed_at DESC, trade_id DESC", p, (rs, i) -> trade(rs)));
    }

    private EmissionSchemeView scheme(ResultSet rs) throws SQLException {
        String id = rs.getString("scheme_id");
        String currency = rs.getString("currency");
        BigDecimal price = rs.getBigDecimal("price_amount");
        Map<String, Object> p = Map.of("scheme", id);
        Map<Integer, BigDecimal> heldPerVintage = new LinkedHashMap<>();
        jdbc.query("SELECT vintage, SUM(quantity) AS held FROM emission_holding WHERE scheme_id = :scheme"
                + " GROUP BY vintage", p, r -> {
                    heldPerVintage.put(r.getInt("vintage"), r.getBigDecimal("held"));
                });
        List<VintageTotals> vintages = jdbc.query("SELECT vintage, issued, retired FROM emission_vintage"
                        + " WHERE scheme_id = :scheme ORDER BY vintage", p,
                (r, i) -> new VintageTotals(r.getInt("vintage"), q(r.getBigDecimal("issued")),
                        q(heldPerVintage.getOrDefault(r.getInt("vintage"), BigDecimal.ZERO)),
                        q(r.getBigDecimal("retired"))));
        List<AccountSummary> accounts = jdbc.query("SELECT a.holder, a.status, COALESCE(SUM(h.quantity), 0) AS held"
                        + " FROM emission_account a LEFT JOIN emission_holding h ON h.scheme_id = a.scheme_id"
                        + " AND h.holder = a.holder WHERE a.scheme_id = :scheme GROUP BY a.holder, a.status"
                        + " ORDER BY a.holder", p,
                (r, i) -> new AccountSummary(r.getString("holder"), EmissionAccountStatus.valueOf(r.getString("status")),
                        q(r.getBigDecimal("held"))));
        return new EmissionSchemeView(id, rs.getString("name"), Pollutant.valueOf(rs.getString("pollutant")),
                rs.getString("authority"), price == null ? null : Money.of(price, currency),
                rs.getString("surrender_by"), Money.of(rs.getBigDecimal("penalty_amount"), currency),
                rs.getLong("version"), instant(rs, "created_at"), vintages, accounts);
    }

    private List<Holding> holdings(Map<String, Object> p) {
        return jdbc.query("SELECT vintage, quantity FROM emission_holding WHERE scheme_id = :scheme AND holder = :holder"
                        + " AND quantity > 0 ORDER BY vintage", p,
                (rs, i) -> new Holding(rs.getInt("vintage"), q(rs.getBigDecimal("quantity"))));
    }

    private List<Transaction> transactions(Map<String, Object> p) {
        return jdbc.query("SELECT * FROM emission_transaction WHERE scheme_id = :scheme AND holder = :holder"
                        + " ORDER BY sequence, entry", p,
                (rs, i) -> new Transaction(rs.getLong("sequence"), instant(rs, "occurred_at"), rs.getString("kind"),
                        rs.getInt("vintage"), q(rs.getBigDecimal("quantity")), rs.getString("counterparty"),
                        rs.getString("trade_id"), rs.getObject("for_year", Integer.class)));
    }

    private List<ComplianceYear> compliance(Map<String, Object> p, String currency) {
        return jdbc.query("SELECT * FROM emission_compliance WHERE scheme_id = :scheme AND holder = :holder"
                + " ORDER BY for_year", p, (rs, i) -> {
                    BigDecimal verified = rs.getBigDecimal("verified");
                    BigDecimal surrendered = rs.getBigDecimal("surrendered");
                    ComplianceStatus status = ComplianceStatus.valueOf(rs.getString("status"));
                    BigDecimal penalty = rs.getBigDecimal("penalty_amount");
                    BigDecimal missing = rs.getBigDecimal("missing");
                    BigDecimal stillOwed = null;
                    if (status == ComplianceStatus.DEFICIT) {
                        BigDecimal left = verified.subtract(surrendered);
                        stillOwed = q(left.signum() > 0 ? left : BigDecimal.ZERO);
                    }
                    return new ComplianceYear(rs.getInt("for_year"), verified == null ? null : q(verified),
                            q(surrendered), status, missing == null ? null : q(missing),
                            penalty == null ? null : Money.of(penalty, currency), rs.getString("penalty_transfer_id"),
                            stillOwed, instant(rs, "surrender_deadline"), evidence(rs.getString("evidence")));
                });
    }

    private List<Evidence> evidence(String text) {
        return text == null ? List.of() : JsonColumns.read(evidenceReader, text, "emission evidence");
    }

    private static EmissionTradeView trade(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        BigDecimal amount = rs.getBigDecimal("amount");
        return new EmissionTradeView(rs.getString("trade_id"), rs.getString("scheme_id"), rs.getString("seller"),
                rs.getString("buyer"), rs.getInt("vintage"), q(rs.getBigDecimal("quantity")),
                Money.of(rs.getBigDecimal("price_amount"), currency), amount == null ? null : Money.of(amount, currency),
                rs.getString("transfer_id"), EmissionTradeStatus.valueOf(rs.getString("status")),
                instant(rs, "proposed_at"), instant(rs, "completed_at"), instant(rs, "cancelled_at"));
    }

    private static BigDecimal q(BigDecimal value) {
        return value == null ? null : Quantities.normal(value);
    }
}
