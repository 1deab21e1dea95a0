package org.basinledger.app.opendata;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.Money;
import org.basinledger.api.emission.ComplianceStatus;
import org.basinledger.api.emission.EmissionAccountStatus;
import org.basinledger.api.emission.EmissionAccountView;
import org.basinledger.api.emission.EmissionQueries;
import org.basinledger.api.emission.EmissionSchemeView;
import org.basinledger.api.emission.EmissionTradeView;
import org.springframework.stereotype.Component;

/**
 * The public emission registry as open data rows: per scheme and vintage its totals, per account and vintage its
 * holding, every trade with its price, per holder and year its compliance. Everything in it is public.
 */
@Component
public class EmissionRegistry {

    /** A scheme's terms and one vintage's totals (a scheme without issuance: one row, no vintage). */
    public record VintageRow(String schemeId, String name, String pollutant, String authority, Money pricePerTonne,
                             String surrenderBy, Money penaltyPerTonne, Integer vintage, BigDecimal issued,
                             BigDecimal held, BigDecimal retired) {
    }

    public record HoldingRow(String schemeId, String holder, EmissionAccountStatus status, int vintage,
                             BigDecimal quantity) {
    }

    public record ComplianceRow(String schemeId, String holder, int year, BigDecimal verified, BigDecimal surrendered,
                                ComplianceStatus status, BigDecimal missing, Money penalty, String penaltyTransferId,
                                BigDecimal stillOwed, List<Evidence> evidence) {
    }

    private final QueryGateway queries;

    public EmissionRegistry(QueryGateway queries) {
        this.queries = queries;
    }

    private List<EmissionSchemeView> schemes(String schemeId) {
        return queries.query(new EmissionQueries.ListSchemes(), EmissionQueries.SchemeList.class).join().schemes()
                .stream().filter(s -> schemeId == null || s.id().equals(schemeId)).toList();
    }

    private List<EmissionAccountView> accounts(String schemeId) {
        return queries.query(new EmissionQueries.ListAccounts(schemeId), EmissionQueries.AccountList.class).join()
                .accounts();
    }

    public void vintages(String schemeId, Consumer<VintageRow> visitor) {
        for (EmissionSchemeView s : schemes(schemeId)) {
            if (s.vintages().isEmpty()) {
                visitor.accept(new VintageRow(s.id(), s.name(), s.pollutant().name(), s.authority(), s.pricePerTonne(),
                        s.surrenderBy(), s.penaltyPerTonne(), null, null, null, null));
            }
            s.vintages().forEach(v -> visitor.accept(new VintageRow(s.id(), s.name(), s.pollutant().name(),
                    s.authority(), s.pricePerTonne(), s.surrenderBy(), s.penaltyPerTonne(), v.vintage(), v.issued(),
                    v.held(), v.retired())));
        }
    }

    public void holdings(String schemeId, Consumer<HoldingRow> visitor) {
        for (EmissionSchemeView s : schemes(schemeId)) {
            for (EmissionAccountView a : accounts(s.id())) {
                a.holdings().forEach(h -> visitor.accept(new HoldingRow(s.id(), a.holder(), a.status(), h.vintage(),
                        h.quantity())));
            }
        }
    }

    public void trades(String schemeId, Consumer<EmissionTradeView> visitor) {
        for (EmissionSchemeView s : schemes(schemeId)) {
            queries.query(new EmissionQueries.ListTrades(s.id(), null), EmissionQueries.TradeList.class).join()
                    .trades().forEach(visitor);
        }
    }

    public void compliance(String schemeId, Consumer<ComplianceRow> visitor) {
        for (EmissionSchemeView s : schemes(schemeId)) {
            for (EmissionAccountView a : accounts(s.id())) {
                a.compliance().forEach(c -> visitor.accept(new ComplianceRow(s.id(), a.holder(), c.year(),
                        c.verified(), c.surrendered(), c.status(), c.missing(), c.penalty(), c.penaltyTransferId(),
                        c.stillOwed(), c.evidence())));
            }
        }
    }
}
