package org.basinledger.app.portal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.emission.EmissionAccountView;
import org.basinledger.api.emission.EmissionQueries;
import org.basinledger.api.emission.EmissionSchemeView;
import org.basinledger.api.emission.EmissionTradeView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The public emission registry in the portal: every scheme, and per scheme its vintages (issued, held, retired),
 * accounts with their holdings, a chart of holdings over time, its trades with their prices, and the yearly
 * compliance of every holder (verified emissions against surrendered allowances, deficits and their penalties).
 */
@Controller
public class EmissionPortalController {

    private final QueryGateway queries;
    private final PortalReader reader;

    public EmissionPortalController(QueryGateway queries, PortalReader reader) {
        this.queries = queries;
        this.reader = reader;
    }

    /** One holder's year, for the compliance table. */
    public record ComplianceRow(int year, String holder, String holderName,
                                EmissionAccountView.ComplianceYear compliance) {
    }

    /** One account with its holdings, for the accounts table. */
    public record AccountRow(EmissionAccountView account, String name, BigDecimal total) {
    }

    public record SchemePage(EmissionSchemeView scheme, Map<String, String> names, List<AccountRow> accounts,
                             List<EmissionTradeView> trades, List<ComplianceRow> compliance, HoldingsChart chart) {
    }

    @GetMapping("/emission-schemes")
    public String schemes(Model model) {
        model.addAttribute("schemes", queries.query(new EmissionQueries.ListSchemes(), EmissionQueries.SchemeList.class)
                .join().schemes());
        model.addAttribute("names", reader.names());
        return "portal/emission-schemes";
    }

    @GetMapping("/emission-schemes/{id}")
    public String scheme(@PathVariable String id, Model model) {
        EmissionSchemeView scheme = queries.query(new EmissionQueries.FindScheme(id), EmissionSchemeView.class).join();
        if (scheme == null) {
            throw new NotFoundException("no emission scheme " + id);
        }
        Map<String, String> names = reader.names();
        List<EmissionAccountView> accounts = queries.query(new EmissionQueries.ListAccounts(id),
                EmissionQueries.AccountList.class).join().accounts();
        List<AccountRow> rows = new ArrayList<>();
        List<ComplianceRow> compliance = new ArrayList<>();
        for (EmissionAccountView account : accounts) {
            rows.add(new AccountRow(account, names.getOrDefault(account.holder(), account.holder()),
                    account.holdings().stream().map(EmissionAccountView.Holding::quantity)
                            .reduce(BigDecimal.ZERO, BigDecimal::add)));
            for (EmissionAccountView.ComplianceYear year : account.compliance()) {
                compliance.add(new ComplianceRow(year.year(), account.holder(),
                        names.getOrDefault(account.holder(), account.holder()), year));
            }
        }
        compliance.sort((a, b) -> a.year() != b.year() ? Integer.compare(b.year(), a.year())
                : a.holderName().compareTo(b.holderName()));
        List<EmissionTradeView> trades = queries.query(new EmissionQueries.ListTrades(id, null),
                EmissionQueries.TradeList.class).join().trades();
        model.addAttribute("page", new SchemePage(scheme, names, rows, trades, compliance,
                HoldingsChart.of(accounts, names)));
        return "portal/emission-scheme";
    }
}
