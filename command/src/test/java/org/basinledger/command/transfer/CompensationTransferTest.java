package org.basinledger.command.transfer;

import static org.basinledger.command.support.LedgerMatchers.invalidFields;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.transfer.AcknowledgeTransferCommand;
import org.basinledger.api.transfer.ConfirmTransferReceiptCommand;
import org.basinledger.api.transfer.CreateTransferCommand;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.api.transfer.TransferDisputedEvent;
import org.basinledger.api.transfer.DisputeTransferCommand;
import org.basinledger.api.transfer.RecordTransferPaymentCommand;
import org.basinledger.api.transfer.TransferAcknowledgedEvent;
import org.basinledger.api.transfer.TransferCreatedEvent;
import org.basinledger.api.transfer.TransferPaidEvent;
import org.basinledger.api.transfer.TransferSettledEvent;
import org.basinledger.api.transfer.TransferSource;
import org.basinledger.command.support.FakeAgreementDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompensationTransferTest {

    private static final String TRANSFER = "7b1f0a6e-2f7c-3c55-9d8e-6f0a9b1c2d3e";
    private static final String AGREEMENT = "AGR-XINAN-1";
    private static final String EXPIRED_AGREEMENT = "AGR-XINAN-0";
    private static final String EURO_AGREEMENT = "AGR-RHINE-1";
    private static final String ANHUI = "CN-AH";
    private static final String ZHEJIANG = "CN-ZJ";
    private static final String OUTSIDER = "CN-JS";
    private static final Money HUNDRED_MILLION = Money.of("100000000.00", Money.CNY);
    private static final String REASON = "Assessment of JIEKOU 2025 (WATER_QUALITY_INDEX): index 1.0200, not met";
    private static final Instant NOW = Instant.parse("2026-02-01T02:00:00Z");

    private FixtureConfiguration<CompensationTransfer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CompensationTransfer.class);
        fixture.registerInjectableResource(new FakeAgreementDirectory()
                .put(AGREEMENT, AgreementStatus.IN_FORCE, ANHUI, ZHEJIANG)
                .put(EXPIRED_AGREEMENT, AgreementStatus.EXPIRED, ANHUI, ZHEJIANG)
                .putInCurrency(EURO_AGREEMENT, AgreementStatus.IN_FORCE, "EUR", ANHUI, ZHEJIANG));
    }

    private static CreateTransferCommand byTheLedger(Money amount) {
        return new CreateTransferCommand(TRANSFER, AGREEMENT, ANHUI, ZHEJIANG, amount, REASON, TransferSource.ASSESSMENT,
                "A-1", null);
    }

    private static CreateTransferCommand byAParty(String acting, String agreementId, String payer, String payee) {
        return new CreateTransferCommand(TRANSFER, agreementId, payer, payee, HUNDRED_MILLION, "Voluntary payment",
                TransferSource.PARTY, null, acting);
    }

    private static TransferCreatedEvent created() {
        return new TransferCreatedEvent(TRANSFER, AGREEMENT, ANHUI, ZHEJIANG, HUNDRED_MILLION, REASON,
                TransferSource.ASSESSMENT, "A-1");
    }

    private static TransferAcknowledgedEvent acknowledged() {
        return new TransferAcknowledgedEvent(TRANSFER, AGREEMENT, ANHUI);
    }

    private static TransferPaidEvent paid() {
        return new TransferPaidEvent(TRANSFER, AGREEMENT, ANHUI, "PBOC-2026-000123", NOW.minus(Duration.ofDays(1)));
    }

    private TestExecutor<CompensationTransfer> given(Object... events) {
        return fixture.givenCurrentTime(NOW).andGiven(events);
    }

    private static RecordTransferPaymentCommand pay(String acting, String reference, Instant paidAt) {
        return new RecordTransferPaymentCommand(TRANSFER, acting, reference, paidAt);
    }

    // --- creation ---

    @Test
    void theLedgerCreatesADueTransferForAnAssessment() {
        fixture.givenNoPriorActivity()
                .when(byTheLedger(HUNDRED_MILLION))
                .expectEvents(created())
                .expectResultMessagePayload(TRANSFER);
    }

    @Test
    void theLedgerCreatesATransferUnderAnAgreementThatHasEnded() {
        CreateTransferCommand command = new CreateTransferCommand(TRANSFER, EXPIRED_AGREEMENT, ANHUI, ZHEJIANG,
                HUNDRED_MILLION, "Fixed contribution", TransferSource.FIXED_CONTRIBUTION, EXPIRED_AGREEMENT + ":0:3", null);

        fixture.givenNoPriorActivity()
                .when(command)
                .expectEvents(new TransferCreatedEvent(TRANSFER, EXPIRED_AGREEMENT, ANHUI, ZHEJIANG, HUNDRED_MILLION,
                        "Fixed contribution", TransferSource.FIXED_CONTRIBUTION, EXPIRED_AGREEMENT + ":0:3"));
    }

    @Test
    void theLedgerCreatesARefundOrATopUpNamingTheTransferItCorrects() {
        for (TransferSource source : new TransferSource[] {TransferSource.REFUND, TransferSource.TOP_UP}) {
            fixture.givenNoPriorActivity()
                    .when(new CreateTransferCommand(TRANSFER, AGREEMENT, ZHEJIANG, ANHUI, HUNDRED_MILLION, "Refund",
                            source, "DSP-1", null, "T-PAID"))
                    .expectEvents(new TransferCreatedEvent(TRANSFER, AGREEMENT, ZHEJIANG, ANHUI, HUNDRED_MILLION,
                            "Refund", source, "DSP-1", "T-PAID"));
        }
    }

    @Test
    void aRefundOrATopUpNamesTheTransferItCorrectsAndNothingElseDoes() {
        fixture.givenNoPriorActivity()
                .when(new CreateTransferCommand(TRANSFER, AGREEMENT, ZHEJIANG, ANHUI, HUNDRED_MILLION, "Refund",
                        TransferSource.REFUND, "DSP-1", null, null))
                .expectException(invalidFields("correctsTransferId"));
        fixture.givenNoPriorActivity()
                .when(new CreateTransferCommand(TRANSFER, AGREEMENT, ANHUI, ZHEJIANG, HUNDRED_MILLION, REASON,
                        TransferSource.ASSESSMENT, "A-1", null, "T-PAID"))
                .expectException(invalidFields("correctsTransferId"));
    }

    @Test
    void aPartyCannotCreateARefundOrATopUp() {
        fixture.givenNoPriorActivity()
                .when(new CreateTransferCommand(TRANSFER, AGREEMENT, ZHEJIANG, ANHUI, HUNDRED_MILLION, "Refund",
                        TransferSource.REFUND, "DSP-1", ZHEJIANG, "T-PAID"))
                .expectException(NotPermittedException.class);
    }

    @Test
    void theLedgerCreatesAPenaltyForAMissedNoticeAndAPartyCannot() {
        Money penalty = Money.of("500000.00", Money.CNY);
        fixture.givenNoPriorActivity()
                .when(new CreateTransferCommand(TRANSFER, AGREEMENT, ZHEJIANG, ANHUI, penalty, "Penalty",
                        TransferSource.PENALTY, "I-1", null))
                .expectEvents(new TransferCreatedEvent(TRANSFER, AGREEMENT, ZHEJIANG, ANHUI, penalty, "Penalty",
                        TransferSource.PENALTY, "I-1"));
        fixture.givenNoPriorActivity()
                .when(new CreateTransferCommand(TRANSFER, AGREEMENT, ZHEJIANG, ANHUI, penalty, "Penalty",
                        TransferSource.PENALTY, "I-1", ANHUI))
                .expectException(NotPermittedException.class);
    }

    @Test
    void aPenaltyTransferIsDisputedLikeAnyOther() {
        Money penalty = Money.of("500000.00", Money.CNY);
        fixture.given(new TransferCreatedEvent(TRANSFER, AGREEMENT, ZHEJIANG, ANHUI, penalty, "Penalty",
                        TransferSource.PENALTY, "I-1"))
                .when(new DisputeTransferCommand(TRANSFER, "DSP-9", AGREEMENT, null))
                .expectEvents(new TransferDisputedEvent(TRANSFER, AGREEMENT, "DSP-9", TransferStatus.DUE));
    }

    @Test
    void aJurisdictionCannotCreateATransferInTheLedgersName() {
        CreateTransferCommand command = new CreateTransferCommand(TRANSFER, AGREEMENT, ANHUI, ZHEJIANG, HUNDRED_MILLION,
                REASON, TransferSource.ASSESSMENT, "A-1", ZHEJIANG);

        fixture.givenNoPriorActivity().when(command).expectException(NotPermittedException.class);
    }

    @Test
    void thePayingPartyCreatesATransferUnderAnAgreementInForce() {
        fixture.givenNoPriorActivity()
                .when(byAParty(ANHUI, AGREEMENT, ANHUI, ZHEJIANG))
                .expectEvents(new TransferCreatedEvent(TRANSFER, AGREEMENT, ANHUI, ZHEJIANG, HUNDRED_MILLION,
                        "Voluntary payment", TransferSource.PARTY, null));
    }

    @Test
    void aPartysTransferIsInARealIso4217Currency() {
        CreateTransferCommand madeUp = new CreateTransferCommand(TRANSFER, AGREEMENT, ANHUI, ZHEJIANG,
                Money.of("100.00", "XXQ"), "Voluntary payment", TransferSource.PARTY, null, ANHUI);

        fixture.givenNoPriorActivity().when(madeUp).expectException(invalidFields("amount.currency"));
    }

    @Test
    void aPartysTransferIsInItsAgreementsCurrency() {
        CreateTransferCommand inEuro = new CreateTransferCommand(TRANSFER, AGREEMENT, ANHUI, ZHEJIANG,
                Money.of("100.00", "EUR"), "Voluntary payment", TransferSource.PARTY, null, ANHUI);

        fixture.givenNoPriorActivity().when(inEuro).expectException(invalidFields("amount.currency"));
    }

    @Test
    void aPartyPaysInEuroUnderAnAgreementInEuro() {
        Money euro = Money.of("100.00", "EUR");

        fixture.givenNoPriorActivity()
                .when(new CreateTransferCommand(TRANSFER, EURO_AGREEMENT, ANHUI, ZHEJIANG, euro, "Voluntary payment",
                        TransferSource.PARTY, null, ANHUI))
                .expectEvents(new TransferCreatedEvent(TRANSFER, EURO_AGREEMENT, ANHUI, ZHEJIANG, euro, "Voluntary payment",
                        TransferSource.PARTY, null));
    }

    @Test
    void onlyThePayingPartyCreatesATransfer() {
        fixture.givenNoPriorActivity()
                .when(byAParty(ZHEJIANG, AGREEMENT, ANHUI, ZHEJIANG))
                .expectException(NotPermittedException.class)
                .expectExceptionMessage("only the paying party may create a transfer");
    }

    @Test
    void aPartyCannotCreateATransferUnderAnUnknownAgreement() {
        fixture.givenNoPriorActivity()
                .when(byAParty(ANHUI, "AGR-NONE", ANHUI, ZHEJIANG))
                .expectException(NotFoundException.class);
    }

    @Test
    void aPartyCannotCreateATransferUnderAnAgreementNotInForce() {
        fixture.givenNoPriorActivity()
                .when(byAParty(ANHUI, EXPIRED_AGREEMENT, ANHUI, ZHEJIANG))
                .expectException(InvalidStateException.class);
    }

    @Test
    void aPartyCannotCreateATransferToOrFromANonParty() {
        fixture.givenNoPriorActivity()
                .when(byAParty(OUTSIDER, AGREEMENT, OUTSIDER, ZHEJIANG))
                .expectException(invalidFields("payer"));
        fixture.givenNoPriorActivity()
                .when(byAParty(ANHUI, AGREEMENT, ANHUI, OUTSIDER))
                .expectException(invalidFields("payee"));
    }

    @Test
    void refusesAnAmountThatIsNotPositive() {
        fixture.givenNoPriorActivity().when(byTheLedger(Money.of("0", Money.CNY)))
                .expectException(invalidFields("amount"));
        fixture.givenNoPriorActivity().when(byTheLedger(null))
                .expectException(invalidFields("amount"));
    }

    @Test
    void refusesAnAmountAboveTenTrillion() {
        fixture.givenNoPriorActivity().when(byTheLedger(Money.of("10000000000000.01", Money.CNY)))
                .expectException(invalidFields("amount"));
    }

    @Test
    void acceptsAnAmountOfExactlyTenTrillion() {
        Money max = Money.of("10000000000000", Money.CNY);

        fixture.givenNoPriorActivity().when(byTheLedger(max))
                .expectEvents(new TransferCreatedEvent(TRANSFER, AGREEMENT, ANHUI, ZHEJIANG, max, REASON,
                        TransferSource.ASSESSMENT, "A-1"));
    }

    @Test
    void refusesAPayerPayingItself() {
        fixture.givenNoPriorActivity()
                .when(new CreateTransferCommand(TRANSFER, AGREEMENT, ANHUI, ANHUI, HUNDRED_MILLION, REASON,
                        TransferSource.ASSESSMENT, "A-1", null))
                .expectException(invalidFields("payee"));
    }

    @Test
    void refusesABlankOrOverlongReason() {
        fixture.givenNoPriorActivity()
                .when(new CreateTransferCommand(TRANSFER, AGREEMENT, ANHUI, ZHEJIANG, HUNDRED_MILLION, " ",
                        TransferSource.ASSESSMENT, "A-1", null))
                .expectException(invalidFields("reason"));
        fixture.givenNoPriorActivity()
                .when(new CreateTransferCommand(TRANSFER, AGREEMENT, ANHUI, ZHEJIANG, HUNDRED_MILLION, "r".repeat(501),
                        TransferSource.ASSESSMENT, "A-1", null))
                .expectException(invalidFields("reason"));
    }

    @Test
    void namesEveryMissingField() {
        fixture.givenNoPriorActivity()
                .when(new CreateTransferCommand(TRANSFER, null, null, null, null, null, null, null, null))
                .expectException(invalidFields("agreementId", "payer", "payee", "amount", "reason", "source"));
    }

    // --- the lifecycle ---

    @Test
    void thePayerAcknowledgesADueTransfer() {
        given(created()).when(new AcknowledgeTransferCommand(TRANSFER, ANHUI))
                .expectEvents(acknowledged());
    }

    @Test
    void thePayerRecordsThePaymentOfAnAcknowledgedTransfer() {
        given(created(), acknowledged()).when(pay(ANHUI, "PBOC-2026-000123", NOW.minus(Duration.ofDays(1))))
                .expectEvents(paid());
    }

    @Test
    void aPaymentMayBeDatedUpToFiveMinutesAheadOfTheLedgersClock() {
        Instant paidAt = NOW.plus(Duration.ofMinutes(5));

        given(created(), acknowledged()).when(pay(ANHUI, "PBOC-2026-000123", paidAt))
                .expectEvents(new TransferPaidEvent(TRANSFER, AGREEMENT, ANHUI, "PBOC-2026-000123", paidAt));
    }

    @Test
    void thePayeeConfirmsTheReceiptOfAPaidTransfer() {
        given(created(), acknowledged(), paid()).when(new ConfirmTransferReceiptCommand(TRANSFER, ZHEJIANG))
                .expectEvents(new TransferSettledEvent(TRANSFER, AGREEMENT, ZHEJIANG));
    }

    // --- refusals of the lifecycle ---

    @Test
    void onlyThePayerAcknowledges() {
        given(created()).when(new AcknowledgeTransferCommand(TRANSFER, ZHEJIANG))
                .expectException(NotPermittedException.class);
        given(created()).when(new AcknowledgeTransferCommand(TRANSFER, null))
                .expectException(NotPermittedException.class);
    }

    @Test
    void aTransferIsAcknowledgedOnlyWhileDue() {
        given(created(), acknowledged()).when(new AcknowledgeTransferCommand(TRANSFER, ANHUI))
                .expectException(InvalidStateException.class);
    }

    @Test
    void onlyThePayerRecordsAPayment() {
        given(created(), acknowledged()).when(pay(ZHEJIANG, "PBOC-2026-000123", NOW))
                .expectException(NotPermittedException.class);
    }

    @Test
    void aDueTransferMustBeAcknowledgedBeforeItIsPaid() {
        given(created()).when(pay(ANHUI, "PBOC-2026-000123", NOW))
                .expectException(InvalidStateException.class);
    }

    @Test
    void aTransferIsPaidOnlyOnce() {
        given(created(), acknowledged(), paid()).when(pay(ANHUI, "PBOC-2026-000124", NOW))
                .expectException(InvalidStateException.class);
    }

    @Test
    void aPaymentNeedsAReferenceOfAtMost200Characters() {
        given(created(), acknowledged()).when(pay(ANHUI, " ", NOW))
                .expectException(invalidFields("reference"));
        given(created(), acknowledged()).when(pay(ANHUI, "x".repeat(201), NOW))
                .expectException(invalidFields("reference"));
    }

    @Test
    void aPaymentNeedsAPaidAtThatIsNotInTheFuture() {
        given(created(), acknowledged()).when(pay(ANHUI, "PBOC-2026-000123", null))
                .expectException(invalidFields("paidAt"));
        given(created(), acknowledged()).when(pay(ANHUI, "PBOC-2026-000123", NOW.plus(Duration.ofMinutes(5)).plusSeconds(1)))
                .expectException(invalidFields("paidAt"))
                .expectExceptionMessage(containsString("future"));
    }

    @Test
    void onlyThePayeeConfirmsReceipt() {
        given(created(), acknowledged(), paid()).when(new ConfirmTransferReceiptCommand(TRANSFER, ANHUI))
                .expectException(NotPermittedException.class);
    }

    @Test
    void aTransferIsSettledOnlyOncePaid() {
        given(created(), acknowledged()).when(new ConfirmTransferReceiptCommand(TRANSFER, ZHEJIANG))
                .expectException(InvalidStateException.class);
        given(created(), acknowledged(), paid(), new TransferSettledEvent(TRANSFER, AGREEMENT, ZHEJIANG))
                .when(new ConfirmTransferReceiptCommand(TRANSFER, ZHEJIANG))
                .expectException(InvalidStateException.class);
    }

    @Test
    void aSettledTransferCannotBeAcknowledgedOrPaidAgain() {
        given(created(), acknowledged(), paid(), new TransferSettledEvent(TRANSFER, AGREEMENT, ZHEJIANG))
                .when(new AcknowledgeTransferCommand(TRANSFER, ANHUI))
                .expectException(InvalidStateException.class);
    }
}
