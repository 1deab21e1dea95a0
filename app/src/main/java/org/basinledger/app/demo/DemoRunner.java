package org.basinledger.app.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.stream.Collectors;

import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.agreement.AgreementPage;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.FindAgreementStatusQuery;
import org.basinledger.api.agreement.ListAgreementsQuery;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.registry.JurisdictionList;
import org.basinledger.api.registry.ListJurisdictionsQuery;
import org.basinledger.app.config.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Loads the demo basin ({@link DemoBasin}) when the application is started with {@code --demo} (or
 * {@code ledger.demo=true}, e.g. {@code LEDGER_DEMO=true}), after the application has started. Only into an empty
 * ledger: on a restart over a loaded demo, or over a ledger that holds anything else, it loads nothing and says
 * why.
 */
@Component
public class DemoRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    private final DemoBasin basin;
    private final QueryGateway queries;
    private final LedgerProperties properties;
    private final Environment environment;

    public DemoRunner(DemoBasin basin, QueryGateway queries, LedgerProperties properties, Environment environment) {
        this.basin = basin;
        this.queries = queries;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("demo") && !environment.getProperty("ledger.demo", Boolean.class, false)) {
            return;
        }
        if (queries.query(new FindAgreementStatusQuery(DemoBasin.JIANGSU, null), AgreementStatusView.class)
                .join() != null) {
            log.info("demo basin already loaded: nothing to do");
            return;
        }
        boolean empty = queries.query(new ListJurisdictionsQuery(), JurisdictionList.class).join().jurisdictions()
                .isEmpty() && queries.query(new ListAgreementsQuery(null, null, null, 0, 1, Caller.REGISTRAR),
                AgreementPage.class).join().totalItems() == 0;
        if (!empty) {
            log.warn("--demo: the ledger under {} already holds other data; the demo loads only into an empty ledger "
                    + "(start with a fresh --ledger.data-dir)", properties.dataDir().toAbsolutePath());
            return;
        }
        long started = System.nanoTime();
        log.info("loading the demo basin through the command path...");
        DemoBasin.Summary summary = basin.load(LocalDate.now(LedgerCalendar.ZONE));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log.info("demo basin loaded in {} ms ({} commands): {} jurisdictions, {} mediators, {} agreements (3 in force, "
                        + "1 draft), {} monitoring reports, {} assessments, transfers {}, {} disputes ({} ruled)",
                took.toMillis(), summary.commands(), summary.jurisdictions(), summary.mediators(),
                summary.agreements(), summary.monitoringReports(), summary.assessments(),
                summary.transfers().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ", "{", "}")),
                summary.disputes(), summary.rulings());
    }
}
