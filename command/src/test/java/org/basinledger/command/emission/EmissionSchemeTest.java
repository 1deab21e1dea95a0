package org.basinledger.command.emission;

import static org.basinledger.command.support.LedgerMatchers.invalidFields;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.Evidence;
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
import org.basinledger.api.emission.EmissionAccountUnblockedEvent;
import org.basinledger.api.emission.EmissionSchemeCreatedEvent;
import org.basinledger.api.emission.EmissionTradeCancelledEvent;
import org.basinledger.api.emission.EmissionTradeCompletedEvent;
import org.basinledger.api.emission.EmissionTradeProposedEvent;
import org.basinledger.api.emission.IssueAllowancesCommand;
import org.basinledger.api.emission.IssueAllowancesCommand.Allocation;
import org.basinledger.api.emission.OpenEmissionAccountCommand;
import org.basinledger.api.emission.ProposeEmissionTradeCommand;
import org.basinledger.api.emission.RecordVerifiedEmissionsCommand;
import org.basinledger.api.emission.SurrenderAllowancesCommand;
import org.basinledger.api.emission.SurrenderDeadlinePassedEvent;
import org.basinledger.api.emission.SurrenderDeadlinePassedEvent.YearResult;
import org.basinledger.api.emission.VerifiedEmissionsRecordedEvent;
import org.basinledger.command.support.FakeJurisdictionDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmissionSchemeTest {

    private static final String SCHEME = "TAIHU-COD";
    private static final String JIANGSU = "CN-JS";
    private static final String WUXI = "CN-JS-WX";
    private static final String SUZHOU = "CN-JS-SZ";
    private static final String CHANGZHOU = "CN-JS-CZ";
    private static final Money PRICE = Money.of("4500.00", Money.CNY);
    private static final Money PENALTY = Money.of("9000.00", Money.CNY);
    private static final Instant NOW = Instant.parse("2026-03-01T02:00:00Z");
    /** The end of 31 May 2027 in the basin: the surrender deadline of 2026. */
    private static final Instant DEADLINE_2026 = LedgerCalendar.endOf(LocalDate.of(2027, 5, 31));
    private static final List<Evidence> EVIDENCE = List.of(new Evidence("a".repeat(64),
            "https://sthjt.jiangsu.gov.cn/verified/2026-wuxi.pdf", "Verified COD emissions 2026"));

    private FixtureConfiguration<EmissionScheme> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EmissionScheme.class);
        fixture.registerInjectableResource(new FakeJurisdictionDirectory().register(JIANGSU).register(WUXI)
                .register(SUZHOU).register(CHANGZHOU));
    }

    private static BigDecimal t(String tonnes) {
        return new BigDecimal(tonnes);
    }

    private static EmissionSchemeCreatedEvent created(Money price) {
        return new EmissionSchemeCreatedEvent(SCHEME, "Taihu COD", Pollutant.COD, JIANGSU, price, "--05-31", PENALTY);
    }

    private static String allocationTransfer(int issuance, String holder) {
        return EmissionScheme.id("emission-allocation:" + SCHEME + ":" + issuance + ":" + holder);
    }

    private static AllowancesIssuedEvent issued2026() {
        return new AllowancesIssuedEvent(SCHEME, 1, 2026, JIANGSU, List.of(
                new IssuedAllocation(WUXI, t("100"), PRICE, Money.of("450000.00", Money.CNY),
                        allocationTransfer(1, WUXI)),
                new IssuedAllocation(SUZHOU, t("50.5"), PRICE, Money.of("227250.00", Money.CNY),
                        allocationTransfer(1, SUZHOU))));
    }

    private static Object[] openScheme() {
        return new Object[] {created(PRICE), new EmissionAccountOpenedEvent(SCHEME, WUXI),
                new EmissionAccountOpenedEvent(SCHEME, SUZHOU), new EmissionAccountOpenedEvent(SCHEME, CHANGZHOU),
                issued2026()};
    }

    private static EmissionTradeProposedEvent proposed(String id, String quantity, String price) {
        return new EmissionTradeProposedEvent(SCHEME, id, WUXI, SUZHOU, 2026, t(quantity), Money.of(price, Money.CNY));
    }

    private TestExecutor<EmissionScheme> given(Object... events) {
        return fixture.givenCurrentTime(NOW).andGiven(events);
    }

    // --- schemes ---

    @Test
    void theRegistrarCreatesASchemeWithAnAuthority() {
        fixture.givenNoPriorActivity()
                .when(new CreateEmissionSchemeCommand(SCHEME, "Taihu COD", Pollutant.COD, JIANGSU, PRICE, "--05-31",
                        PENALTY))
                .expectEvents(created(PRICE));
    }

    @Test
    void aSchemeIsRefusedWithAnUnknownAuthorityABadDayOrBadPrices() {
        fixture.givenNoPriorActivity()
                .when(new CreateEmissionSchemeCommand("taihu", " ", null, "CN-XX", Money.of("0", "CNY"), "--02-29",
                        Money.of("20000", "EUR")))
                .expectException(invalidFields("id", "name", "pollutant", "authority", "surrenderBy",
                        "penaltyPerTonne.amount", "pricePerTonne.amount", "pricePerTonne.currency"));
        fixture.givenNoPriorActivity()
                .when(new CreateEmissionSchemeCommand(SCHEME, "Taihu COD", Pollutant.COD, JIANGSU, null, "05-31",
                        null))
                .expectException(invalidFields("surrenderBy", "penaltyPerTonne"));
    }

    // --- accounts ---

    @Test
    void theAuthorityOpensBlocksAndUnblocksAccounts() {
        given(created(PRICE))
                .when(new OpenEmissionAccountCommand(SCHEME, WUXI, JIANGSU))
                .expectEvents(new EmissionAccountOpenedEvent(SCHEME, WUXI));
        given(created(PRICE), new EmissionAccountOpenedEvent(SCHEME, WUXI))
                .when(new ChangeEmissionAccountStatusCommand(SCHEME, WUXI, true, JIANGSU))
                .expectEvents(new EmissionAccountBlockedEvent(SCHEME, WUXI));
        given(created(PRICE), new EmissionAccountOpenedEvent(SCHEME, WUXI),
                new EmissionAccountBlockedEvent(SCHEME, WUXI))
                .when(new ChangeEmissionAccountStatusCommand(SCHEME, WUXI, false, JIANGSU))
                .expectEvents(new EmissionAccountUnblockedEvent(SCHEME, WUXI));
    }

    @Test
    void accountRefusals() {
        given(created(PRICE))
                .when(new OpenEmissionAccountCommand(SCHEME, WUXI, SUZHOU))
                .expectException(NotPermittedException.class);
        given(created(PRICE))
                .when(new OpenEmissionAccountCommand(SCHEME, "CN-XX", JIANGSU))
                .expectException(invalidFields("holder"));
        given(created(PRICE), new EmissionAccountOpenedEvent(SCHEME, WUXI))
                .when(new OpenEmissionAccountCommand(SCHEME, WUXI, JIANGSU))
                .expectException(InvalidStateException.class);
        given(created(PRICE), new EmissionAccountOpenedEvent(SCHEME, WUXI))
                .when(new ChangeEmissionAccountStatusCommand(SCHEME, WUXI, false, JIANGSU))
                .expectException(InvalidStateException.class);
        given(created(PRICE))
                .when(new ChangeEmissionAccountStatusCommand(SCHEME, WUXI, true, JIANGSU))
                .expectException(NotFoundException.class);
    }

    // --- issuance ---

    @Test
    void paidIssuanceOwesQuantityTimesPriceRoundedOnce() {
        given(created(PRICE), new EmissionAccountOpenedEvent(SCHEME, WUXI),
                new EmissionAccountOpenedEvent(SCHEME, SUZHOU))
                .when(new IssueAllowancesCommand(SCHEME, 2026, List.of(new Allocation(WUXI, t("100.000")),
                        new Allocation(SUZHOU, t("50.5"))), JIANGSU))
                .expectEvents(issued2026());
        // 0.001 t × 4500.00 = 4.50; 0.001 t × 0.01 would round to nothing and owes no transfer
        given(created(Money.of("0.01", "CNY")), new EmissionAccountOpenedEvent(SCHEME, WUXI))
                .when(new IssueAllowancesCommand(SCHEME, 2026, List.of(new Allocation(WUXI, t("0.001"))), JIANGSU))
                .expectEvents(new AllowancesIssuedEvent(SCHEME, 1, 2026, JIANGSU,
                        List.of(new IssuedAllocation(WUXI, t("0.001"), null, null, null))));
    }

    @Test
    void freeIssuanceOwesNothing() {
        given(created(null), new EmissionAccountOpenedEvent(SCHEME, WUXI))
                .when(new IssueAllowancesCommand(SCHEME, 2026, List.of(new Allocation(WUXI, t("10"))), JIANGSU))
                .expectEvents(new AllowancesIssuedEvent(SCHEME, 1, 2026, JIANGSU,
                        List.of(new IssuedAllocation(WUXI, t("10"), null, null, null))));
    }

    @Test
    void issuanceRefusals() {
        given(openScheme())
                .when(new IssueAllowancesCommand(SCHEME, 2026, List.of(new Allocation(WUXI, t("1"))), WUXI))
                .expectException(NotPermittedException.class);
        given(openScheme())
                .when(new IssueAllowancesCommand(SCHEME, 1999, List.of(new Allocation(WUXI, t("0")),
                        new Allocation(WUXI, t("1.0001")), new Allocation(SUZHOU, t("1000000000.001"))), JIANGSU))
                .expectException(invalidFields("vintage", "allocations[0].quantity", "allocations[1].holder",
                        "allocations[1].quantity", "allocations[2].quantity"));
        given(openScheme())
                .when(new IssueAllowancesCommand(SCHEME, 2026, List.of(), JIANGSU))
                .expectException(invalidFields("allocations"));
        given(openScheme())
                .when(new IssueAllowancesCommand(SCHEME, 2026, List.of(new Allocation("CN-JS-NJ", t("1"))), JIANGSU))
                .expectException(InvalidStateException.class);
        given(openScheme())
                .when(new IssueAllowancesCommand(SCHEME, 2027, List.of(new Allocation(WUXI, t("1"))), JIANGSU))
                .expectEvents(new AllowancesIssuedEvent(SCHEME, 2, 2027, JIANGSU, List.of(new IssuedAllocation(WUXI,
                        t("1"), PRICE, Money.of("4500.00", "CNY"), allocationTransfer(2, WUXI)))));
    }

    // --- trades ---

    @Test
    void theSellerProposesAndTheBuyerAcceptsThePriceFallsDue() {
        given(openScheme())
                .when(new ProposeEmissionTradeCommand(SCHEME, SUZHOU, 2026, t("40.250"), Money.of("5000", "CNY"), WUXI))
                .expectEvents(proposed(SCHEME + "-T1", "40.25", "5000"))
                .expectResultMessagePayload(SCHEME + "-T1");
        given(openScheme()).andGiven(proposed(SCHEME + "-T1", "40.25", "5000.33"))
                .when(new AcceptEmissionTradeCommand(SCHEME, SCHEME + "-T1", SUZHOU))
                // 40.25 × 5000.33 = 201263.2825 → 201263.28, once
                .expectEvents(new EmissionTradeCompletedEvent(SCHEME, SCHEME + "-T1", WUXI, SUZHOU, 2026, t("40.25"),
                        Money.of("5000.33", "CNY"), Money.of("201263.28", "CNY"),
                        EmissionScheme.id("emission-trade:" + SCHEME + "-T1")));
    }

    @Test
    void aTradeAtNoPriceMovesAllowancesAndOwesNothing() {
        given(openScheme()).andGiven(proposed(SCHEME + "-T1", "1", "0"))
                .when(new AcceptEmissionTradeCommand(SCHEME, SCHEME + "-T1", SUZHOU))
                .expectEvents(new EmissionTradeCompletedEvent(SCHEME, SCHEME + "-T1", WUXI, SUZHOU, 2026, t("1"),
                        Money.of("0", "CNY"), Money.of("0", "CNY"), null));
    }

    @Test
    void acceptanceIsCheckedAgainstTheHoldingAsItIsThen() {
        // two proposals of 60 t each against 100 t: each fits alone, only the first accepted fits both
        given(openScheme()).andGiven(proposed(SCHEME + "-T1", "60", "5000"), proposed(SCHEME + "-T2", "60", "5000"),
                        new EmissionTradeCompletedEvent(SCHEME, SCHEME + "-T1", WUXI, SUZHOU, 2026, t("60"),
                                Money.of("5000", "CNY"), Money.of("300000", "CNY"), "x"))
                .when(new AcceptEmissionTradeCommand(SCHEME, SCHEME + "-T2", SUZHOU))
                .expectException(InvalidStateException.class)
                .expectNoEvents();
    }

    @Test
    void tradeRefusals() {
        given(openScheme())
                .when(new ProposeEmissionTradeCommand(SCHEME, SUZHOU, 2026, t("100.001"), Money.of("1", "CNY"), WUXI))
                .expectException(InvalidStateException.class);
        given(openScheme())
                .when(new ProposeEmissionTradeCommand(SCHEME, WUXI, 2026, t("1"), Money.of("1", "CNY"), WUXI))
                .expectException(InvalidStateException.class);
        given(openScheme())
                .when(new ProposeEmissionTradeCommand(SCHEME, SUZHOU, 2025, t("1"), Money.of("1", "CNY"), WUXI))
                .expectException(InvalidStateException.class);
        given(openScheme())
                .when(new ProposeEmissionTradeCommand(SCHEME, SUZHOU, 2026, t("1"), Money.of("1", "CNY"), "CN-JS-NJ"))
                .expectException(NotPermittedException.class);
        given(openScheme())
                .when(new ProposeEmissionTradeCommand(SCHEME, "CN-JS-NJ", 2026, t("1"), Money.of("1", "CNY"), WUXI))
                .expectException(InvalidStateException.class);
        given(openScheme())
                .when(new ProposeEmissionTradeCommand(SCHEME, null, null, t("-1"), Money.of("1", "EUR"), WUXI))
                .expectException(invalidFields("buyer", "vintage", "quantity", "pricePerTonne.currency"));
        given(openScheme())
                .when(new ProposeEmissionTradeCommand(SCHEME, SUZHOU, 2026, t("1"), Money.of("10000.01", "CNY"), WUXI))
                .expectException(invalidFields("pricePerTonne.amount"));
        given(openScheme()).andGiven(new EmissionAccountBlockedEvent(SCHEME, SUZHOU))
                .when(new ProposeEmissionTradeCommand(SCHEME, SUZHOU, 2026, t("1"), Money.of("1", "CNY"), WUXI))
                .expectException(InvalidStateException.class);
        // accepted by the wrong party, twice, after cancellation, unknown, or with a blocked seller
        given(openScheme()).andGiven(proposed(SCHEME + "-T1", "1", "1"))
                .when(new AcceptEmissionTradeCommand(SCHEME, SCHEME + "-T1", WUXI))
                .expectException(NotPermittedException.class);
        given(openScheme()).andGiven(proposed(SCHEME + "-T1", "1", "1"), new EmissionTradeCompletedEvent(SCHEME,
                        SCHEME + "-T1", WUXI, SUZHOU, 2026, t("1"), Money.of("1", "CNY"), Money.of("1", "CNY"), "x"))
                .when(new AcceptEmissionTradeCommand(SCHEME, SCHEME + "-T1", SUZHOU))
                .expectException(InvalidStateException.class);
        given(openScheme()).andGiven(proposed(SCHEME + "-T1", "1", "1"),
                        new EmissionTradeCancelledEvent(SCHEME, SCHEME + "-T1", WUXI))
                .when(new AcceptEmissionTradeCommand(SCHEME, SCHEME + "-T1", SUZHOU))
                .expectException(InvalidStateException.class);
        given(openScheme())
                .when(new AcceptEmissionTradeCommand(SCHEME, SCHEME + "-T9", SUZHOU))
                .expectException(NotFoundException.class);
        given(openScheme()).andGiven(proposed(SCHEME + "-T1", "1", "1"), new EmissionAccountBlockedEvent(SCHEME, WUXI))
                .when(new AcceptEmissionTradeCommand(SCHEME, SCHEME + "-T1", SUZHOU))
                .expectException(InvalidStateException.class);
    }

    @Test
    void theSellerCancelsAProposedTradeOnly() {
        given(openScheme()).andGiven(proposed(SCHEME + "-T1", "1", "1"))
                .when(new CancelEmissionTradeCommand(SCHEME, SCHEME + "-T1", WUXI))
                .expectEvents(new EmissionTradeCancelledEvent(SCHEME, SCHEME + "-T1", WUXI));
        given(openScheme()).andGiven(proposed(SCHEME + "-T1", "1", "1"))
                .when(new CancelEmissionTradeCommand(SCHEME, SCHEME + "-T1", SUZHOU))
                .expectException(NotPermittedException.class);
        given(openScheme()).andGiven(proposed(SCHEME + "-T1", "1", "1"),
                        new EmissionTradeCancelledEvent(SCHEME, SCHEME + "-T1", WUXI))
                .when(new CancelEmissionTradeCommand(SCHEME, SCHEME + "-T1", WUXI))
                .expectException(InvalidStateException.class);
    }

    // --- verified emissions, surrenders, the deadline ---

    private static VerifiedEmissionsRecordedEvent verified(String holder, String tonnes) {
        return new VerifiedEmissionsRecordedEvent(SCHEME, holder, 2026, t(tonnes), EVIDENCE, DEADLINE_2026);
    }

    @Test
    void theAuthorityRecordsVerifiedEmissionsAndTheYearsDeadlineIsScheduled() {
        given(openScheme())
                .when(new RecordVerifiedEmissionsCommand(SCHEME, WUXI, 2026, t("80"), EVIDENCE, JIANGSU))
                .expectEvents(verified(WUXI, "80"))
                .expectScheduledDeadlineWithName(DEADLINE_2026, EmissionScheme.SURRENDER_DEADLINE);
        setUp();
        given(openScheme()).andGiven(verified(WUXI, "80"))
                .when(new RecordVerifiedEmissionsCommand(SCHEME, SUZHOU, 2026, t("40"), EVIDENCE, JIANGSU))
                .expectEvents(verified(SUZHOU, "40"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void verifiedEmissionRefusals() {
        given(openScheme())
                .when(new RecordVerifiedEmissionsCommand(SCHEME, WUXI, 2026, t("80"), EVIDENCE, WUXI))
                .expectException(NotPermittedException.class);
        given(openScheme())
                .when(new RecordVerifiedEmissionsCommand(SCHEME, WUXI, null, t("0"),
                        List.of(new Evidence("XYZ", "javascript:alert(1)", null)), JIANGSU))
                .expectException(invalidFields("year", "quantity", "evidence[0].sha256", "evidence[0].uri"));
        given(openScheme())
                .when(new RecordVerifiedEmissionsCommand(SCHEME, "CN-JS-NJ", 2026, t("1"), EVIDENCE, JIANGSU))
                .expectException(InvalidStateException.class);
    }

    @Test
    void aHolderSurrendersAVintageNotAfterTheYear() {
        given(openScheme())
                .when(new SurrenderAllowancesCommand(SCHEME, 2026, 2026, t("30.5"), WUXI))
                .expectEvents(new AllowancesSurrenderedEvent(SCHEME, WUXI, 2026, 2026, t("30.5"), false));
        given(openScheme())
                .when(new SurrenderAllowancesCommand(SCHEME, 2025, 2026, t("1"), WUXI))
                .expectException(invalidFields("vintage"));
        given(openScheme())
                .when(new SurrenderAllowancesCommand(SCHEME, 2026, 2026, t("100.001"), WUXI))
                .expectException(InvalidStateException.class);
        given(openScheme()).andGiven(new EmissionAccountBlockedEvent(SCHEME, WUXI))
                .when(new SurrenderAllowancesCommand(SCHEME, 2026, 2026, t("1"), WUXI))
                .expectException(InvalidStateException.class);
        given(openScheme())
                .when(new SurrenderAllowancesCommand(SCHEME, 2026, 2026, t("1"), "CN-JS-NJ"))
                .expectException(NotPermittedException.class);
        // the whole holding, to the last thousandth, and not a thousandth more
        given(openScheme()).andGiven(new AllowancesSurrenderedEvent(SCHEME, WUXI, 2026, 2026, t("99.999"), false))
                .when(new SurrenderAllowancesCommand(SCHEME, 2026, 2026, t("0.002"), WUXI))
                .expectException(InvalidStateException.class);
        given(openScheme()).andGiven(new AllowancesSurrenderedEvent(SCHEME, WUXI, 2026, 2026, t("99.999"), false))
                .when(new SurrenderAllowancesCommand(SCHEME, 2026, 2026, t("0.001"), WUXI))
                .expectEvents(new AllowancesSurrenderedEvent(SCHEME, WUXI, 2026, 2026, t("0.001"), false));
    }

    @Test
    void atTheDeadlineAShortHolderIsInDeficitAndOwesThePenaltyPerMissingTonne() {
        given(openScheme())
                .andGivenCommands(new RecordVerifiedEmissionsCommand(SCHEME, WUXI, 2026, t("80"), EVIDENCE, JIANGSU),
                        new RecordVerifiedEmissionsCommand(SCHEME, SUZHOU, 2026, t("40.5"), EVIDENCE, JIANGSU),
                        new SurrenderAllowancesCommand(SCHEME, 2026, 2026, t("80"), WUXI),
                        new SurrenderAllowancesCommand(SCHEME, 2026, 2026, t("30.25"), SUZHOU))
                .whenThenTimeAdvancesTo(DEADLINE_2026)
                .expectTriggeredDeadlinesWithName(EmissionScheme.SURRENDER_DEADLINE)
                .expectEvents(new SurrenderDeadlinePassedEvent(SCHEME, 2026, LocalDate.of(2027, 5, 31), JIANGSU,
                        // holders in the order of their ids; 10.25 t × 9000.00 = 92250.00
                        List.of(new YearResult(SUZHOU, t("40.5"), t("30.25"), ComplianceStatus.DEFICIT, t("10.25"),
                                        Money.of("92250.00", "CNY"),
                                        EmissionScheme.id("emission-penalty:" + SCHEME + ":2026:" + SUZHOU)),
                                new YearResult(WUXI, t("80"), t("80"), ComplianceStatus.COMPLIANT, BigDecimal.ZERO,
                                        null, null))));
    }

    @Test
    void afterTheDeadlineMissingTonnesMayStillBeSurrenderedLateAndEmissionsAreSettledAtOnce() {
        SurrenderDeadlinePassedEvent passed = new SurrenderDeadlinePassedEvent(SCHEME, 2026,
                LocalDate.of(2027, 5, 31), JIANGSU, List.of(new YearResult(WUXI, t("80"), BigDecimal.ZERO,
                ComplianceStatus.DEFICIT, t("80"), Money.of("720000", "CNY"), "p")));
        fixture.givenCurrentTime(DEADLINE_2026.plusSeconds(60))
                .andGiven(openScheme()).andGiven(verified(WUXI, "80"), passed)
                .when(new SurrenderAllowancesCommand(SCHEME, 2026, 2026, t("80"), WUXI))
                .expectEvents(new AllowancesSurrenderedEvent(SCHEME, WUXI, 2026, 2026, t("80"), true));
        setUp();
        fixture.givenCurrentTime(DEADLINE_2026.plusSeconds(60))
                .andGiven(openScheme()).andGiven(verified(WUXI, "80"), passed)
                .when(new RecordVerifiedEmissionsCommand(SCHEME, WUXI, 2026, t("70"), EVIDENCE, JIANGSU))
                .expectException(InvalidStateException.class);
        setUp();
        fixture.givenCurrentTime(DEADLINE_2026.plusSeconds(60))
                .andGiven(openScheme()).andGiven(verified(WUXI, "80"), passed)
                .when(new RecordVerifiedEmissionsCommand(SCHEME, SUZHOU, 2026, t("10"), EVIDENCE, JIANGSU))
                .expectEvents(verified(SUZHOU, "10"), new SurrenderDeadlinePassedEvent(SCHEME, 2026,
                        LocalDate.of(2027, 5, 31), JIANGSU, List.of(new YearResult(SUZHOU, t("10"), BigDecimal.ZERO,
                        ComplianceStatus.DEFICIT, t("10"), Money.of("90000.00", "CNY"),
                        EmissionScheme.id("emission-penalty:" + SCHEME + ":2026:" + SUZHOU)))))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDeadlineWhoseHoldersWereSettledAlreadyChangesNothing() {
        fixture.givenCurrentTime(NOW).andGiven(openScheme())
                .andGivenCommands(new RecordVerifiedEmissionsCommand(SCHEME, WUXI, 2026, t("80"), EVIDENCE, JIANGSU))
                .andGiven(new SurrenderDeadlinePassedEvent(SCHEME, 2026, LocalDate.of(2027, 5, 31), JIANGSU,
                        List.of(new YearResult(WUXI, t("80"), BigDecimal.ZERO, ComplianceStatus.DEFICIT, t("80"),
                                Money.of("720000", "CNY"), "p"))))
                .whenThenTimeAdvancesTo(DEADLINE_2026)
                .expectTriggeredDeadlinesWithName(EmissionScheme.SURRENDER_DEADLINE)
                .expectNoEvents();
    }
}
