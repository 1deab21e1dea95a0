package org.basinledger.command.transfer;

import static org.basinledger.command.support.LedgerMatchers.invalidFields;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.PaymentTerms;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.transfer.AcknowledgeTransferCommand;
import org.basinledger.api.transfer.CancelTransferCommand;
import org.basinledger.api.transfer.CreateTransferCommand;
import org.basinledger.api.transfer.DisputeTransferCommand;
import org.basinledger.api.transfer.LateInterestChargedEvent;
import org.basinledger.api.transfer.RecordTransferPaymentCommand;
import org.basinledger.api.transfer.TransferAcknowledgedEvent;
import org.basinledger.api.transfer.TransferCreatedEvent;
import org.basinledger.api.transfer.TransferOverdueEvent;
import org.basinledger.api.transfer.TransferPaidEvent;
import org.basinledger.api.transfer.TransferSource;
import org.basinledger.command.support.FakeAgreementDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Payment terms (API.md "Payment terms, overdue transfers, refunds"): a transfer's due date, its overdue deadline,
 * and the late interest of a payment after the due date, computed exactly and rounded once.
 */
class CompensationTransferPaymentTermsTest {

    private static final String TRANSFER = "T-1";
    private static final String INTEREST = CompensationTransfer.lateInterestId(TRANSFER);
    private static final String WITH_TERMS = "AGR-XINAN-2";
    private static final String WITHOUT_RATE = "AGR-XINAN-3";
    private static final String WITHOUT_TERMS = "AGR-XINAN-1";
    private static final String ANHUI = "CN-AH";
    private static final String ZHEJIANG = "CN-ZJ";
    private static final Money HUNDRED_MILLION = Money.of("100000000.00", Money.CNY);
    private static final BigDecimal RATE = new BigDecimal("0.0005");
    private static final String REASON = "Assessment of JIEKOU 2025 (WATER_QUALITY_INDEX): index 1.0200, not met";
    /** 2026-01-01 10:00 in basin time: the day a transfer created now falls due. */
    private static final Instant NOW = Instant.parse("2026-01-01T02:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 1, 1);
    /** Thirty days after today: the last day to pay. */
    private static final LocalDate DUE = LocalDate.of(2026, 1, 31);

    private FixtureConfiguration<CompensationTransfer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CompensationTransfer.class);
        fixture.registerInjectableResource(new FakeAgreementDirectory()
                .put(WITHOUT_TERMS, AgreementStatus.IN_FORCE, ANHUI, ZHEJIANG)
                .withPayment(WITH_TERMS, AgreementStatus.IN_FORCE, new PaymentTerms(30, RATE), ANHUI, ZHEJIANG)
                .withPayment(WITHOUT_RATE, AgreementStatus.IN_FORCE, new PaymentTerms(30, null), ANHUI, ZHEJIANG));
    }

    private static CreateTransferCommand assessmentTransfer(String agreementId) {
        return new CreateTransferCommand(TRANSFER, agreementId, ANHUI, ZHEJIANG, HUNDRED_MILLION, REASON,
                TransferSource.ASSESSMENT, "A-1", null);
    }

    private static TransferCreatedEvent created(Money amount, LocalDate dueDate, BigDecimal rate) {
        return new TransferCreatedEvent(TRANSFER, WITH_TERMS, ANHUI, ZHEJIANG, amount, REASON,
                TransferSource.ASSESSMENT, "A-1", null, dueDate, rate);
    }

    private static RecordTransferPaymentCommand paidOn(LocalDate day) {
        // noon in basin time on that day
        return new RecordTransferPaymentCommand(TRANSFER, ANHUI, "AH-TREASURY-1", day.atTime(12, 0)
                .atZone(LedgerCalendar.ZONE).toInstant());
    }

    private static TransferPaidEvent paid(RecordTransferPaymentCommand command) {
        return new TransferPaidEvent(TRANSFER, WITH_TERMS, ANHUI, command.reference(), command.paidAt());
    }

    // --- the due date and the overdue deadline ---

    @Test
    void aTransferUnderPaymentTermsIsDueTheDayItFellDuePlusDueDaysAndFallsOverdueAtTheEndOfThatDay() {
        fixture.givenCurrentTime(NOW)
                .when(assessmentTransfer(WITH_TERMS))
                .expectEvents(created(HUNDRED_MILLION, DUE, RATE))
                .expectScheduledDeadline(LedgerCalendar.endOf(DUE), TRANSFER);
    }

    @Test
    void aTransferWithoutPaymentTermsHasNoDueDateAndNoDeadline() {
        fixture.givenCurrentTime(NOW)
                .when(assessmentTransfer(WITHOUT_TERMS))
                .expectEvents(new TransferCreatedEvent(TRANSFER, WITHOUT_TERMS, ANHUI, ZHEJIANG, HUNDRED_MILLION,
                        REASON, TransferSource.ASSESSMENT, "A-1"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aFixedContributionCountsItsDueDateFromItsAnniversary() {
        LocalDate anniversary = LocalDate.of(2025, 12, 20);
        fixture.givenCurrentTime(NOW)
                .when(new CreateTransferCommand(TRANSFER, WITH_TERMS, ANHUI, ZHEJIANG, HUNDRED_MILLION, "Fixed",
                        TransferSource.FIXED_CONTRIBUTION, WITH_TERMS + ":0:1", null, null, anniversary))
                .expectEvents(new TransferCreatedEvent(TRANSFER, WITH_TERMS, ANHUI, ZHEJIANG, HUNDRED_MILLION, "Fixed",
                        TransferSource.FIXED_CONTRIBUTION, WITH_TERMS + ":0:1", null, LocalDate.of(2026, 1, 19), RATE))
                .expectScheduledDeadline(LedgerCalendar.endOf(LocalDate.of(2026, 1, 19)), TRANSFER);
    }

    @Test
    void aTransferWhoseDueDateHasAlreadyPassedIsOverdueAsItIsCreated() {
        LocalDate anniversary = LocalDate.of(2025, 11, 1); // + 30 days = 2025-12-01, a month ago
        fixture.givenCurrentTime(NOW)
                .when(new CreateTransferCommand(TRANSFER, WITH_TERMS, ANHUI, ZHEJIANG, HUNDRED_MILLION, "Fixed",
                        TransferSource.FIXED_CONTRIBUTION, WITH_TERMS + ":0:1", null, null, anniversary))
                .expectEvents(new TransferCreatedEvent(TRANSFER, WITH_TERMS, ANHUI, ZHEJIANG, HUNDRED_MILLION, "Fixed",
                                TransferSource.FIXED_CONTRIBUTION, WITH_TERMS + ":0:1", null, LocalDate.of(2025, 12, 1),
                                RATE),
                        new TransferOverdueEvent(TRANSFER, WITH_TERMS, ANHUI, ZHEJIANG, LocalDate.of(2025, 12, 1)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void theDeadlineFiresAtTheEndOfTheDueDateAndRecordsTheTransferOverdue() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(assessmentTransfer(WITH_TERMS))
                .whenTimeAdvancesTo(LedgerCalendar.endOf(DUE))
                .expectDeadlinesMet(TRANSFER)
                .expectEvents(new TransferOverdueEvent(TRANSFER, WITH_TERMS, ANHUI, ZHEJIANG, DUE));
    }

    @Test
    void theDeadlineDoesNotFireBeforeTheEndOfTheDueDate() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(assessmentTransfer(WITH_TERMS))
                .whenTimeAdvancesTo(LedgerCalendar.endOf(DUE).minusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void aTransferPaidBeforeTheDeadlineIsNeverOverdue() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(assessmentTransfer(WITH_TERMS), new AcknowledgeTransferCommand(TRANSFER, ANHUI),
                        new RecordTransferPaymentCommand(TRANSFER, ANHUI, "AH-TREASURY-1", NOW))
                .whenTimeAdvancesTo(LedgerCalendar.endOf(DUE))
                .expectDeadlinesMet(TRANSFER)
                .expectNoEvents();
    }

    @Test
    void aTransferHeldByADisputeBegunBeforeItWasPaidStillFallsOverdue() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(assessmentTransfer(WITH_TERMS),
                        new DisputeTransferCommand(TRANSFER, "DSP-1", WITH_TERMS))
                .whenTimeAdvancesTo(LedgerCalendar.endOf(DUE))
                .expectEvents(new TransferOverdueEvent(TRANSFER, WITH_TERMS, ANHUI, ZHEJIANG, DUE));
    }

    @Test
    void aCancelledTransferIsNeverOverdue() {
        fixture.givenCurrentTime(NOW)
                .andGivenCommands(assessmentTransfer(WITH_TERMS),
                        new DisputeTransferCommand(TRANSFER, "DSP-1", WITH_TERMS),
                        new CancelTransferCommand(TRANSFER, "DSP-1"))
                .whenTimeAdvancesTo(LedgerCalendar.endOf(DUE))
                .expectNoEvents();
    }

    // --- late interest ---

    @Test
    void aPaymentOnTheDueDateOwesNoInterest() {
        RecordTransferPaymentCommand pay = paidOn(DUE);
        fixture.givenCurrentTime(LedgerCalendar.endOf(DUE).plus(Duration.ofDays(2)))
                .andGiven(created(HUNDRED_MILLION, DUE, RATE), new TransferAcknowledgedEvent(TRANSFER, WITH_TERMS, ANHUI))
                .when(pay)
                .expectEvents(paid(pay));
    }

    @Test
    void aPaymentTwelveDaysLateOwesAmountTimesRateTimesTwelveDaysAsATransferOfItsOwn() {
        RecordTransferPaymentCommand pay = paidOn(DUE.plusDays(12));
        fixture.givenCurrentTime(LedgerCalendar.endOf(DUE.plusDays(12)))
                .andGiven(created(HUNDRED_MILLION, DUE, RATE),
                        new TransferOverdueEvent(TRANSFER, WITH_TERMS, ANHUI, ZHEJIANG, DUE),
                        new TransferAcknowledgedEvent(TRANSFER, WITH_TERMS, ANHUI))
                .when(pay)
                // 100,000,000.00 × 0.0005 × 12 = 600,000.00
                .expectEvents(paid(pay), new LateInterestChargedEvent(TRANSFER, WITH_TERMS, ANHUI, ZHEJIANG,
                        HUNDRED_MILLION, DUE, DUE.plusDays(12), 12, RATE, Money.of("600000.00", Money.CNY), INTEREST));
    }

    @Test
    void lateInterestIsRoundedOnceHalfUpFromTheExactProduct() {
        // 333.33 × 0.0005 × 3 = 0.499995 exactly → 0.50 (rounding 0.166665 a day first would give 0.51)
        Money amount = Money.of("333.33", Money.CNY);
        RecordTransferPaymentCommand pay = paidOn(DUE.plusDays(3));
        fixture.givenCurrentTime(LedgerCalendar.endOf(DUE.plusDays(3)))
                .andGiven(created(amount, DUE, RATE), new TransferAcknowledgedEvent(TRANSFER, WITH_TERMS, ANHUI))
                .when(pay)
                .expectEvents(paid(pay), new LateInterestChargedEvent(TRANSFER, WITH_TERMS, ANHUI, ZHEJIANG, amount,
                        DUE, DUE.plusDays(3), 3, RATE, Money.of("0.50", Money.CNY), INTEREST));
    }

    @Test
    void interestThatRoundsToNothingCreatesNoTransfer() {
        // 1.00 × 0.0005 × 1 = 0.0005 → 0.00
        RecordTransferPaymentCommand pay = paidOn(DUE.plusDays(1));
        fixture.givenCurrentTime(LedgerCalendar.endOf(DUE.plusDays(1)))
                .andGiven(created(Money.of("1.00", Money.CNY), DUE, RATE),
                        new TransferAcknowledgedEvent(TRANSFER, WITH_TERMS, ANHUI))
                .when(pay)
                .expectEvents(paid(pay));
    }

    @Test
    void aLatePaymentWithoutARateOwesNoInterest() {
        RecordTransferPaymentCommand pay = paidOn(DUE.plusDays(12));
        fixture.givenCurrentTime(LedgerCalendar.endOf(DUE.plusDays(12)))
                .andGiven(created(HUNDRED_MILLION, DUE, null), new TransferAcknowledgedEvent(TRANSFER, WITH_TERMS, ANHUI))
                .when(pay)
                .expectEvents(paid(pay));
    }

    @Test
    void aTransferUnderTermsWithoutARateCarriesItsDueDateButNoRate() {
        fixture.givenCurrentTime(NOW)
                .when(assessmentTransfer(WITHOUT_RATE))
                .expectEvents(new TransferCreatedEvent(TRANSFER, WITHOUT_RATE, ANHUI, ZHEJIANG, HUNDRED_MILLION, REASON,
                        TransferSource.ASSESSMENT, "A-1", null, DUE, null));
    }

    @Test
    void lateInterestIsDueAtOnceAndBearsNoInterestOfItsOwn() {
        fixture.givenCurrentTime(NOW)
                .when(new CreateTransferCommand(INTEREST, WITH_TERMS, ANHUI, ZHEJIANG, Money.of("600000.00", Money.CNY),
                        "Late interest", TransferSource.LATE_INTEREST, TRANSFER, null))
                .expectEvents(new TransferCreatedEvent(INTEREST, WITH_TERMS, ANHUI, ZHEJIANG,
                        Money.of("600000.00", Money.CNY), "Late interest", TransferSource.LATE_INTEREST, TRANSFER, null,
                        TODAY, null))
                .expectScheduledDeadline(LedgerCalendar.endOf(TODAY), INTEREST);
    }

    @Test
    void onlyTheLedgerChargesLateInterest() {
        fixture.givenCurrentTime(NOW)
                .when(new CreateTransferCommand(INTEREST, WITH_TERMS, ANHUI, ZHEJIANG, Money.of("600000.00", Money.CNY),
                        "Late interest", TransferSource.LATE_INTEREST, TRANSFER, ZHEJIANG))
                .expectException(NotPermittedException.class);
    }

    @Test
    void lateInterestNamesNoTransferItCorrects() {
        fixture.givenCurrentTime(NOW)
                .when(new CreateTransferCommand(INTEREST, WITH_TERMS, ANHUI, ZHEJIANG, Money.of("600000.00", Money.CNY),
                        "Late interest", TransferSource.LATE_INTEREST, TRANSFER, null, TRANSFER))
                .expectException(invalidFields("correctsTransferId"));
    }
}
