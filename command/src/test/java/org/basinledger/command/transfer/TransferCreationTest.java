package org.basinledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.test.utils.RecordingCommandBus;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.Money;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.AssessmentResult;
import org.basinledger.api.compliance.AssessmentResult.PollutantExcess;
import org.basinledger.api.compliance.FixedContributionFellDueEvent;
import org.basinledger.api.compliance.WaterClass;
import org.basinledger.api.incident.IncidentAcknowledgementMissedEvent;
import org.basinledger.api.incident.WarningLevel;
import org.basinledger.api.transfer.CreateTransferCommand;
import org.basinledger.api.transfer.LateInterestChargedEvent;
import org.basinledger.api.transfer.TransferCorrectedEvent;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.api.transfer.TransferSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransferCreationTest {

    private static final String AGREEMENT = "AGR-XINAN-1";
    private static final String ANHUI = "CN-AH";
    private static final String ZHEJIANG = "CN-ZJ";
    private static final String MINISTRY = "CN-MOF";
    private static final Money HUNDRED_MILLION = Money.of("100000000.00", Money.CNY);

    private final RecordingCommandBus commandBus = new RecordingCommandBus();
    private TransferCreation creation;

    @BeforeEach
    void setUp() {
        creation = new TransferCreation(DefaultCommandGateway.builder().commandBus(commandBus).build());
    }

    private List<Object> sentCommands() {
        return commandBus.getDispatchedCommands().stream().map(CommandMessage::getPayload).map(Object.class::cast).toList();
    }

    private static AssessmentRecordedEvent indexNotMet(String transferId) {
        AssessmentResult result = new AssessmentResult(false, new BigDecimal("1.0200"), null, WaterClass.II, ANHUI,
                ZHEJIANG, HUNDRED_MILLION);
        return new AssessmentRecordedEvent(AGREEMENT, "A-1", ZHEJIANG, "JIEKOU", CompensationRuleType.WATER_QUALITY_INDEX,
                "2025", null, result, transferId);
    }

    private static FixedContributionFellDueEvent secondYear() {
        return new FixedContributionFellDueEvent(AGREEMENT, 2, 2, "2026", MINISTRY, ANHUI,
                Money.of("300000000.00", Money.CNY), Instant.parse("2026-12-31T16:00:00Z"), "T-FIXED-2");
    }

    @Test
    void anAssessmentThatOwesMoneyCreatesItsTransferAsTheLedger() {
        creation.on(indexNotMet("T-1"));

        assertThat(sentCommands()).containsExactly(new CreateTransferCommand("T-1", AGREEMENT, ANHUI, ZHEJIANG,
                HUNDRED_MILLION, "Assessment of JIEKOU 2025 (WATER_QUALITY_INDEX): index 1.0200, not met",
                TransferSource.ASSESSMENT, "A-1", null));
    }

    @Test
    void aMissedNoticeUnderAPenaltyCreatesThePenaltyFromTheSilentPartyToTheRaisingParty() {
        Money penalty = Money.of("500000.00", Money.CNY);
        creation.on(new IncidentAcknowledgementMissedEvent("I-1", AGREEMENT, 2, ZHEJIANG, WarningLevel.RED,
                Instant.parse("2026-07-01T01:00:00Z"), ANHUI, penalty, "T-PENALTY"));

        assertThat(sentCommands()).containsExactly(new CreateTransferCommand("T-PENALTY", AGREEMENT, ZHEJIANG, ANHUI,
                penalty, "Penalty: CN-ZJ did not acknowledge notice 2 (RED) of incident I-1 by 2026-07-01T01:00:00Z",
                TransferSource.PENALTY, "I-1", null));
    }

    @Test
    void aMissedNoticeWithoutAPenaltyCreatesNoTransfer() {
        creation.on(new IncidentAcknowledgementMissedEvent("I-1", AGREEMENT, 2, ZHEJIANG, WarningLevel.RED,
                Instant.parse("2026-07-01T01:00:00Z"), ANHUI, null, null));

        assertThat(sentCommands()).isEmpty();
    }

    @Test
    void anAssessmentThatOwesNothingCreatesNoTransfer() {
        AssessmentResult result = new AssessmentResult(true, null, List.of(), WaterClass.III, null, null, null);

        creation.on(new AssessmentRecordedEvent(AGREEMENT, "A-2", ZHEJIANG, "JIEKOU",
                CompensationRuleType.EXCEEDANCE_PER_TONNE, "2025-04", null, result, null));

        assertThat(sentCommands()).isEmpty();
    }

    @Test
    void anExceedanceTransferNamesThePollutantsOverTarget() {
        AssessmentResult result = new AssessmentResult(false, null, List.of(
                new PollutantExcess(Pollutant.CODMN, new BigDecimal("7"), new BigDecimal("6"), new BigDecimal("25.92"),
                        Money.of("388800", Money.CNY)),
                new PollutantExcess(Pollutant.NH3N, new BigDecimal("1.2"), new BigDecimal("1.0"),
                        new BigDecimal("10.7136"), Money.of("1071360", Money.CNY)),
                new PollutantExcess(Pollutant.TP, new BigDecimal("0.1"), new BigDecimal("0.2"), BigDecimal.ZERO,
                        Money.of("0", Money.CNY))),
                WaterClass.IV, ANHUI, ZHEJIANG, Money.of("1460160", Money.CNY));

        creation.on(new AssessmentRecordedEvent(AGREEMENT, "A-3", ZHEJIANG, "JIEKOU",
                CompensationRuleType.EXCEEDANCE_PER_TONNE, "2025-04", null, result, "T-3"));

        assertThat(sentCommands()).extracting(c -> ((CreateTransferCommand) c).reason()).containsExactly(
                "Assessment of JIEKOU 2025-04 (EXCEEDANCE_PER_TONNE): CODMN 25.92 t, NH3N 10.71 t over target");
    }

    @Test
    void aFixedContributionCreatesItsTransferAsTheLedger() {
        creation.on(secondYear());

        assertThat(sentCommands()).containsExactly(new CreateTransferCommand("T-FIXED-2", AGREEMENT, MINISTRY, ANHUI,
                Money.of("300000000.00", Money.CNY), "Fixed contribution for year 2 (2026) of rule 2",
                TransferSource.FIXED_CONTRIBUTION, AGREEMENT + ":2:2", null, null,
                // the anniversary, 2027-01-01 00:00 in basin time: payment terms count the due date from it
                LocalDate.of(2027, 1, 1)));
    }

    @Test
    void aLatePaymentsInterestBecomesATransferOfItsOwnFromThePayerToThePayee() {
        creation.on(new LateInterestChargedEvent("T-1", AGREEMENT, ZHEJIANG, ANHUI, HUNDRED_MILLION,
                LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 12), 12, new BigDecimal("0.0005"),
                Money.of("600000.00", Money.CNY), "T-1-INTEREST"));

        assertThat(sentCommands()).containsExactly(new CreateTransferCommand("T-1-INTEREST", AGREEMENT, ZHEJIANG,
                ANHUI, Money.of("600000.00", Money.CNY), "Late interest on transfer T-1: 100000000.00 CNY × 0.0005 a day"
                + " × 12 days late (due 2026-01-31, paid 2026-02-12)", TransferSource.LATE_INTEREST, "T-1", null));
    }

    @Test
    void aRulingsCorrectionOfAPaidTransferCreatesTheRefundAsTheLedger() {
        creation.on(new TransferCorrectedEvent("T-1", AGREEMENT, "DSP-1", HUNDRED_MILLION,
                Money.of("60000000.00", Money.CNY), TransferStatus.PAID, "T-REFUND", TransferSource.REFUND, ZHEJIANG,
                ANHUI, Money.of("40000000.00", Money.CNY)));

        assertThat(sentCommands()).containsExactly(new CreateTransferCommand("T-REFUND", AGREEMENT, ZHEJIANG, ANHUI,
                Money.of("40000000.00", Money.CNY), "Refund of transfer T-1: the ruling on dispute DSP-1 set "
                + "60000000.00 CNY where 100000000.00 CNY stood", TransferSource.REFUND, "DSP-1", null, "T-1"));
    }

    @Test
    void aRulingsCorrectionUpwardsCreatesTheTopUp() {
        creation.on(new TransferCorrectedEvent("T-1", AGREEMENT, "DSP-1", HUNDRED_MILLION,
                Money.of("120000000.00", Money.CNY), TransferStatus.SETTLED, "T-TOP-UP", TransferSource.TOP_UP, ANHUI,
                ZHEJIANG, Money.of("20000000.00", Money.CNY)));

        assertThat(sentCommands()).containsExactly(new CreateTransferCommand("T-TOP-UP", AGREEMENT, ANHUI, ZHEJIANG,
                Money.of("20000000.00", Money.CNY), "Top-up of transfer T-1: the ruling on dispute DSP-1 set "
                + "120000000.00 CNY where 100000000.00 CNY stood", TransferSource.TOP_UP, "DSP-1", null, "T-1"));
    }

    @Test
    void aRulingThatLeftThePaidAmountAsItWasCreatesNothing() {
        creation.on(new TransferCorrectedEvent("T-1", AGREEMENT, "DSP-1", HUNDRED_MILLION, HUNDRED_MILLION,
                TransferStatus.PAID, null, null, null, null, null));

        assertThat(sentCommands()).isEmpty();
    }

    @Test
    void aCorrectionDeliveredAgainIsNotAnError() {
        commandBus.setCallbackBehavior((command, metaData) -> {
            throw new AggregateStreamCreationException("Cannot reuse aggregate identifier [T-REFUND]");
        });

        creation.on(new TransferCorrectedEvent("T-1", AGREEMENT, "DSP-1", HUNDRED_MILLION, Money.zero(Money.CNY),
                TransferStatus.PAID, "T-REFUND", TransferSource.REFUND, ZHEJIANG, ANHUI, HUNDRED_MILLION));

        assertThat(sentCommands()).hasSize(1);
    }

    @Test
    void aTransferCreatedBeforeIsNotAnErrorWhenTheEventIsHandledAgain() {
        commandBus.setCallbackBehavior((command, metaData) -> {
            throw new AggregateStreamCreationException("Cannot reuse aggregate identifier [T-1]");
        });

        creation.on(indexNotMet("T-1"));
        creation.on(secondYear());

        assertThat(sentCommands()).hasSize(2);
    }

    @Test
    void aConcurrentCreationOfTheSameTransferIsNotAnError() {
        commandBus.setCallbackBehavior((command, metaData) -> {
            throw new ConcurrencyException("An event for aggregate [T-1] at sequence [0] was already inserted");
        });

        creation.on(indexNotMet("T-1"));

        assertThat(sentCommands()).hasSize(1);
    }

    @Test
    void anyOtherFailureIsPassedOn() {
        commandBus.setCallbackBehavior((command, metaData) -> {
            throw new InvalidStateException("something else went wrong");
        });

        assertThatThrownBy(() -> creation.on(indexNotMet("T-1"))).isInstanceOf(InvalidStateException.class);
    }
}
