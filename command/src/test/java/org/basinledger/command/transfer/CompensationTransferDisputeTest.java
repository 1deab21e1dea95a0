package org.basinledger.command.transfer;

import static org.basinledger.command.support.LedgerMatchers.invalidFields;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.Money;
import org.basinledger.api.transfer.AcknowledgeTransferCommand;
import org.basinledger.api.transfer.AdjustTransferCommand;
import org.basinledger.api.transfer.CancelTransferCommand;
import org.basinledger.api.transfer.ConfirmTransferReceiptCommand;
import org.basinledger.api.transfer.DisputeTransferCommand;
import org.basinledger.api.transfer.RecordTransferPaymentCommand;
import org.basinledger.api.transfer.ReleaseTransferCommand;
import org.basinledger.api.transfer.TransferAcknowledgedEvent;
import org.basinledger.api.transfer.TransferAdjustedEvent;
import org.basinledger.api.transfer.TransferCancelledEvent;
import org.basinledger.api.transfer.TransferCorrectedEvent;
import org.basinledger.api.transfer.TransferCreatedEvent;
import org.basinledger.api.transfer.TransferDisputedEvent;
import org.basinledger.api.transfer.TransferPaidEvent;
import org.basinledger.api.transfer.TransferReleasedEvent;
import org.basinledger.api.transfer.TransferSettledEvent;
import org.basinledger.api.transfer.TransferSource;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.command.support.FakeAgreementDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompensationTransferDisputeTest {

    private static final String TRANSFER = "7b1f0a6e-2f7c-3c55-9d8e-6f0a9b1c2d3e";
    private static final String AGREEMENT = "AGR-XINAN-1";
    private static final String ANHUI = "CN-AH";
    private static final String ZHEJIANG = "CN-ZJ";
    private static final String DISPUTE = "DSP-1";
    private static final String OTHER_DISPUTE = "DSP-2";
    private static final Money HUNDRED_MILLION = Money.of("100000000.00", Money.CNY);
    private static final Money FIFTY_MILLION = Money.of("50000000.00", Money.CNY);
    private static final Instant NOW = Instant.parse("2026-02-01T02:00:00Z");

    private FixtureConfiguration<CompensationTransfer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CompensationTransfer.class);
        fixture.registerInjectableResource(new FakeAgreementDirectory());
    }

    private static TransferCreatedEvent created() {
        return new TransferCreatedEvent(TRANSFER, AGREEMENT, ANHUI, ZHEJIANG, HUNDRED_MILLION, "Assessment of JIEKOU 2025",
                TransferSource.ASSESSMENT, "A-1");
    }

    private static TransferAcknowledgedEvent acknowledged() {
        return new TransferAcknowledgedEvent(TRANSFER, AGREEMENT, ANHUI);
    }

    private static TransferPaidEvent paid() {
        return new TransferPaidEvent(TRANSFER, AGREEMENT, ANHUI, "PBOC-2026-000123", NOW.minusSeconds(3600));
    }

    private static TransferSettledEvent settled() {
        return new TransferSettledEvent(TRANSFER, AGREEMENT, ZHEJIANG);
    }

    private static TransferCorrectedEvent corrected(String disputeId, Money previous, Money owed,
                                                    TransferStatus status, TransferSource source, Money difference) {
        boolean refund = source == TransferSource.REFUND;
        return new TransferCorrectedEvent(TRANSFER, AGREEMENT, disputeId, previous, owed, status,
                CompensationTransfer.correctionId(disputeId, TRANSFER), source, refund ? ZHEJIANG : ANHUI,
                refund ? ANHUI : ZHEJIANG, difference);
    }

    private static TransferDisputedEvent disputed(TransferStatus before) {
        return new TransferDisputedEvent(TRANSFER, AGREEMENT, DISPUTE, before);
    }

    private static DisputeTransferCommand dispute(String disputeId, String agreementId) {
        return new DisputeTransferCommand(TRANSFER, disputeId, agreementId);
    }

    private TestExecutor<CompensationTransfer> given(Object... events) {
        return fixture.givenCurrentTime(NOW).andGiven(events);
    }

    // --- entering the dispute ---

    @Test
    void aDueTransferIsDisputedAndRemembersItWasDue() {
        given(created()).when(dispute(DISPUTE, AGREEMENT))
                .expectEvents(disputed(TransferStatus.DUE));
    }

    @Test
    void aPaidTransferIsDisputedAndRemembersItWasPaid() {
        given(created(), acknowledged(), paid()).when(dispute(DISPUTE, AGREEMENT))
                .expectEvents(disputed(TransferStatus.PAID));
    }

    @Test
    void refusesADisputeUnderAnotherAgreement() {
        given(created()).when(dispute(DISPUTE, "AGR-TAIHU-1"))
                .expectException(invalidFields("subject.id"))
                .expectExceptionMessage(containsString("is not part of agreement AGR-TAIHU-1"));
    }

    @Test
    void refusesASecondDispute() {
        given(created(), disputed(TransferStatus.DUE)).when(dispute(OTHER_DISPUTE, AGREEMENT))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("already under dispute " + DISPUTE));
    }

    @Test
    void aSettledTransferIsDisputedAndRemembersItWasSettled() {
        given(created(), acknowledged(), paid(), settled()).when(dispute(DISPUTE, AGREEMENT))
                .expectEvents(disputed(TransferStatus.SETTLED));
    }

    @Test
    void refusesACancelledTransfer() {
        given(created(), disputed(TransferStatus.DUE), new TransferCancelledEvent(TRANSFER, AGREEMENT, DISPUTE))
                .when(dispute(OTHER_DISPUTE, AGREEMENT))
                .expectException(InvalidStateException.class);
    }

    @Test
    void aClaimedAmountIsInTheTransfersCurrency() {
        given(created()).when(new DisputeTransferCommand(TRANSFER, DISPUTE, AGREEMENT, Money.of("50.00", "USD")))
                .expectException(invalidFields("remedy.amount"));
        given(created()).when(new DisputeTransferCommand(TRANSFER, DISPUTE, AGREEMENT, FIFTY_MILLION))
                .expectEvents(disputed(TransferStatus.DUE));
    }

    // --- nothing moves while disputed ---

    @Test
    void aDisputedTransferIsNotAcknowledged() {
        given(created(), disputed(TransferStatus.DUE)).when(new AcknowledgeTransferCommand(TRANSFER, ANHUI))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("disputed"));
    }

    @Test
    void aDisputedTransferIsNotPaid() {
        given(created(), acknowledged(), disputed(TransferStatus.ACKNOWLEDGED))
                .when(new RecordTransferPaymentCommand(TRANSFER, ANHUI, "PBOC-2026-000123", NOW))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("disputed"));
    }

    @Test
    void aDisputedTransferIsNotSettled() {
        given(created(), acknowledged(), paid(), disputed(TransferStatus.PAID))
                .when(new ConfirmTransferReceiptCommand(TRANSFER, ZHEJIANG))
                .expectException(InvalidStateException.class)
                .expectExceptionMessage(containsString("disputed"));
    }

    // --- release ---

    @Test
    void aReleaseRestoresTheStatusBeforeTheDispute() {
        given(created(), acknowledged(), disputed(TransferStatus.ACKNOWLEDGED))
                .when(new ReleaseTransferCommand(TRANSFER, DISPUTE))
                .expectEvents(new TransferReleasedEvent(TRANSFER, AGREEMENT, DISPUTE, TransferStatus.ACKNOWLEDGED));
    }

    @Test
    void aReleasedTransferMovesOnFromWhereItWas() {
        given(created(), acknowledged(), disputed(TransferStatus.ACKNOWLEDGED),
                new TransferReleasedEvent(TRANSFER, AGREEMENT, DISPUTE, TransferStatus.ACKNOWLEDGED))
                .when(new RecordTransferPaymentCommand(TRANSFER, ANHUI, "PBOC-2026-000123", NOW))
                .expectEvents(new TransferPaidEvent(TRANSFER, AGREEMENT, ANHUI, "PBOC-2026-000123", NOW));
    }

    @Test
    void aReleasedTransferMayBeDisputedAgain() {
        given(created(), disputed(TransferStatus.DUE),
                new TransferReleasedEvent(TRANSFER, AGREEMENT, DISPUTE, TransferStatus.DUE))
                .when(dispute(OTHER_DISPUTE, AGREEMENT))
                .expectEvents(new TransferDisputedEvent(TRANSFER, AGREEMENT, OTHER_DISPUTE, TransferStatus.DUE));
    }

    @Test
    void onlyTheDisputeHoldingTheTransferReleasesIt() {
        given(created(), disputed(TransferStatus.DUE)).when(new ReleaseTransferCommand(TRANSFER, OTHER_DISPUTE))
                .expectException(InvalidStateException.class);
        given(created()).when(new ReleaseTransferCommand(TRANSFER, DISPUTE))
                .expectException(InvalidStateException.class);
    }

    // --- adjustment ---

    @Test
    void anAdjustmentOfAnUnpaidTransferSetsTheNewAmountAndMakesItDueAgain() {
        given(created(), acknowledged(), disputed(TransferStatus.ACKNOWLEDGED))
                .when(new AdjustTransferCommand(TRANSFER, DISPUTE, FIFTY_MILLION))
                .expectEvents(new TransferAdjustedEvent(TRANSFER, AGREEMENT, DISPUTE, HUNDRED_MILLION, FIFTY_MILLION));
    }

    // --- a ruling on a transfer already paid: nobody pays twice ---

    @Test
    void aLowerAmountOnAPaidTransferKeepsWhatWasPaidAndRefundsTheDifference() {
        given(created(), acknowledged(), paid(), disputed(TransferStatus.PAID))
                .when(new AdjustTransferCommand(TRANSFER, DISPUTE, FIFTY_MILLION))
                .expectEvents(corrected(DISPUTE, HUNDRED_MILLION, FIFTY_MILLION, TransferStatus.PAID,
                        TransferSource.REFUND, FIFTY_MILLION));
    }

    @Test
    void aHigherAmountOnASettledTransferTopsUpTheDifference() {
        Money hundredAndTwenty = Money.of("120000000.00", Money.CNY);

        given(created(), acknowledged(), paid(), settled(), disputed(TransferStatus.SETTLED))
                .when(new AdjustTransferCommand(TRANSFER, DISPUTE, hundredAndTwenty))
                .expectEvents(corrected(DISPUTE, HUNDRED_MILLION, hundredAndTwenty, TransferStatus.SETTLED,
                        TransferSource.TOP_UP, Money.of("20000000.00", Money.CNY)));
    }

    @Test
    void aCancellationOfAPaidTransferRefundsAllOfIt() {
        given(created(), acknowledged(), paid(), disputed(TransferStatus.PAID))
                .when(new CancelTransferCommand(TRANSFER, DISPUTE))
                .expectEvents(corrected(DISPUTE, HUNDRED_MILLION, Money.zero(Money.CNY), TransferStatus.PAID,
                        TransferSource.REFUND, HUNDRED_MILLION));
    }

    @Test
    void theSameAmountOnAPaidTransferNeedsNoCorrectionTransfer() {
        given(created(), acknowledged(), paid(), disputed(TransferStatus.PAID))
                .when(new AdjustTransferCommand(TRANSFER, DISPUTE, HUNDRED_MILLION))
                .expectEvents(new TransferCorrectedEvent(TRANSFER, AGREEMENT, DISPUTE, HUNDRED_MILLION,
                        HUNDRED_MILLION, TransferStatus.PAID, null, null, null, null, null));
    }

    @Test
    void aCorrectedPaidTransferIsStillSettledByItsPayee() {
        given(created(), acknowledged(), paid(), disputed(TransferStatus.PAID),
                corrected(DISPUTE, HUNDRED_MILLION, FIFTY_MILLION, TransferStatus.PAID, TransferSource.REFUND,
                        FIFTY_MILLION))
                .when(new ConfirmTransferReceiptCommand(TRANSFER, ZHEJIANG))
                .expectEvents(settled());
    }

    @Test
    void aCorrectedTransferIsNeitherPaidAgainNorHeldByTheDisputeAnyMore() {
        given(created(), acknowledged(), paid(), disputed(TransferStatus.PAID),
                corrected(DISPUTE, HUNDRED_MILLION, FIFTY_MILLION, TransferStatus.PAID, TransferSource.REFUND,
                        FIFTY_MILLION))
                .when(new RecordTransferPaymentCommand(TRANSFER, ANHUI, "PBOC-2026-000124", NOW))
                .expectException(InvalidStateException.class);
        given(created(), acknowledged(), paid(), disputed(TransferStatus.PAID),
                corrected(DISPUTE, HUNDRED_MILLION, FIFTY_MILLION, TransferStatus.PAID, TransferSource.REFUND,
                        FIFTY_MILLION))
                .when(new CancelTransferCommand(TRANSFER, DISPUTE))
                .expectException(InvalidStateException.class);
    }

    @Test
    void aSecondRulingCorrectsFromWhatTheFirstSetNotFromWhatWasPaid() {
        Money eighty = Money.of("80000000.00", Money.CNY);

        given(created(), acknowledged(), paid(), disputed(TransferStatus.PAID),
                corrected(DISPUTE, HUNDRED_MILLION, FIFTY_MILLION, TransferStatus.PAID, TransferSource.REFUND,
                        FIFTY_MILLION),
                new TransferDisputedEvent(TRANSFER, AGREEMENT, OTHER_DISPUTE, TransferStatus.PAID))
                .when(new AdjustTransferCommand(TRANSFER, OTHER_DISPUTE, eighty))
                .expectEvents(corrected(OTHER_DISPUTE, FIFTY_MILLION, eighty, TransferStatus.PAID,
                        TransferSource.TOP_UP, Money.of("30000000.00", Money.CNY)));
    }

    @Test
    void aCorrectionsIdDependsOnlyOnTheDisputeAndTheTransfer() {
        org.assertj.core.api.Assertions.assertThat(CompensationTransfer.correctionId(DISPUTE, TRANSFER))
                .isEqualTo(CompensationTransfer.correctionId(DISPUTE, TRANSFER))
                .isNotEqualTo(CompensationTransfer.correctionId(OTHER_DISPUTE, TRANSFER))
                .isNotEqualTo(CompensationTransfer.correctionId(DISPUTE, "another-transfer"))
                .isNotEqualTo(TRANSFER);
    }

    @Test
    void anAdjustedTransferIsAcknowledgedAgain() {
        given(created(), acknowledged(), disputed(TransferStatus.ACKNOWLEDGED),
                new TransferAdjustedEvent(TRANSFER, AGREEMENT, DISPUTE, HUNDRED_MILLION, FIFTY_MILLION))
                .when(new AcknowledgeTransferCommand(TRANSFER, ANHUI))
                .expectEvents(acknowledged());
    }

    @Test
    void aSecondAdjustmentStartsFromTheAdjustedAmount() {
        Money twenty = Money.of("20000000.00", Money.CNY);

        given(created(), disputed(TransferStatus.DUE),
                new TransferAdjustedEvent(TRANSFER, AGREEMENT, DISPUTE, HUNDRED_MILLION, FIFTY_MILLION),
                new TransferDisputedEvent(TRANSFER, AGREEMENT, OTHER_DISPUTE, TransferStatus.DUE))
                .when(new AdjustTransferCommand(TRANSFER, OTHER_DISPUTE, twenty))
                .expectEvents(new TransferAdjustedEvent(TRANSFER, AGREEMENT, OTHER_DISPUTE, FIFTY_MILLION, twenty));
    }

    @Test
    void onlyTheDisputeHoldingTheTransferAdjustsIt() {
        given(created(), disputed(TransferStatus.DUE))
                .when(new AdjustTransferCommand(TRANSFER, OTHER_DISPUTE, FIFTY_MILLION))
                .expectException(InvalidStateException.class);
        given(created()).when(new AdjustTransferCommand(TRANSFER, DISPUTE, FIFTY_MILLION))
                .expectException(InvalidStateException.class);
    }

    @Test
    void anAdjustedAmountIsPositiveAtMostTheMaximumAndInTheTransfersCurrency() {
        given(created(), disputed(TransferStatus.DUE)).when(new AdjustTransferCommand(TRANSFER, DISPUTE, null))
                .expectException(invalidFields("adjustedAmount"));
        given(created(), disputed(TransferStatus.DUE))
                .when(new AdjustTransferCommand(TRANSFER, DISPUTE, Money.zero(Money.CNY)))
                .expectException(invalidFields("adjustedAmount"));
        given(created(), disputed(TransferStatus.DUE))
                .when(new AdjustTransferCommand(TRANSFER, DISPUTE, Money.of("10000000000000.01", Money.CNY)))
                .expectException(invalidFields("adjustedAmount"));
        given(created(), disputed(TransferStatus.DUE))
                .when(new AdjustTransferCommand(TRANSFER, DISPUTE, Money.of("10000000000000.00", Money.CNY)))
                .expectEvents(new TransferAdjustedEvent(TRANSFER, AGREEMENT, DISPUTE, HUNDRED_MILLION,
                        Money.of("10000000000000.00", Money.CNY)));
        given(created(), disputed(TransferStatus.DUE))
                .when(new AdjustTransferCommand(TRANSFER, DISPUTE, Money.of("50.00", "USD")))
                .expectException(invalidFields("adjustedAmount"));
    }

    // --- cancellation ---

    @Test
    void aCancellationEndsTheTransferForGood() {
        given(created(), disputed(TransferStatus.DUE)).when(new CancelTransferCommand(TRANSFER, DISPUTE))
                .expectEvents(new TransferCancelledEvent(TRANSFER, AGREEMENT, DISPUTE));
    }

    @Test
    void aCancelledTransferIsNeitherAcknowledgedNorReleased() {
        given(created(), disputed(TransferStatus.DUE), new TransferCancelledEvent(TRANSFER, AGREEMENT, DISPUTE))
                .when(new AcknowledgeTransferCommand(TRANSFER, ANHUI))
                .expectException(InvalidStateException.class);
        given(created(), disputed(TransferStatus.DUE), new TransferCancelledEvent(TRANSFER, AGREEMENT, DISPUTE))
                .when(new ReleaseTransferCommand(TRANSFER, DISPUTE))
                .expectException(InvalidStateException.class);
    }

    @Test
    void onlyTheDisputeHoldingTheTransferCancelsIt() {
        given(created(), disputed(TransferStatus.DUE)).when(new CancelTransferCommand(TRANSFER, OTHER_DISPUTE))
                .expectException(InvalidStateException.class);
        given(created(), acknowledged()).when(new CancelTransferCommand(TRANSFER, DISPUTE))
                .expectException(InvalidStateException.class);
    }
}
