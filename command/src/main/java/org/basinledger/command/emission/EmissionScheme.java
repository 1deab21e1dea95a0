package org.basinledger.command.emission;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.basinledger.api.common.Actor;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.emission.AcceptEmissionTradeCommand;
import org.basinledger.api.emission.AllowancesIssuedEvent;
import org.basinledger.api.emission.AllowancesIssuedEvent.IssuedAllocation;
import org.basinledger.api.emission.AllowancesSurrenderedEvent;
import org.basinledger.api.emission.CancelEmissionTradeCommand;
import org.basinledger.api.emission.ChangeEmissionAccountStatusCommand;
import org.basinledger.api.emission.ComplianceStatus;
import org.basinledger.api.emission.CreateEmissionSchemeCommand;
import org.basinledger.api.emission.EmissionAccountBlockedEvent;
import org.basinledger.api.emission.EmissionAccountOpenedEvent;
import org.basinledger.api.emission.EmissionAccountStatus;
import org.basinledger.api.emission.EmissionAccountUnblockedEvent;
import org.basinledger.api.emission.EmissionSchemeCreatedEvent;
import org.basinledger.api.emission.EmissionTradeCancelledEvent;
import org.basinledger.api.emission.EmissionTradeCompletedEvent;
import org.basinledger.api.emission.EmissionTradeProposedEvent;
import org.basinledger.api.emission.EmissionTradeStatus;
import org.basinledger.api.emission.IssueAllowancesCommand;
import org.basinledger.api.emission.OpenEmissionAccountCommand;
import org.basinledger.api.emission.ProposeEmissionTradeCommand;
import org.basinledger.api.emission.Quantities;
import org.basinledger.api.emission.RecordVerifiedEmissionsCommand;
import org.basinledger.api.emission.SurrenderAllowancesCommand;
import org.basinledger.api.emission.SurrenderDeadlinePassedEvent;
import org.basinledger.api.emission.SurrenderDeadlinePassedEvent.YearResult;
import org.basinledger.api.emission.VerifiedEmissionsRecordedEvent;
import org.basinledger.command.registry.JurisdictionDirectory;

/**
 * An emission scheme and all its accounts: one consistency boundary, so the check that a holding covers a trade or
 * a surrender and the debit of that holding happen in one aggregate, under Axon's lock (one command at a time per
 * scheme in a node) and the event store's unique (aggregate, sequence) key (across nodes: the second writer of a
 * sequence fails and is refused, never applied). Invariants: no holding of any vintage is ever below zero; allowances
 * are created only by issuance and leave the scheme only by surrender, so for every vintage issued = held + retired;
 * only {@code OPEN} accounts trade or surrender; a trade moves once ({@code PROPOSED → COMPLETED | CANCELLED}).
 *
 * <p>Quantities are exact decimals (more than 0, at most 3 decimals, at most 10^9 tonnes) added and subtracted
 * exactly; money is quantity × price rounded once to cents, HALF_UP. Prices and penalties are at most 10^4 per tonne,
 * so no amount exceeds 10^13, the most a transfer carries.
 *
 * <p>The surrender deadline of a year Y is the end (basin time) of {@code surrenderBy} in Y+1, a persistent
 * deadline scheduled when the first verified emissions of Y are recorded. When it passes, every holder with verified
 * emissions of Y is {@code COMPLIANT} (surrendered ≥ verified) or {@code DEFICIT}: it owes the authority
 * missing × penaltyPerTonne, and the missing tonnes stay owed (it may still surrender against Y, late). Emissions of
 * a year whose deadline has passed are assessed as they are recorded.
 */
@Aggregate(cache = "emissionCache")
public class EmissionScheme {

    /** Deadline: the surrender deadline of a year has come. Payload: the year, as text. */
    public static final String SURRENDER_DEADLINE = "emission-surrender-deadline";
    static final BigDecimal MAX_PER_TONNE = BigDecimal.TEN.pow(4);
    static final int MAX_ALLOCATIONS = 1_000;
    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 2200;
    private static final Pattern ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,39}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final MetaData BY_LEDGER = MetaData.with(Actor.ACTOR, Actor.LEDGER);

    @AggregateIdentifier
    private String schemeId;
    private String authority;
    private Money pricePerTonne;
    private Money penaltyPerTonne;
    private MonthDay surrenderBy;
    private final Map<String, EmissionAccountStatus> accounts = new HashMap<>();
    /** holder → vintage → quantity held (never below zero; zero holdings removed). */
    private final Map<String, TreeMap<Integer, BigDecimal>> holdings = new HashMap<>();
    private int issuances;
    private int tradeCount;
    private final Map<String, Trade> trades = new HashMap<>();
    /** year → holder → verified emissions. */
    private final Map<Integer, Map<String, BigDecimal>> verified = new HashMap<>();
    /** year → holder → surrendered against it. */
    private final Map<Integer, Map<String, BigDecimal>> surrendered = new HashMap<>();
    /** year → holders whose year is settled (deadline passed). */
    private final Map<Integer, Set<String>> settled = new HashMap<>();

    private record Trade(String seller, String buyer, int vintage, BigDecimal quantity, Money pricePerTonne,
                         EmissionTradeStatus status) {
    }

    protected EmissionScheme() {
        // for Axon
    }

    @CommandHandler
    public EmissionScheme(CreateEmissionSchemeCommand command, JurisdictionDirectory directory) {
        List<FieldError> errors = new ArrayList<>();
        if (command.schemeId() == null || !ID.matcher(command.schemeId()).matches()) {
            errors.add(new FieldError("id", "must match " + ID.pattern()));
        }
        if (command.name() == null || command.name().isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (command.name().length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
        if (command.pollutant() == null) {
            errors.add(new FieldError("pollutant", "is required"));
        }
        if (command.authority() == null || command.authority().isBlank()) {
            errors.add(new FieldError("authority", "is required"));
        } else if (!directory.exists(command.authority())) {
            errors.add(new FieldError("authority", "no jurisdiction " + command.authority() + " is registered"));
        }
        if (parseSurrenderBy(command.surrenderBy()) == null) {
            errors.add(new FieldError("surrenderBy", "must be a day of the year as --MM-DD (not --02-29)"));
        }
        Money penalty = command.penaltyPerTonne();
        if (penalty == null) {
            errors.add(new FieldError("penaltyPerTonne", "is required"));
        } else {
            perTonne(penalty, "penaltyPerTonne", errors);
        }
        Money price = command.pricePerTonne();
        if (price != null) {
            perTonne(price, "pricePerTonne", errors);
            if (penalty != null && !price.currency().equals(penalty.currency())) {
                errors.add(new FieldError("pricePerTonne.currency", "must be the penalty's currency "
                        + penalty.currency()));
            }
        }
        throwIfAny(errors);
        apply(new EmissionSchemeCreatedEvent(command.schemeId(), command.name().strip(), command.pollutant(),
                command.authority(), price, command.surrenderBy(), penalty));
    }

    @CommandHandler
    public void handle(OpenEmissionAccountCommand command, JurisdictionDirectory directory) {
        requireAuthority(command.actingJurisdiction(), "open accounts");
        if (command.holder() == null || command.holder().isBlank()) {
            throw new InvalidInputException("holder", "is required");
        }
        if (!directory.exists(command.holder())) {
            throw new InvalidInputException("holder", "no jurisdiction " + command.holder() + " is registered");
        }
        if (accounts.containsKey(command.holder())) {
            throw new InvalidStateException(command.holder() + " already has an account in " + schemeId);
        }
        apply(new EmissionAccountOpenedEvent(schemeId, command.holder()));
    }

    @CommandHandler
    public void handle(ChangeEmissionAccountStatusCommand command) {
        requireAuthority(command.actingJurisdiction(), command.blocked() ? "block accounts" : "unblock accounts");
        EmissionAccountStatus status = account(command.holder());
        if (command.blocked()) {
            if (status != EmissionAccountStatus.OPEN) {
                throw new InvalidStateException("the account of " + command.holder() + " is " + status);
            }
            apply(new EmissionAccountBlockedEvent(schemeId, command.holder()));
        } else {
            if (status != EmissionAccountStatus.BLOCKED) {
                throw new InvalidStateException("the account of " + command.holder() + " is " + status);
            }
            apply(new EmissionAccountUnblockedEvent(schemeId, command.holder()));
        }
    }

    @CommandHandler
    public void handle(IssueAllowancesCommand command) {
        requireAuthority(command.actingJurisdiction(), "issue allowances");
        List<FieldError> errors = new ArrayList<>();
        year(command.vintage(), "vintage", errors);
        List<IssueAllowancesCommand.Allocation> allocations = command.allocations();
        if (allocations == null || allocations.isEmpty()) {
            errors.add(new FieldError("allocations", "must name at least one holder"));
        } else if (allocations.size() > MAX_ALLOCATIONS) {
            errors.add(new FieldError("allocations", "must have at most " + MAX_ALLOCATIONS + " entries"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < allocations.size(); i++) {
                IssueAllowancesCommand.Allocation allocation = allocations.get(i);
                String path = "allocations[" + i + "]";
                if (allocation == null) {
                    errors.add(new FieldError(path, "is required"));
                    continue;
                }
                if (allocation.holder() == null || allocation.holder().isBlank()) {
                    errors.add(new FieldError(path + ".holder", "is required"));
                } else if (!seen.add(allocation.holder())) {
                    errors.add(new FieldError(path + ".holder", allocation.holder() + " is named twice"));
                }
                quantity(allocation.quantity(), path + ".quantity", errors);
            }
        }
        throwIfAny(errors);
        for (IssueAllowancesCommand.Allocation allocation : allocations) {
            if (!accounts.containsKey(allocation.holder())) {
                throw new InvalidStateException(allocation.holder() + " has no account in " + schemeId);
            }
        }
        int issuance = issuances + 1;
        List<IssuedAllocation> issued = new ArrayList<>();
        for (IssueAllowancesCommand.Allocation allocation : allocations) {
            BigDecimal quantity = Quantities.normal(allocation.quantity());
            Money amount = pricePerTonne == null || allocation.holder().equals(authority) ? null
                    : Money.of(quantity.multiply(pricePerTonne.amount()), pricePerTonne.currency());
            boolean owes = amount != null && amount.greaterThanZero();
            issued.add(new IssuedAllocation(allocation.holder(), quantity, owes ? pricePerTonne : null,
                    owes ? amount : null, owes ? allocationTransferId(schemeId, issuance, allocation.holder()) : null));
        }
        apply(new AllowancesIssuedEvent(schemeId, issuance, command.vintage(), authority, issued));
    }

    /** Answers the trade id: the scheme id, {@code -T} and the trade's number in the scheme. */
    @CommandHandler
    public String handle(ProposeEmissionTradeCommand command) {
        String seller = command.actingJurisdiction();
        if (seller == null || !accounts.containsKey(seller)) {
            throw new NotPermittedException("only a holder of an account in " + schemeId + " sells allowances");
        }
        List<FieldError> errors = new ArrayList<>();
        if (command.buyer() == null || command.buyer().isBlank()) {
            errors.add(new FieldError("buyer", "is required"));
        }
        year(command.vintage(), "vintage", errors);
        quantity(command.quantity(), "quantity", errors);
        Money price = command.pricePerTonne();
        if (price == null) {
            errors.add(new FieldError("pricePerTonne", "is required"));
        } else if (price.amount().signum() < 0 || price.amount().compareTo(MAX_PER_TONNE) > 0) {
            errors.add(new FieldError("pricePerTonne.amount", "must be at least 0 and at most "
                    + MAX_PER_TONNE.toPlainString()));
        } else if (!price.currency().equals(currency())) {
            errors.add(new FieldError("pricePerTonne.currency", "must be the scheme's currency " + currency()));
        }
        throwIfAny(errors);
        if (seller.equals(command.buyer())) {
            throw new InvalidStateException("a holder does not trade with itself");
        }
        requireOpen(seller);
        if (!accounts.containsKey(command.buyer())) {
            throw new InvalidStateException(command.buyer() + " has no account in " + schemeId);
        }
        requireOpen(command.buyer());
        BigDecimal quantity = Quantities.normal(command.quantity());
        requireHolding(seller, command.vintage(), quantity, "sell");
        String tradeId = schemeId + "-T" + (tradeCount + 1);
        apply(new EmissionTradeProposedEvent(schemeId, tradeId, seller, command.buyer(), command.vintage(), quantity,
                price));
        return tradeId;
    }

    /**
     * The buyer accepts: checked here, against the holding as it is now (other trades may have taken it since the
     * proposal), and debited in the same event.
     */
    @CommandHandler
    public void handle(AcceptEmissionTradeCommand command) {
        Trade trade = trade(command.tradeId());
        if (!trade.buyer().equals(command.actingJurisdiction())) {
            throw new NotPermittedException("only the buyer " + trade.buyer() + " accepts trade " + command.tradeId());
        }
        if (trade.status() != EmissionTradeStatus.PROPOSED) {
            throw new InvalidStateException("trade " + command.tradeId() + " is " + trade.status());
        }
        requireOpen(trade.seller());
        requireOpen(trade.buyer());
        requireHolding(trade.seller(), trade.vintage(), trade.quantity(), "sell");
        Money amount = Money.of(trade.quantity().multiply(trade.pricePerTonne().amount()),
                trade.pricePerTonne().currency());
        boolean owes = amount.greaterThanZero();
        apply(new EmissionTradeCompletedEvent(schemeId, command.tradeId(), trade.seller(), trade.buyer(),
                trade.vintage(), trade.quantity(), trade.pricePerTonne(), amount,
                owes ? id("emission-trade:" + command.tradeId()) : null));
    }

    @CommandHandler
    public void handle(CancelEmissionTradeCommand command) {
        Trade trade = trade(command.tradeId());
        if (!trade.seller().equals(command.actingJurisdiction())) {
            throw new NotPermittedException("only the seller " + trade.seller() + " cancels trade "
                    + command.tradeId());
        }
        if (trade.status() != EmissionTradeStatus.PROPOSED) {
            throw new InvalidStateException("trade " + command.tradeId() + " is " + trade.status());
        }
        apply(new EmissionTradeCancelledEvent(schemeId, command.tradeId(), trade.seller()));
    }

    @CommandHandler
    public void handle(RecordVerifiedEmissionsCommand command, DeadlineManager deadlines) {
        requireAuthority(command.actingJurisdiction(), "record verified emissions");
        List<FieldError> errors = new ArrayList<>();
        if (command.holder() == null || command.holder().isBlank()) {
            errors.add(new FieldError("holder", "is required"));
        }
        year(command.year(), "year", errors);
        quantity(command.quantity(), "quantity", errors);
        evidence(command.evidence(), errors);
        throwIfAny(errors);
        if (!accounts.containsKey(command.holder())) {
            throw new InvalidStateException(command.holder() + " has no account in " + schemeId);
        }
        int year = command.year();
        if (settled.getOrDefault(year, Set.of()).contains(command.holder())) {
            throw new InvalidStateException("the emissions of " + command.holder() + " for " + year
                    + " were settled at the surrender deadline");
        }
        Instant deadline = deadline(year);
        Instant now = GenericEventMessage.clock.instant();
        boolean firstOfYear = !verified.containsKey(year);
        apply(new VerifiedEmissionsRecordedEvent(schemeId, command.holder(), year,
                Quantities.normal(command.quantity()), List.copyOf(command.evidence()), deadline));
        if (!now.isBefore(deadline)) {
            // recorded after the deadline: assessed at once
            settle(year, List.of(command.holder()), BY_LEDGER);
        } else if (firstOfYear) {
            deadlines.schedule(deadline, SURRENDER_DEADLINE, Integer.toString(year));
        }
    }

    @CommandHandler
    public void handle(SurrenderAllowancesCommand command) {
        String holder = command.actingJurisdiction();
        if (holder == null || !accounts.containsKey(holder)) {
            throw new NotPermittedException("only a holder of an account in " + schemeId + " surrenders allowances");
        }
        List<FieldError> errors = new ArrayList<>();
        year(command.year(), "year", errors);
        year(command.vintage(), "vintage", errors);
        quantity(command.quantity(), "quantity", errors);
        if (errors.isEmpty() && command.vintage() > command.year()) {
            errors.add(new FieldError("vintage", "must not be after the year surrendered for (" + command.year()
                    + ")"));
        }
        throwIfAny(errors);
        requireOpen(holder);
        BigDecimal quantity = Quantities.normal(command.quantity());
        requireHolding(holder, command.vintage(), quantity, "surrender");
        apply(new AllowancesSurrenderedEvent(schemeId, holder, command.year(), command.vintage(), quantity,
                settled.getOrDefault(command.year(), Set.of()).contains(holder)));
    }

    /** The surrender deadline of a year: every holder with verified emissions of it not yet settled is settled now. */
    @DeadlineHandler(deadlineName = SURRENDER_DEADLINE)
    void onSurrenderDeadline(String yearText) {
        int year = Integer.parseInt(yearText);
        List<String> holders = verified.getOrDefault(year, Map.of()).keySet().stream()
                .filter(h -> !settled.getOrDefault(year, Set.of()).contains(h))
                .sorted()
                .toList();
        if (!holders.isEmpty()) {
            settle(year, holders, BY_LEDGER);
        }
    }

    private void settle(int year, List<String> holders, MetaData metaData) {
        List<YearResult> results = new ArrayList<>();
        for (String holder : holders) {
            BigDecimal emitted = verified.get(year).get(holder);
            BigDecimal covered = surrendered.getOrDefault(year, Map.of()).getOrDefault(holder, BigDecimal.ZERO);
            BigDecimal missing = emitted.subtract(covered);
            if (missing.signum() <= 0) {
                results.add(new YearResult(holder, emitted, covered, ComplianceStatus.COMPLIANT, BigDecimal.ZERO,
                        null, null));
            } else {
                Money penalty = Money.of(missing.multiply(penaltyPerTonne.amount()), penaltyPerTonne.currency());
                boolean owes = penalty.greaterThanZero() && !holder.equals(authority);
                results.add(new YearResult(holder, emitted, covered, ComplianceStatus.DEFICIT,
                        Quantities.normal(missing), owes ? penalty : null,
                        owes ? id("emission-penalty:" + schemeId + ":" + year + ":" + holder) : null));
            }
        }
        apply(new SurrenderDeadlinePassedEvent(schemeId, year, LocalDate.of(year + 1, surrenderBy.getMonth(),
                surrenderBy.getDayOfMonth()), authority, results), metaData);
    }

    // ---- event sourcing ----

    @EventSourcingHandler
    void on(EmissionSchemeCreatedEvent event) {
        schemeId = event.schemeId();
        authority = event.authority();
        pricePerTonne = event.pricePerTonne();
        penaltyPerTonne = event.penaltyPerTonne();
        surrenderBy = parseSurrenderBy(event.surrenderBy());
    }

    @EventSourcingHandler
    void on(EmissionAccountOpenedEvent event) {
        accounts.put(event.holder(), EmissionAccountStatus.OPEN);
    }

    @EventSourcingHandler
    void on(EmissionAccountBlockedEvent event) {
        accounts.put(event.holder(), EmissionAccountStatus.BLOCKED);
    }

    @EventSourcingHandler
    void on(EmissionAccountUnblockedEvent event) {
        accounts.put(event.holder(), EmissionAccountStatus.OPEN);
    }

    @EventSourcingHandler
    void on(AllowancesIssuedEvent event) {
        issuances = event.issuance();
        for (IssuedAllocation allocation : event.allocations()) {
            credit(allocation.holder(), event.vintage(), allocation.quantity());
        }
    }

    @EventSourcingHandler
    void on(EmissionTradeProposedEvent event) {
        tradeCount++;
        trades.put(event.tradeId(), new Trade(event.seller(), event.buyer(), event.vintage(), event.quantity(),
                event.pricePerTonne(), EmissionTradeStatus.PROPOSED));
    }

    @EventSourcingHandler
    void on(EmissionTradeCompletedEvent event) {
        debit(event.seller(), event.vintage(), event.quantity());
        credit(event.buyer(), event.vintage(), event.quantity());
        trades.computeIfPresent(event.tradeId(), (id, t) -> new Trade(t.seller(), t.buyer(), t.vintage(),
                t.quantity(), t.pricePerTonne(), EmissionTradeStatus.COMPLETED));
    }

    @EventSourcingHandler
    void on(EmissionTradeCancelledEvent event) {
        trades.computeIfPresent(event.tradeId(), (id, t) -> new Trade(t.seller(), t.buyer(), t.vintage(),
                t.quantity(), t.pricePerTonne(), EmissionTradeStatus.CANCELLED));
    }

    @EventSourcingHandler
    void on(VerifiedEmissionsRecordedEvent event) {
        verified.computeIfAbsent(event.year(), y -> new LinkedHashMap<>()).put(event.holder(), event.quantity());
    }

    @EventSourcingHandler
    void on(AllowancesSurrenderedEvent event) {
        debit(event.holder(), event.vintage(), event.quantity());
        surrendered.computeIfAbsent(event.year(), y -> new HashMap<>())
                .merge(event.holder(), event.quantity(), BigDecimal::add);
    }

    @EventSourcingHandler
    void on(SurrenderDeadlinePassedEvent event) {
        Set<String> holders = settled.computeIfAbsent(event.year(), y -> new HashSet<>());
        for (YearResult result : event.results()) {
            holders.add(result.holder());
        }
    }

    // ---- rules ----

    private void credit(String holder, int vintage, BigDecimal quantity) {
        holdings.computeIfAbsent(holder, h -> new TreeMap<>()).merge(vintage, quantity, BigDecimal::add);
    }

    private void debit(String holder, int vintage, BigDecimal quantity) {
        BigDecimal left = held(holder, vintage).subtract(quantity);
        if (left.signum() < 0) {
            // the command handlers check first; an event stream that says otherwise is not this ledger's
            throw new IllegalStateException("holding of " + holder + " in vintage " + vintage + " below zero");
        }
        if (left.signum() == 0) {
            holdings.get(holder).remove(vintage);
        } else {
            holdings.get(holder).put(vintage, left);
        }
    }

    private BigDecimal held(String holder, int vintage) {
        return holdings.getOrDefault(holder, new TreeMap<>()).getOrDefault(vintage, BigDecimal.ZERO);
    }

    private void requireHolding(String holder, int vintage, BigDecimal quantity, String action) {
        BigDecimal available = held(holder, vintage);
        if (available.compareTo(quantity) < 0) {
            throw new InvalidStateException(holder + " holds " + Quantities.normal(available).toPlainString()
                    + " t of vintage " + vintage + " and cannot " + action + " " + quantity.toPlainString() + " t");
        }
    }

    private void requireAuthority(String acting, String action) {
        if (acting == null || !acting.equals(authority)) {
            throw new NotPermittedException("only the scheme's authority " + authority + " may " + action);
        }
    }

    private EmissionAccountStatus account(String holder) {
        EmissionAccountStatus status = holder == null ? null : accounts.get(holder);
        if (status == null) {
            throw new NotFoundException("no account of " + holder + " in " + schemeId);
        }
        return status;
    }

    private void requireOpen(String holder) {
        EmissionAccountStatus status = accounts.get(holder);
        if (status != EmissionAccountStatus.OPEN) {
            throw new InvalidStateException("the account of " + holder + " in " + schemeId + " is "
                    + (status == null ? "missing" : status));
        }
    }

    private Trade trade(String tradeId) {
        Trade trade = tradeId == null ? null : trades.get(tradeId);
        if (trade == null) {
            throw new NotFoundException("no trade " + tradeId + " in " + schemeId);
        }
        return trade;
    }

    private String currency() {
        return penaltyPerTonne.currency();
    }

    private Instant deadline(int year) {
        return LedgerCalendar.endOf(LocalDate.of(year + 1, surrenderBy.getMonth(), surrenderBy.getDayOfMonth()));
    }

    static MonthDay parseSurrenderBy(String text) {
        if (text == null) {
            return null;
        }
        try {
            MonthDay day = MonthDay.parse(text);
            return day.getMonthValue() == 2 && day.getDayOfMonth() == 29 ? null : day;
        } catch (DateTimeException malformed) {
            return null;
        }
    }

    private static void perTonne(Money money, String field, List<FieldError> errors) {
        if (!Money.isIsoCurrency(money.currency())) {
            errors.add(new FieldError(field + ".currency", money.currency() + " is not an ISO 4217 currency code"));
        }
        if (!money.greaterThanZero() || money.amount().compareTo(MAX_PER_TONNE) > 0) {
            errors.add(new FieldError(field + ".amount", "must be above 0 and at most "
                    + MAX_PER_TONNE.toPlainString()));
        }
    }

    private static void quantity(BigDecimal quantity, String field, List<FieldError> errors) {
        String problem = Quantities.problem(quantity);
        if (problem != null) {
            errors.add(new FieldError(field, problem));
        }
    }

    private static void year(Integer year, String field, List<FieldError> errors) {
        if (year == null) {
            errors.add(new FieldError(field, "is required"));
        } else if (year < MIN_YEAR || year > MAX_YEAR) {
            errors.add(new FieldError(field, "must be a year from " + MIN_YEAR + " to " + MAX_YEAR));
        }
    }

    private static void evidence(List<Evidence> evidence, List<FieldError> errors) {
        if (evidence == null || evidence.isEmpty()) {
            errors.add(new FieldError("evidence", "must list at least one document"));
            return;
        }
        if (evidence.size() > 20) {
            errors.add(new FieldError("evidence", "must list at most 20 documents"));
            return;
        }
        for (int i = 0; i < evidence.size(); i++) {
            Evidence item = evidence.get(i);
            String path = "evidence[" + i + "]";
            if (item == null) {
                errors.add(new FieldError(path, "is required"));
                continue;
            }
            if (item.sha256() == null || !SHA256_HEX.matcher(item.sha256()).matches()) {
                errors.add(new FieldError(path + ".sha256", "must be 64 lowercase hex digits"));
            }
            if (item.uri() == null || !Evidence.isFetchableUri(item.uri())) {
                errors.add(new FieldError(path + ".uri", "must be an absolute https or http address"));
            }
            if (item.description() != null && item.description().length() > 500) {
                errors.add(new FieldError(path + ".description", "must be at most 500 characters"));
            }
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** The id of the transfer a holder owes for its allocation in the scheme's {@code issuance}-th issuance. */
    public static String allocationTransferId(String schemeId, int issuance, String holder) {
        return id("emission-allocation:" + schemeId + ":" + issuance + ":" + holder);
    }

    /** A transfer id derived from what causes it: the same for every delivery of the event. */
    static String id(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
