package org.basinledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.command.support.LedgerMatchers.invalidFields;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.utils.RecordingCommandBus;
import org.basinledger.api.common.Money;
import org.basinledger.api.emission.AllowancesIssuedEvent;
import org.basinledger.api.emission.ComplianceStatus;
import org.basinledger.api.emission.EmissionTradeCompletedEvent;
import org.basinledger.api.emission.SurrenderDeadlinePassedEvent;
import org.basinledger.api.transfer.AcknowledgeTransferCommand;
import org.basinledger.api.transfer.CreateTransferCommand;
import org.basinledger.api.transfer.TransferAcknowledgedEvent;
import org.basinledger.api.transfer.TransferCreatedEvent;
import org.basinledger.api.transfer.TransferSource;
import org.basinledger.command.support.FakeAgreementDirectory;
import org.junit.jupiter.api.Test;

/** Money owed in emission schemes goes through the transfer lifecycle: allocations, trades, penalties. */
class EmissionTransfersTest {

    private static final String SCHEME = "TAIHU-COD";
    private static final Money AMOUNT = Money.of("450000.00", Money.CNY);

    @Test
    void aSchemeTransferHasNoAgreementAndFollowsTheLifecycle() {
        FixtureConfiguration<CompensationTransfer> fixture = new AggregateTestFixture<>(CompensationTransfer.class);
        fixture.registerInjectableResource(new FakeAgreementDirectory());
        fixture.givenNoPriorActivity()
                .when(CreateTransferCommand.ofScheme("T-1", SCHEME, "CN-JS-WX", "CN-JS", AMOUNT, "Allocation",
                        TransferSource.ALLOCATION, SCHEME + ":issuance:1"))
                .expectEvents(new TransferCreatedEvent("T-1", null, "CN-JS-WX", "CN-JS", AMOUNT, "Allocation",
                        TransferSource.ALLOCATION, SCHEME + ":issuance:1", null, null, null, SCHEME));
        fixture.given(new TransferCreatedEvent("T-1", null, "CN-JS-WX", "CN-JS", AMOUNT, "Allocation",
                        TransferSource.ALLOCATION, SCHEME + ":issuance:1", null, null, null, SCHEME))
                .when(new AcknowledgeTransferCommand("T-1", "CN-JS-WX"))
                .expectEvents(new TransferAcknowledgedEvent("T-1", null, "CN-JS-WX"));
    }

    @Test
    void anAllocationOrTradeNamesItsSchemeAndOnlyThose() {
        FixtureConfiguration<CompensationTransfer> fixture = new AggregateTestFixture<>(CompensationTransfer.class);
        fixture.registerInjectableResource(new FakeAgreementDirectory());
        fixture.givenNoPriorActivity()
                .when(new CreateTransferCommand("T-1", "AGR-1", "CN-JS-WX", "CN-JS", AMOUNT, "Trade",
                        TransferSource.TRADE, "x", null))
                .expectException(invalidFields("schemeId"));
        fixture.givenNoPriorActivity()
                .when(CreateTransferCommand.ofScheme("T-1", SCHEME, "CN-JS-WX", "CN-JS", AMOUNT, "Assessment",
                        TransferSource.ASSESSMENT, "x"))
                .expectException(invalidFields("source"));
    }

    @Test
    void issuanceTradesAndDeficitsCreateTheirTransfersAsTheLedger() {
        RecordingCommandBus bus = new RecordingCommandBus();
        TransferCreation creation = new TransferCreation(DefaultCommandGateway.builder().commandBus(bus).build());
        Money price = Money.of("4500.00", "CNY");
        creation.on(new AllowancesIssuedEvent(SCHEME, 1, 2026, "CN-JS", List.of(
                new AllowancesIssuedEvent.IssuedAllocation("CN-JS-WX", new BigDecimal("100"), price, AMOUNT, "T-A"),
                new AllowancesIssuedEvent.IssuedAllocation("CN-JS", new BigDecimal("5"), null, null, null))));
        creation.on(new EmissionTradeCompletedEvent(SCHEME, SCHEME + "-T1", "CN-JS-WX", "CN-JS-SZ", 2026,
                new BigDecimal("2.5"), price, Money.of("11250.00", "CNY"), "T-T"));
        creation.on(new SurrenderDeadlinePassedEvent(SCHEME, 2026, LocalDate.of(2027, 5, 31), "CN-JS", List.of(
                new SurrenderDeadlinePassedEvent.YearResult("CN-JS-SZ", new BigDecimal("10"), new BigDecimal("9"),
                        ComplianceStatus.DEFICIT, new BigDecimal("1"), Money.of("9000.00", "CNY"), "T-P"),
                new SurrenderDeadlinePassedEvent.YearResult("CN-JS-WX", new BigDecimal("9"), new BigDecimal("9"),
                        ComplianceStatus.COMPLIANT, BigDecimal.ZERO, null, null))));

        assertThat(bus.getDispatchedCommands().stream().map(CommandMessage::getPayload).map(Object.class::cast).toList())
                .containsExactly(
                CreateTransferCommand.ofScheme("T-A", SCHEME, "CN-JS-WX", "CN-JS", AMOUNT,
                        "Allocation of 100 t of vintage 2026 in TAIHU-COD at 4500.00 CNY/t", TransferSource.ALLOCATION,
                        SCHEME + ":issuance:1"),
                CreateTransferCommand.ofScheme("T-T", SCHEME, "CN-JS-SZ", "CN-JS-WX", Money.of("11250.00", "CNY"),
                        "Trade TAIHU-COD-T1: 2.5 t of vintage 2026 at 4500.00 CNY/t", TransferSource.TRADE,
                        SCHEME + "-T1"),
                CreateTransferCommand.ofScheme("T-P", SCHEME, "CN-JS-SZ", "CN-JS", Money.of("9000.00", "CNY"),
                        "Penalty for 1 t not surrendered for 2026 in TAIHU-COD (verified 10 t, surrendered 9 t by "
                                + "2027-05-31)", TransferSource.PENALTY, SCHEME + ":2026:CN-JS-SZ"));
    }
}
