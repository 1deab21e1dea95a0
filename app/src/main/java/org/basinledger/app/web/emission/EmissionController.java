package org.basinledger.app.web.emission;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.emission.AcceptEmissionTradeCommand;
import org.basinledger.api.emission.CancelEmissionTradeCommand;
import org.basinledger.api.emission.ChangeEmissionAccountStatusCommand;
import org.basinledger.api.emission.CreateEmissionSchemeCommand;
import org.basinledger.api.emission.EmissionAccountView;
import org.basinledger.api.emission.EmissionQueries;
import org.basinledger.api.emission.EmissionSchemeView;
import org.basinledger.api.emission.EmissionTradeStatus;
import org.basinledger.api.emission.EmissionTradeView;
import org.basinledger.api.emission.IssueAllowancesCommand;
import org.basinledger.api.emission.OpenEmissionAccountCommand;
import org.basinledger.api.emission.ProposeEmissionTradeCommand;
import org.basinledger.api.emission.RecordVerifiedEmissionsCommand;
import org.basinledger.api.emission.SurrenderAllowancesCommand;
import org.basinledger.app.emission.EmissionReconciliation;
import org.basinledger.app.security.Access;
import org.basinledger.app.web.Commands;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Emission rights (API.md, "Emission rights"): the registrar creates schemes; a scheme's authority opens, blocks and
 * unblocks accounts, issues allowances and records verified emissions; holders propose, accept and cancel trades and
 * surrender allowances. Everything is public to read. Every command goes to the scheme's one aggregate
 * ({@code EmissionScheme}), which decides; a trade's id names its scheme ({@code <scheme>-T<n>}).
 */
@RestController
@RequestMapping("/api/v1")
public class EmissionController {

    private final Commands commands;
    private final QueryGateway queries;
    private final EmissionReconciliation reconciliation;

    public EmissionController(Commands commands, QueryGateway queries, EmissionReconciliation reconciliation) {
        this.commands = commands;
        this.queries = queries;
        this.reconciliation = reconciliation;
    }

    /** The registrar's reconciliation of every scheme, run now: per vintage issued = held + retired, from the events. */
    @GetMapping("/emission-reconciliation")
    public EmissionReconciliation.Report reconcile(Caller caller) {
        Access.requireRegistrar(caller);
        return reconciliation.check();
    }

    public record CreateSchemeRequest(String id, String name, Pollutant pollutant, String authority,
                                      Money pricePerTonne, String surrenderBy, Money penaltyPerTonne) {
    }

    public record OpenAccountRequest(String holder) {
    }

    public record IssuanceRequest(Integer vintage, List<IssueAllowancesCommand.Allocation> allocations) {
    }

    public record TradeRequest(String buyer, Integer vintage, BigDecimal quantity, Money pricePerTonne) {
    }

    public record EmissionsRequest(String holder, Integer year, BigDecimal quantity, List<Evidence> evidence) {
    }

    public record SurrenderRequest(Integer year, Integer vintage, BigDecimal quantity) {
    }

    @PostMapping("/emission-schemes")
    public ResponseEntity<EmissionSchemeView> create(@RequestBody CreateSchemeRequest body, Caller caller,
                                                     HttpServletRequest request) {
        Access.requireRegistrar(caller);
        if (body.id() == null || body.id().isBlank()) {
            throw new InvalidInputException("id", "is required");
        }
        URI location = URI.create("/api/v1/emission-schemes/" + body.id());
        commands.send(new CreateEmissionSchemeCommand(body.id(), body.name(), body.pollutant(), body.authority(),
                body.pricePerTonne(), body.surrenderBy(), body.penaltyPerTonne()), location, caller, request);
        EmissionSchemeView view = scheme(body.id());
        return ResponseEntity.created(location).eTag(etag(view.version())).body(view);
    }

    @GetMapping("/emission-schemes")
    public List<EmissionSchemeView> schemes() {
        return queries.query(new EmissionQueries.ListSchemes(), EmissionQueries.SchemeList.class).join().schemes();
    }

    @GetMapping("/emission-schemes/{id}")
    public ResponseEntity<EmissionSchemeView> get(@PathVariable String id) {
        EmissionSchemeView view = scheme(id);
        return ResponseEntity.ok().eTag(etag(view.version())).body(view);
    }

    @PostMapping("/emission-schemes/{id}/accounts")
    public ResponseEntity<EmissionAccountView> open(@PathVariable String id, @RequestBody OpenAccountRequest body,
                                                    Caller caller, HttpServletRequest request) {
        String authority = Access.requireJurisdiction(caller);
        if (body.holder() == null || body.holder().isBlank()) {
            throw new InvalidInputException("holder", "is required");
        }
        commands.send(new OpenEmissionAccountCommand(id, body.holder(), authority), caller, request);
        EmissionAccountView view = account(id, body.holder());
        return ResponseEntity.created(URI.create("/api/v1/emission-schemes/" + id + "/accounts/" + body.holder()))
                .eTag(etag(view.version())).body(view);
    }

    @GetMapping("/emission-schemes/{id}/accounts")
    public List<EmissionAccountView> accounts(@PathVariable String id) {
        scheme(id);
        return queries.query(new EmissionQueries.ListAccounts(id), EmissionQueries.AccountList.class).join()
                .accounts();
    }

    @GetMapping("/emission-schemes/{id}/accounts/{holder}")
    public ResponseEntity<EmissionAccountView> account(@PathVariable String id, @PathVariable String holder,
                                                       Caller caller) {
        EmissionAccountView view = account(id, holder);
        return ResponseEntity.ok().eTag(etag(view.version())).body(view);
    }

    @PostMapping("/emission-schemes/{id}/accounts/{holder}/blocking")
    public ResponseEntity<EmissionAccountView> block(@PathVariable String id, @PathVariable String holder,
                                                     Caller caller, HttpServletRequest request) {
        return changeStatus(id, holder, true, caller, request);
    }

    @PostMapping("/emission-schemes/{id}/accounts/{holder}/unblocking")
    public ResponseEntity<EmissionAccountView> unblock(@PathVariable String id, @PathVariable String holder,
                                                       Caller caller, HttpServletRequest request) {
        return changeStatus(id, holder, false, caller, request);
    }

    private ResponseEntity<EmissionAccountView> changeStatus(String id, String holder, boolean blocked, Caller caller,
                                                             HttpServletRequest request) {
        String authority = Access.requireJurisdiction(caller);
        commands.send(new ChangeEmissionAccountStatusCommand(id, holder, blocked, authority), caller, request);
        EmissionAccountView view = account(id, holder);
        return ResponseEntity.ok().eTag(etag(view.version())).body(view);
    }

    @PostMapping("/emission-schemes/{id}/issuances")
    public ResponseEntity<EmissionSchemeView> issue(@PathVariable String id, @RequestBody IssuanceRequest body,
                                                    Caller caller, HttpServletRequest request) {
        String authority = Access.requireJurisdiction(caller);
        commands.send(new IssueAllowancesCommand(id, body.vintage(), body.allocations(), authority), caller, request);
        EmissionSchemeView view = scheme(id);
        return ResponseEntity.ok().eTag(etag(view.version())).body(view);
    }

    @PostMapping("/emission-schemes/{id}/trades")
    public ResponseEntity<EmissionTradeView> propose(@PathVariable String id, @RequestBody TradeRequest body,
                                                     Caller caller, HttpServletRequest request) {
        String seller = Access.requireJurisdiction(caller);
        String tradeId = commands.send(new ProposeEmissionTradeCommand(id, body.buyer(), body.vintage(),
                body.quantity(), body.pricePerTonne(), seller), caller, request);
        EmissionTradeView view = trade(tradeId);
        return ResponseEntity.created(URI.create("/api/v1/emission-trades/" + tradeId)).body(view);
    }

    @GetMapping("/emission-schemes/{id}/trades")
    public List<EmissionTradeView> trades(@PathVariable String id,
                                          @RequestParam(required = false) EmissionTradeStatus status) {
        scheme(id);
        return queries.query(new EmissionQueries.ListTrades(id, status), EmissionQueries.TradeList.class).join()
                .trades();
    }

    @GetMapping("/emission-trades/{id}")
    public EmissionTradeView getTrade(@PathVariable String id) {
        return trade(id);
    }

    @PostMapping("/emission-trades/{id}/acceptance")
    public EmissionTradeView accept(@PathVariable String id, Caller caller, HttpServletRequest request) {
        String buyer = Access.requireJurisdiction(caller);
        commands.send(new AcceptEmissionTradeCommand(schemeOfTrade(id), id, buyer), caller, request);
        return trade(id);
    }

    @PostMapping("/emission-trades/{id}/cancellation")
    public EmissionTradeView cancel(@PathVariable String id, Caller caller, HttpServletRequest request) {
        String seller = Access.requireJurisdiction(caller);
        commands.send(new CancelEmissionTradeCommand(schemeOfTrade(id), id, seller), caller, request);
        return trade(id);
    }

    @PostMapping("/emission-schemes/{id}/emissions")
    public ResponseEntity<EmissionAccountView> emissions(@PathVariable String id, @RequestBody EmissionsRequest body,
                                                         Caller caller, HttpServletRequest request) {
        String authority = Access.requireJurisdiction(caller);
        if (body.holder() == null || body.holder().isBlank()) {
            throw new InvalidInputException("holder", "is required");
        }
        commands.send(new RecordVerifiedEmissionsCommand(id, body.holder(), body.year(), body.quantity(),
                body.evidence(), authority), caller, request);
        EmissionAccountView view = account(id, body.holder());
        return ResponseEntity.ok().eTag(etag(view.version())).body(view);
    }

    @PostMapping("/emission-schemes/{id}/surrenders")
    public ResponseEntity<EmissionAccountView> surrender(@PathVariable String id, @RequestBody SurrenderRequest body,
                                                         Caller caller, HttpServletRequest request) {
        String holder = Access.requireJurisdiction(caller);
        commands.send(new SurrenderAllowancesCommand(id, body.year(), body.vintage(), body.quantity(), holder),
                caller, request);
        EmissionAccountView view = account(id, holder);
        return ResponseEntity.ok().eTag(etag(view.version())).body(view);
    }

    /** The scheme a trade id names: {@code TAIHU-COD-T12} is trade 12 of {@code TAIHU-COD}. */
    static String schemeOfTrade(String tradeId) {
        int at = tradeId == null ? -1 : tradeId.lastIndexOf("-T");
        if (at <= 0 || at + 2 >= tradeId.length() || !tradeId.substring(at + 2).chars().allMatch(Character::isDigit)) {
            throw new NotFoundException("no emission trade " + tradeId);
        }
        return tradeId.substring(0, at);
    }

    private EmissionSchemeView scheme(String id) {
        EmissionSchemeView view = queries.query(new EmissionQueries.FindScheme(id), EmissionSchemeView.class).join();
        if (view == null) {
            throw new NotFoundException("no emission scheme " + id);
        }
        return view;
    }

    private EmissionAccountView account(String id, String holder) {
        EmissionAccountView view = queries.query(new EmissionQueries.FindAccount(id, holder),
                EmissionAccountView.class).join();
        if (view == null) {
            scheme(id);
            throw new NotFoundException("no account of " + holder + " in " + id);
        }
        return view;
    }

    private EmissionTradeView trade(String id) {
        EmissionTradeView view = queries.query(new EmissionQueries.FindTrade(id), EmissionTradeView.class).join();
        if (view == null) {
            throw new NotFoundException("no emission trade " + id);
        }
        return view;
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }
}
