package org.basinledger.app.emission;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.emission.AllowancesIssuedEvent;
import org.basinledger.api.emission.AllowancesSurrenderedEvent;
import org.basinledger.api.emission.EmissionQueries;
import org.basinledger.api.emission.EmissionSchemeView;
import org.basinledger.api.emission.EmissionTradeCompletedEvent;
import org.basinledger.api.emission.Quantities;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reconciles every emission scheme from its events: per vintage, what was issued equals what is held plus what was
 * retired, no holding is below zero, and the public registry (the read model) shows exactly those figures. The
 * figures are recomputed by folding the scheme's events from the event store (never a snapshot, never the read
 * model); the read model is compared at the version it has reached, so a projection still catching up is not a
 * mismatch. As the {@code emissions} health indicator it turns {@code /actuator/health} DOWN while any check fails;
 * a check is at most {@code ledger.emissions.reconciliation-max-age} old (30 s by default, so the public health
 * endpoint does not re-read every scheme's events on each call).
 */
@Component("emissionsHealthIndicator")
public class EmissionReconciliation implements HealthIndicator {

    /** The figures of one vintage, from the events and from the registry. */
    public record VintageCheck(String schemeId, int vintage, BigDecimal issued, BigDecimal held, BigDecimal retired,
                               BigDecimal shownIssued, BigDecimal shownHeld, BigDecimal shownRetired) {
    }

    /** {@code problems} empty: everything reconciles. */
    public record Report(Instant checkedAt, int schemes, List<VintageCheck> vintages, List<String> problems) {

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final QueryGateway queries;
    private final Duration maxAge;
    private final Clock clock = Clock.systemUTC();
    private volatile Report latest;

    public EmissionReconciliation(EventStore eventStore, JdbcTemplate jdbc, QueryGateway queries,
                                  @Value("${ledger.emissions.reconciliation-max-age:PT30S}") Duration maxAge) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.queries = queries;
        this.maxAge = maxAge;
    }

    @Override
    public Health health() {
        Report report = latest;
        if (report == null || report.checkedAt().plus(maxAge).compareTo(clock.instant()) <= 0) {
            report = check();
        }
        Health.Builder builder = report.ok() ? Health.up()
                : Health.status(new Status(Status.DOWN.getCode(), "emission rights do not reconcile: "
                + report.problems().get(0)));
        return builder.withDetail("checkedAt", report.checkedAt().toString())
                .withDetail("schemes", report.schemes())
                .withDetail("problems", report.problems().size())
                .build();
    }

    /** Checks every scheme now. */
    public synchronized Report check() {
        List<String> schemes = jdbc.queryForList("SELECT DISTINCT aggregate_identifier FROM domain_event_entry"
                + " WHERE type = 'EmissionScheme' ORDER BY aggregate_identifier", String.class);
        List<VintageCheck> vintages = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String scheme : schemes) {
            checkScheme(scheme, vintages, problems);
        }
        Report report = new Report(clock.instant(), schemes.size(), vintages, problems);
        latest = report;
        return report;
    }

    private void checkScheme(String scheme, List<VintageCheck> vintages, List<String> problems) {
        EmissionSchemeView shown = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            EmissionSchemeView first = queries.query(new EmissionQueries.FindScheme(scheme), EmissionSchemeView.class)
                    .join();
            EmissionSchemeView second = queries.query(new EmissionQueries.FindScheme(scheme), EmissionSchemeView.class)
                    .join();
            if (first == null || second == null || first.version() == second.version()) {
                shown = second;
                break;
            }
        }
        long upTo = shown == null ? Long.MAX_VALUE : shown.version();
        Fold fold = new Fold();
        DomainEventStream events = eventStore.readEvents(scheme, 0);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getSequenceNumber() > upTo) {
                break;
            }
            String problem = fold.apply(event.getPayload());
            if (problem != null) {
                problems.add(scheme + ": " + problem + " at sequence " + event.getSequenceNumber());
            }
        }
        Map<Integer, EmissionSchemeView.VintageTotals> shownVintages = new HashMap<>();
        if (shown == null) {
            if (!fold.issued.isEmpty()) {
                problems.add(scheme + ": has issued allowances but is missing from the registry");
            }
        } else {
            shown.vintages().forEach(v -> shownVintages.put(v.vintage(), v));
        }
        for (Map.Entry<Integer, BigDecimal> entry : fold.issued.entrySet()) {
            int vintage = entry.getKey();
            BigDecimal issued = entry.getValue();
            BigDecimal held = fold.held(vintage);
            BigDecimal retired = fold.retired.getOrDefault(vintage, BigDecimal.ZERO);
            if (issued.compareTo(held.add(retired)) != 0) {
                problems.add(scheme + " vintage " + vintage + ": issued " + plain(issued) + " ≠ held " + plain(held)
                        + " + retired " + plain(retired));
            }
            EmissionSchemeView.VintageTotals totals = shownVintages.remove(vintage);
            if (shown != null && (totals == null || totals.issued().compareTo(issued) != 0
                    || totals.held().compareTo(held) != 0 || totals.retired().compareTo(retired) != 0)) {
                problems.add(scheme + " vintage " + vintage + ": the registry shows " + (totals == null ? "nothing"
                        : "issued " + plain(totals.issued()) + ", held " + plain(totals.held()) + ", retired "
                        + plain(totals.retired())) + " where the events give issued " + plain(issued) + ", held "
                        + plain(held) + ", retired " + plain(retired));
            }
            vintages.add(new VintageCheck(scheme, vintage, plain(issued), plain(held), plain(retired),
                    totals == null ? null : totals.issued(), totals == null ? null : totals.held(),
                    totals == null ? null : totals.retired()));
        }
        for (Integer vintage : shownVintages.keySet()) {
            problems.add(scheme + " vintage " + vintage + ": shown in the registry but never issued");
        }
    }

    private static BigDecimal plain(BigDecimal value) {
        return Quantities.normal(value);
    }

    /** Issued, held (per holder) and retired per vintage, folded from the events alone. */
    private static final class Fold {

        final Map<Integer, BigDecimal> issued = new TreeMap<>();
        final Map<Integer, BigDecimal> retired = new HashMap<>();
        final Map<Integer, Map<String, BigDecimal>> holdings = new HashMap<>();

        /** Applies one event; answers what is wrong with it, or null. */
        String apply(Object payload) {
            if (payload instanceof AllowancesIssuedEvent e) {
                for (AllowancesIssuedEvent.IssuedAllocation allocation : e.allocations()) {
                    issued.merge(e.vintage(), allocation.quantity(), BigDecimal::add);
                    move(e.vintage(), allocation.holder(), allocation.quantity());
                }
            } else if (payload instanceof EmissionTradeCompletedEvent e) {
                move(e.vintage(), e.buyer(), e.quantity());
                return move(e.vintage(), e.seller(), e.quantity().negate());
            } else if (payload instanceof AllowancesSurrenderedEvent e) {
                retired.merge(e.vintage(), e.quantity(), BigDecimal::add);
                return move(e.vintage(), e.holder(), e.quantity().negate());
            }
            return null;
        }

        private String move(int vintage, String holder, BigDecimal quantity) {
            BigDecimal now = holdings.computeIfAbsent(vintage, v -> new HashMap<>())
                    .merge(holder, quantity, BigDecimal::add);
            return now.signum() < 0 ? "the holding of " + holder + " in vintage " + vintage + " went below zero ("
                    + now.toPlainString() + ")" : null;
        }

        BigDecimal held(int vintage) {
            return holdings.getOrDefault(vintage, Map.of()).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }
}
