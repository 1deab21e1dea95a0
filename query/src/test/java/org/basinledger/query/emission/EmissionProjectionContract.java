package org.basinledger.query.emission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.query.support.Events.at;
import static org.basinledger.query.support.Events.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.Money;
import org.basinledger.api.emission.AllowancesIssuedEvent;
import org.basinledger.api.emission.AllowancesIssuedEvent.IssuedAllocation;
import org.basinledger.api.emission.AllowancesSurrenderedEvent;
import org.basinledger.api.emission.ComplianceStatus;
import org.basinledger.api.emission.EmissionAccountBlockedEvent;
import org.basinledger.api.emission.EmissionAccountOpenedEvent;
import org.basinledger.api.emission.EmissionAccountStatus;
import org.basinledger.api.emission.EmissionAccountView;
import org.basinledger.api.emission.EmissionEvent;
import org.basinledger.api.emission.EmissionQueries;
import org.basinledger.api.emission.EmissionSchemeCreatedEvent;
import org.basinledger.api.emission.EmissionSchemeView;
import org.basinledger.api.emission.EmissionTradeCancelledEvent;
import org.basinledger.api.emission.EmissionTradeCompletedEvent;
import org.basinledger.api.emission.EmissionTradeProposedEvent;
import org.basinledger.api.emission.EmissionTradeStatus;
import org.basinledger.api.emission.SurrenderDeadlinePassedEvent;
import org.basinledger.api.emission.VerifiedEmissionsRecordedEvent;
import org.basinledger.query.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The emission registry projection against a real database; subclasses choose H2 or PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmissionProjectionContract {

    private static final String SCHEME = "TAIHU-COD";
    private static final String JS = "CN-JS";
    private static final String WX = "CN-JS-WX";
    private static final String SZ = "CN-JS-SZ";
    private static final Money PRICE = Money.of("4500.00", "CNY");

    private TestDatabase db;
    private EmissionProjection projection;
    private long sequence;

    abstract TestDatabase openDatabase();

    @BeforeAll
    void openDb() {
        db = openDatabase();
    }

    @AfterAll
    void closeDb() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void setUp() {
        db.assumeAvailable();
        projection = new EmissionProjection(db.jdbc(), new com.fasterxml.jackson.databind.ObjectMapper());
        projection.reset();
        sequence = 0;
    }

    private EventMessage<?> deliver(EmissionEvent event) {
        EventMessage<?> message = domain("EmissionScheme", SCHEME, sequence, event, at(sequence), JS);
        sequence++;
        projection.on(event, message);
        return message;
    }

    private static BigDecimal t(String tonnes) {
        return new BigDecimal(tonnes);
    }

    private void aYear() {
        deliver(new EmissionSchemeCreatedEvent(SCHEME, "Taihu COD", Pollutant.COD, JS, PRICE, "--05-31",
                Money.of("9000.00", "CNY")));
        deliver(new EmissionAccountOpenedEvent(SCHEME, WX));
        deliver(new EmissionAccountOpenedEvent(SCHEME, SZ));
        deliver(new AllowancesIssuedEvent(SCHEME, 1, 2026, JS, List.of(
                new IssuedAllocation(WX, t("100"), PRICE, Money.of("450000", "CNY"), "T-A1"),
                new IssuedAllocation(SZ, t("50.5"), PRICE, Money.of("227250", "CNY"), "T-A2"))));
        deliver(new EmissionTradeProposedEvent(SCHEME, SCHEME + "-T1", WX, SZ, 2026, t("12.345"),
                Money.of("5000.33", "CNY")));
        deliver(new EmissionTradeCompletedEvent(SCHEME, SCHEME + "-T1", WX, SZ, 2026, t("12.345"),
                Money.of("5000.33", "CNY"), Money.of("61729.07", "CNY"), "T-T1"));
        deliver(new EmissionTradeProposedEvent(SCHEME, SCHEME + "-T2", WX, SZ, 2026, t("1"), Money.of("1", "CNY")));
        deliver(new EmissionTradeCancelledEvent(SCHEME, SCHEME + "-T2", WX));
        deliver(new VerifiedEmissionsRecordedEvent(SCHEME, SZ, 2026, t("70.5"), List.of(new Evidence("a".repeat(64),
                "https://example.org/v.pdf", null)), Instant.parse("2027-05-31T16:00:00Z")));
        deliver(new AllowancesSurrenderedEvent(SCHEME, SZ, 2026, 2026, t("60"), false));
        deliver(new SurrenderDeadlinePassedEvent(SCHEME, 2026, LocalDate.of(2027, 5, 31), JS, List.of(
                new SurrenderDeadlinePassedEvent.YearResult(SZ, t("70.5"), t("60"), ComplianceStatus.DEFICIT,
                        t("10.5"), Money.of("94500", "CNY"), "T-P1"))));
        deliver(new AllowancesSurrenderedEvent(SCHEME, SZ, 2026, 2026, t("2.845"), true));
        deliver(new EmissionAccountBlockedEvent(SCHEME, WX));
    }

    @Test
    void theRegistryShowsHoldingsTradesAndComplianceExactly() {
        aYear();

        EmissionSchemeView scheme = projection.handle(new EmissionQueries.FindScheme(SCHEME));
        assertThat(scheme.version()).isEqualTo(sequence - 1);
        assertThat(scheme.pricePerTonne()).isEqualTo(PRICE);
        assertThat(scheme.vintages()).containsExactly(new EmissionSchemeView.VintageTotals(2026, t("150.5"),
                t("87.655"), t("62.845")));
        assertThat(scheme.accounts()).extracting(EmissionSchemeView.AccountSummary::status)
                .containsExactly(EmissionAccountStatus.OPEN, EmissionAccountStatus.BLOCKED); // SZ, WX

        EmissionAccountView suzhou = projection.handle(new EmissionQueries.FindAccount(SCHEME, SZ));
        assertThat(suzhou.holdings()).isEmpty();
        assertThat(suzhou.transactions()).extracting(EmissionAccountView.Transaction::kind)
                .containsExactly("ISSUED", "BOUGHT", "SURRENDERED", "SURRENDERED");
        EmissionAccountView.ComplianceYear year = suzhou.compliance().get(0);
        assertThat(year.status()).isEqualTo(ComplianceStatus.DEFICIT);
        assertThat(year.verified()).isEqualTo(t("70.5"));
        assertThat(year.surrendered()).isEqualTo(t("62.845"));
        assertThat(year.stillOwed()).isEqualTo(t("7.655"));
        assertThat(year.penalty()).isEqualTo(Money.of("94500.00", "CNY"));
        assertThat(year.penaltyTransferId()).isEqualTo("T-P1");
        assertThat(year.evidence()).containsExactly(new Evidence("a".repeat(64), "https://example.org/v.pdf", null));

        EmissionAccountView wuxi = projection.handle(new EmissionQueries.FindAccount(SCHEME, WX));
        assertThat(wuxi.status()).isEqualTo(EmissionAccountStatus.BLOCKED);
        assertThat(wuxi.holdings()).containsExactly(new EmissionAccountView.Holding(2026, t("87.655")));

        assertThat(projection.handle(new EmissionQueries.ListTrades(SCHEME, null)).trades())
                .extracting(tr -> tr.status()).containsExactly(EmissionTradeStatus.CANCELLED,
                        EmissionTradeStatus.COMPLETED);
        assertThat(projection.handle(new EmissionQueries.FindTrade(SCHEME + "-T1")).amount())
                .isEqualTo(Money.of("61729.07", "CNY"));
        assertThat(projection.handle(new EmissionQueries.ListAccounts(SCHEME)).accounts()).hasSize(2);
        assertThat(projection.handle(new EmissionQueries.ListSchemes()).schemes()).hasSize(1);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        deliver(new EmissionSchemeCreatedEvent(SCHEME, "Taihu COD", Pollutant.COD, JS, null, "--05-31",
                Money.of("9000.00", "CNY")));
        deliver(new EmissionAccountOpenedEvent(SCHEME, WX));
        AllowancesIssuedEvent issued = new AllowancesIssuedEvent(SCHEME, 1, 2026, JS,
                List.of(new IssuedAllocation(WX, t("100"), null, null, null)));
        EventMessage<?> message = deliver(issued);
        projection.on(issued, message);

        EmissionSchemeView scheme = projection.handle(new EmissionQueries.FindScheme(SCHEME));
        assertThat(scheme.vintages()).containsExactly(new EmissionSchemeView.VintageTotals(2026, t("100"), t("100"),
                t("0")));
        assertThat(projection.handle(new EmissionQueries.FindAccount(SCHEME, WX)).transactions()).hasSize(1);
    }
}
