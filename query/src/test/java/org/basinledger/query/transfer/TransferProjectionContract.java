package org.basinledger.query.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.basinledger.query.support.Agreements.HS;
import static org.basinledger.query.support.Agreements.HZ;
import static org.basinledger.query.support.Agreements.SH;
import static org.basinledger.query.support.Compliance.transferCreated;
import static org.basinledger.query.support.Events.at;
import static org.basinledger.query.support.Events.transfer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.EventMessage;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.AgreementTerminatedEvent;
import org.basinledger.api.common.Money;
import org.basinledger.api.transfer.FindBalanceQuery;
import org.basinledger.api.transfer.FindMoneyOverTimeQuery;
import org.basinledger.api.transfer.FindTransferQuery;
import org.basinledger.api.transfer.JurisdictionBalance;
import org.basinledger.api.transfer.JurisdictionBalance.CounterpartyBalance;
import org.basinledger.api.transfer.LateInterestChargedEvent;
import org.basinledger.api.transfer.ListTransfersQuery;
import org.basinledger.api.transfer.MoneyOverTime.Flow;
import org.basinledger.api.transfer.MoneyOverTime.MonthlyTotal;
import org.basinledger.api.transfer.TransferList;
import org.basinledger.api.transfer.TransferAcknowledgedEvent;
import org.basinledger.api.transfer.TransferAdjustedEvent;
import org.basinledger.api.transfer.TransferCancelledEvent;
import org.basinledger.api.transfer.TransferCorrectedEvent;
import org.basinledger.api.transfer.TransferCreatedEvent;
import org.basinledger.api.transfer.TransferDisputedEvent;
import org.basinledger.api.transfer.TransferEvent;
import org.basinledger.api.transfer.TransferOverdueEvent;
import org.basinledger.api.transfer.TransferPaidEvent;
import org.basinledger.api.transfer.TransferReleasedEvent;
import org.basinledger.api.transfer.TransferSettledEvent;
import org.basinledger.api.transfer.TransferSource;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.api.transfer.TransferView;
import org.basinledger.query.status.StatusFixture;
import org.basinledger.query.support.Events;
import org.basinledger.query.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The transfer projection against a real database; subclasses choose H2 or PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TransferProjectionContract {

    private TestDatabase db;
    private StatusFixture agreements;
    private TransferFixture transfers;
    private TransferProjection projection;
    private final List<EventMessage<?>> delivered = new ArrayList<>();

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
        db.clean();
        delivered.clear();
        agreements = new StatusFixture(db);
        transfers = new TransferFixture(db);
        projection = transfers.projection();
    }

    @AfterEach
    void tearDown() {
        agreements.close();
    }

    private void deliver(EventMessage<?> message) {
        delivered.add(message);
        transfers.deliver(message);
    }

    private void given(String transferId, long sequence, TransferEvent payload, int minute) {
        deliver(transfer(transferId, sequence, payload, at(minute)));
    }

    /** A transfer created at {@code minute} and taken to {@code status}, a minute per step; DUE to SETTLED only. */
    private void transferIn(String id, String agreementId, String payer, String payee, String amount, String currency,
                            TransferStatus status, int minute) {
        given(id, 0, transferCreated(id, agreementId, payer, payee, amount, currency), minute);
        if (status == TransferStatus.DUE) {
            return;
        }
        given(id, 1, new TransferAcknowledgedEvent(id, agreementId, payer), minute + 1);
        if (status == TransferStatus.ACKNOWLEDGED) {
            return;
        }
        given(id, 2, new TransferPaidEvent(id, agreementId, payer, "REF-" + id, at(minute + 2).minusSeconds(30)),
                minute + 2);
        if (status == TransferStatus.PAID) {
            return;
        }
        given(id, 3, new TransferSettledEvent(id, agreementId, payee), minute + 3);
    }

    private TransferView find(String id) {
        return projection.handle(new FindTransferQuery(id));
    }

    private List<String> list(String agreementId, String party, TransferStatus status) {
        return projection.handle(new ListTransfersQuery(agreementId, party, status, 0, 500)).items().stream()
                .map(TransferView::id).toList();
    }

    private static CounterpartyBalance balance(String counterparty, String currency, String due, String paid,
                                               String settled, int transfers) {
        return new CounterpartyBalance(counterparty, currency, Money.of(due, currency), Money.of(paid, currency),
                Money.of(settled, currency), transfers);
    }

    @Test
    void aTransferGoesFromDueToSettledWithEveryStepRecorded() {
        given("TR-1", 0, new TransferCreatedEvent("TR-1", "AG-1", HS, HZ, Money.of("100000000.10", Money.CNY),
                "assessment 2025", TransferSource.ASSESSMENT, "AS-1"), 0);

        TransferView due = find("TR-1");
        assertThat(due).isEqualTo(new TransferView("TR-1", "AG-1", HS, HZ, Money.of("100000000.10", Money.CNY),
                "assessment 2025", TransferSource.ASSESSMENT, "AS-1", TransferStatus.DUE, 0, at(0), null, null, null,
                null, at(0)));
        assertThat(due.amount().amount().scale()).isEqualTo(2);

        given("TR-1", 1, new TransferAcknowledgedEvent("TR-1", "AG-1", HS), 1);
        assertThat(find("TR-1").status()).isEqualTo(TransferStatus.ACKNOWLEDGED);
        assertThat(find("TR-1").acknowledgedAt()).isEqualTo(at(1));
        assertThat(find("TR-1").version()).isEqualTo(1);

        Instant paidAt = Instant.parse("2025-03-01T07:59:59.123456Z");
        given("TR-1", 2, new TransferPaidEvent("TR-1", "AG-1", HS, "CNAPS-0042", paidAt), 2);
        TransferView paid = find("TR-1");
        assertThat(paid.status()).isEqualTo(TransferStatus.PAID);
        assertThat(paid.paidAt()).isEqualTo(paidAt);
        assertThat(paid.paymentReference()).isEqualTo("CNAPS-0042");
        assertThat(paid.updatedAt()).isEqualTo(at(2));

        given("TR-1", 3, new TransferSettledEvent("TR-1", "AG-1", HZ), 3);
        assertThat(find("TR-1")).isEqualTo(new TransferView("TR-1", "AG-1", HS, HZ,
                Money.of("100000000.10", Money.CNY), "assessment 2025", TransferSource.ASSESSMENT, "AS-1",
                TransferStatus.SETTLED, 3, at(0), at(1), paidAt, "CNAPS-0042", at(3), at(3)));
        assertThat(find("TR-unknown")).isNull();
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        transferIn("TR-1", "AG-1", HS, HZ, "10.00", "CNY", TransferStatus.PAID, 0);
        TransferView before = find("TR-1");

        deliver(delivered.get(0));
        deliver(delivered.get(1));
        deliver(delivered.get(2));
        deliver(transfer("TR-1", 0, transferCreated("TR-1", "AG-9", SH, HZ, "99.99", "USD"), at(50)));

        assertThat(find("TR-1")).isEqualTo(before);
        assertThat(find("TR-1").status()).isEqualTo(TransferStatus.PAID);
        assertThat(db.count("compensation_transfer")).isEqualTo(1);
    }

    @Test
    void anEventOfATransferNeverCreatedOrNotFromAnAggregateIsRefused() {
        assertThatThrownBy(() -> given("TR-9", 1, new TransferAcknowledgedEvent("TR-9", "AG-1", HS), 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never created");
        assertThatThrownBy(() -> deliver(Events.plain(transferCreated("TR-1", "AG-1", HS, HZ, "1.00", "CNY"), at(0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(find("TR-1")).isNull();
    }

    @Test
    void listsFilterByAgreementPartyAndStatusNewestFirst() {
        transferIn("TR-A", "AG-1", HS, HZ, "1.00", "CNY", TransferStatus.DUE, 0);
        transferIn("TR-B", "AG-1", HZ, HS, "2.00", "CNY", TransferStatus.PAID, 10);
        transferIn("TR-C", "AG-2", HZ, SH, "3.00", "CNY", TransferStatus.SETTLED, 20);
        transferIn("TR-D", "AG-2", SH, HS, "4.00", "CNY", TransferStatus.DUE, 30);

        assertThat(list(null, null, null)).containsExactly("TR-D", "TR-C", "TR-B", "TR-A");
        assertThat(list("AG-1", null, null)).containsExactly("TR-B", "TR-A");
        assertThat(list(null, HZ, null)).containsExactly("TR-C", "TR-B", "TR-A");
        assertThat(list(null, SH, null)).containsExactly("TR-D", "TR-C");
        assertThat(list(null, null, TransferStatus.DUE)).containsExactly("TR-D", "TR-A");
        assertThat(list("AG-2", HS, TransferStatus.DUE)).containsExactly("TR-D");
        assertThat(list("AG-2", HZ, TransferStatus.DUE)).isEmpty();
        assertThat(list("AG-unknown", null, null)).isEmpty();
    }

    @Test
    void aListIsReadAPageAtATimeWithTheCountOfAllThatMatch() {
        for (int i = 0; i < 7; i++) {
            transferIn("TR-" + i, i % 2 == 0 ? "AG-1" : "AG-2", HS, HZ, i + ".00", "CNY", TransferStatus.DUE, i * 5);
        }

        TransferList first = projection.handle(new ListTransfersQuery(null, null, null, 0, 3));
        TransferList second = projection.handle(new ListTransfersQuery(null, null, null, 3, 3));
        TransferList last = projection.handle(new ListTransfersQuery(null, null, null, 6, 3));
        assertThat(first.items()).extracting(TransferView::id).containsExactly("TR-6", "TR-5", "TR-4");
        assertThat(second.items()).extracting(TransferView::id).containsExactly("TR-3", "TR-2", "TR-1");
        assertThat(last.items()).extracting(TransferView::id).containsExactly("TR-0");
        assertThat(List.of(first.total(), second.total(), last.total())).containsOnly(7L);
        TransferList ofOne = projection.handle(new ListTransfersQuery("AG-1", null, null, 2, 10));
        assertThat(ofOne.items()).extracting(TransferView::id).containsExactly("TR-2", "TR-0");
        assertThat(ofOne.total()).isEqualTo(4);
        assertThat(projection.handle(new ListTransfersQuery(null, null, null, 100, 3)).items()).isEmpty();
    }

    @Test
    void theBalanceNetsEachCounterpartyAndCurrencyFromTheJurisdictionsSide() {
        agreements.agreementIn("AG-1", AgreementStatus.IN_FORCE, at(0), HZ, HS, SH);
        agreements.agreementIn("AG-2", AgreementStatus.OPEN_FOR_SIGNATURE, at(0), HZ, HS);
        long seq = agreements.agreementIn("AG-3", AgreementStatus.IN_FORCE, at(0), HZ, SH);
        agreements.given("AG-3", seq, new AgreementTerminatedEvent("AG-3", SH, "ended"), at(5));
        transferIn("T1", "AG-1", HS, HZ, "100.10", "CNY", TransferStatus.DUE, 10);
        transferIn("T2", "AG-1", HZ, HS, "30.05", "CNY", TransferStatus.ACKNOWLEDGED, 20);
        transferIn("T3", "AG-1", HZ, HS, "50.00", "CNY", TransferStatus.PAID, 30);
        transferIn("T4", "AG-1", HS, HZ, "1000.00", "CNY", TransferStatus.SETTLED, 40);
        transferIn("T5", "AG-1", HZ, SH, "200.00", "CNY", TransferStatus.SETTLED, 50);
        transferIn("T6", "AG-1", SH, HZ, "75.25", "CNY", TransferStatus.PAID, 60);
        transferIn("T7", "AG-1", HS, HZ, "5.00", "USD", TransferStatus.DUE, 70);
        transferIn("T8", "AG-1", HS, SH, "999.99", "CNY", TransferStatus.DUE, 80);
        // an agreement not yet in force: its transfers count in no balance
        transferIn("T9", "AG-2", HS, HZ, "12345.00", "CNY", TransferStatus.DUE, 90);
        // an agreement that was in force and has ended: its transfers still count
        transferIn("T10", "AG-3", SH, HZ, "0.75", "CNY", TransferStatus.DUE, 100);

        JurisdictionBalance hz = projection.handle(new FindBalanceQuery(HZ));
        assertThat(hz.jurisdictionId()).isEqualTo(HZ);
        assertThat(hz.counterparties()).containsExactly(
                balance(HS, "CNY", "70.05", "-50.00", "1000.00", 4),
                balance(HS, "USD", "5.00", "0.00", "0.00", 1),
                balance(SH, "CNY", "0.75", "75.25", "-200.00", 3));

        assertThat(projection.handle(new FindBalanceQuery(HS)).counterparties()).containsExactly(
                balance(SH, "CNY", "-999.99", "0.00", "0.00", 1),
                balance(HZ, "CNY", "-70.05", "50.00", "-1000.00", 4),
                balance(HZ, "USD", "-5.00", "0.00", "0.00", 1));
        assertThat(projection.handle(new FindBalanceQuery("CN-XX")).counterparties()).isEmpty();
    }

    @Test
    void aTransferUnderPaymentTermsShowsItsDueDateIsOverdueUntilPaidAndNamesItsLateInterest() {
        LocalDate due = LocalDate.of(2025, 1, 31);
        given("TR-1", 0, new TransferCreatedEvent("TR-1", "AG-1", HS, HZ, Money.of("100000000.00", Money.CNY),
                "assessment 2024", TransferSource.ASSESSMENT, "AS-1", null, due, new BigDecimal("0.0005")), 0);
        TransferView created = find("TR-1");
        assertThat(created.dueDate()).isEqualTo(due);
        assertThat(created.overdue()).isFalse();
        assertThat(created.overdueSince()).isNull();

        given("TR-1", 1, new TransferOverdueEvent("TR-1", "AG-1", HS, HZ, due), 1);
        TransferView overdue = find("TR-1");
        assertThat(overdue.overdue()).isTrue();
        assertThat(overdue.overdueSince()).isEqualTo(at(1));
        assertThat(overdue.status()).as("overdue is not a status").isEqualTo(TransferStatus.DUE);
        assertThat(overdue.version()).isEqualTo(1);
        // a redelivery changes nothing
        given("TR-1", 1, new TransferOverdueEvent("TR-1", "AG-1", HS, HZ, due), 9);
        assertThat(find("TR-1")).isEqualTo(overdue);

        given("TR-1", 2, new TransferAcknowledgedEvent("TR-1", "AG-1", HS), 2);
        assertThat(find("TR-1").overdue()).as("acknowledged is still unpaid").isTrue();
        given("TR-1", 3, new TransferPaidEvent("TR-1", "AG-1", HS, "CNAPS-1", at(3)), 3);
        given("TR-1", 4, new LateInterestChargedEvent("TR-1", "AG-1", HS, HZ, Money.of("100000000.00", Money.CNY),
                due, due.plusDays(12), 12, new BigDecimal("0.0005"), Money.of("600000.00", Money.CNY), "TR-1-LI"), 3);
        TransferView paid = find("TR-1");
        assertThat(paid.overdue()).as("paid: overdue no more").isFalse();
        assertThat(paid.overdueSince()).isEqualTo(at(1));
        assertThat(paid.lateInterestTransferId()).isEqualTo("TR-1-LI");
        assertThat(paid.version()).isEqualTo(4);
    }

    @Test
    void theBalanceShowsTheOverduePartOfWhatIsDueFromTheJurisdictionsSide() {
        agreements.agreementIn("AG-1", AgreementStatus.IN_FORCE, at(0), HZ, HS);
        LocalDate due = LocalDate.of(2025, 1, 31);
        for (String id : List.of("T1", "T2", "T3", "T4")) {
            given(id, 0, new TransferCreatedEvent(id, "AG-1", HS, HZ, Money.of("100.00", Money.CNY), "r",
                    TransferSource.ASSESSMENT, id, null, due, null), 10);
        }
        given("T5", 0, new TransferCreatedEvent("T5", "AG-1", HZ, HS, Money.of("30.00", Money.CNY), "r",
                TransferSource.ASSESSMENT, "T5", null, due, null), 10);
        // T1 overdue and unpaid; T2 overdue then paid; T3 overdue then cancelled by a ruling; T4 not overdue;
        // T5 the other way, overdue
        given("T1", 1, new TransferOverdueEvent("T1", "AG-1", HS, HZ, due), 20);
        given("T2", 1, new TransferOverdueEvent("T2", "AG-1", HS, HZ, due), 20);
        given("T2", 2, new TransferAcknowledgedEvent("T2", "AG-1", HS), 21);
        given("T2", 3, new TransferPaidEvent("T2", "AG-1", HS, "REF", at(22)), 22);
        given("T3", 1, new TransferOverdueEvent("T3", "AG-1", HS, HZ, due), 20);
        given("T3", 2, new TransferDisputedEvent("T3", "AG-1", "D-1", TransferStatus.DUE), 21);
        given("T3", 3, new TransferCancelledEvent("T3", "AG-1", "D-1"), 22);
        given("T5", 1, new TransferOverdueEvent("T5", "AG-1", HZ, HS, due), 20);

        assertThat(projection.handle(new FindBalanceQuery(HZ)).counterparties()).containsExactly(
                new CounterpartyBalance(HS, "CNY", Money.of("170.00", "CNY"), Money.of("100.00", "CNY"),
                        Money.of("0.00", "CNY"), 5, Money.of("70.00", "CNY")));
        assertThat(projection.handle(new FindBalanceQuery(HS)).counterparties()).containsExactly(
                new CounterpartyBalance(HZ, "CNY", Money.of("-170.00", "CNY"), Money.of("-100.00", "CNY"),
                        Money.of("0.00", "CNY"), 5, Money.of("-70.00", "CNY")));
        assertThat(projection.handle(new ListTransfersQuery("AG-1", null, null, 0, 10)).items())
                .filteredOn(TransferView::overdue).extracting(TransferView::id).containsExactlyInAnyOrder("T1", "T5");
    }

    @Test
    void aRulingOnAPaidTransferKeepsWhatWasPaidAndItsRefundNetsTheBalance() {
        agreements.agreementIn("AG-1", AgreementStatus.IN_FORCE, at(0), HZ, HS);
        transferIn("T1", "AG-1", HS, HZ, "100.00", "CNY", TransferStatus.PAID, 10);
        given("T1", 3, new TransferDisputedEvent("T1", "AG-1", "D-1", TransferStatus.PAID), 20);
        given("T1", 4, new TransferCorrectedEvent("T1", "AG-1", "D-1", Money.of("100.00", "CNY"),
                Money.of("60.00", "CNY"), TransferStatus.PAID, "T1-REFUND", TransferSource.REFUND, HZ, HS,
                Money.of("40.00", "CNY")), 21);
        given("T1-REFUND", 0, new TransferCreatedEvent("T1-REFUND", "AG-1", HZ, HS, Money.of("40.00", "CNY"),
                "Refund of transfer T1", TransferSource.REFUND, "D-1", "T1"), 21);

        TransferView original = find("T1");
        assertThat(original.status()).isEqualTo(TransferStatus.PAID);
        assertThat(original.amount()).isEqualTo(Money.of("100.00", "CNY"));
        assertThat(original.ruledAmount()).isEqualTo(Money.of("60.00", "CNY"));
        assertThat(original.correctsTransferId()).isNull();
        assertThat(original.version()).isEqualTo(4);
        TransferView refund = find("T1-REFUND");
        assertThat(refund).isEqualTo(new TransferView("T1-REFUND", "AG-1", HZ, HS, Money.of("40.00", "CNY"),
                "Refund of transfer T1", TransferSource.REFUND, "D-1", TransferStatus.DUE, 0, at(21), null, null,
                null, null, at(21), "T1", null));
        assertThat(db.count("compensation_transfer_adjustment")).isZero();

        // HS paid 100 and is owed 40 back: 60 net, as the ruling set
        assertThat(projection.handle(new FindBalanceQuery(HS)).counterparties()).containsExactly(
                balance(HZ, "CNY", "40.00", "-100.00", "0.00", 2));
        given("T1-REFUND", 1, new TransferAcknowledgedEvent("T1-REFUND", "AG-1", HZ), 22);
        given("T1-REFUND", 2, new TransferPaidEvent("T1-REFUND", "AG-1", HZ, "REF-R", at(23)), 23);
        given("T1-REFUND", 3, new TransferSettledEvent("T1-REFUND", "AG-1", HS), 24);
        given("T1", 5, new TransferSettledEvent("T1", "AG-1", HZ), 25);
        assertThat(projection.handle(new FindBalanceQuery(HZ)).counterparties()).containsExactly(
                balance(HS, "CNY", "0.00", "0.00", "60.00", 2));
        assertThat(find("T1").ruledAmount()).isEqualTo(Money.of("60.00", "CNY"));
    }

    @Test
    void aTopUpNamesTheTransferItCorrectsAndARedeliveredCorrectionChangesNothing() {
        transferIn("T2", "AG-1", HS, HZ, "100.00", "CNY", TransferStatus.SETTLED, 10);
        given("T2", 4, new TransferDisputedEvent("T2", "AG-1", "D-2", TransferStatus.SETTLED), 20);
        assertThat(find("T2").status()).isEqualTo(TransferStatus.DISPUTED);
        given("T2", 5, new TransferCorrectedEvent("T2", "AG-1", "D-2", Money.of("100.00", "CNY"),
                Money.of("120.00", "CNY"), TransferStatus.SETTLED, "T2-TOP-UP", TransferSource.TOP_UP, HS, HZ,
                Money.of("20.00", "CNY")), 21);
        given("T2-TOP-UP", 0, new TransferCreatedEvent("T2-TOP-UP", "AG-1", HS, HZ, Money.of("20.00", "CNY"),
                "Top-up of transfer T2", TransferSource.TOP_UP, "D-2", "T2"), 21);
        TransferView corrected = find("T2");

        deliver(delivered.get(delivered.size() - 2));
        deliver(delivered.get(delivered.size() - 2));

        assertThat(find("T2")).isEqualTo(corrected);
        assertThat(corrected.status()).isEqualTo(TransferStatus.SETTLED);
        assertThat(corrected.amount()).isEqualTo(Money.of("100.00", "CNY"));
        assertThat(corrected.ruledAmount()).isEqualTo(Money.of("120.00", "CNY"));
        assertThat(find("T2-TOP-UP").correctsTransferId()).isEqualTo("T2");
        assertThat(find("T2-TOP-UP").source()).isEqualTo(TransferSource.TOP_UP);
        assertThat(db.count("compensation_transfer")).isEqualTo(2);
    }

    private static MonthlyTotal total(int year, int month, String currency, Flow flow, String amount) {
        return new MonthlyTotal(year, month, currency, flow, new BigDecimal(amount));
    }

    @Test
    void moneyOverTimeSumsEachMonthExactlyPerFlowAndCurrency() {
        int day = 24 * 60;
        agreements.agreementIn("AG-1", AgreementStatus.IN_FORCE, at(0), HZ, HS, SH);
        agreements.agreementIn("AG-2", AgreementStatus.OPEN_FOR_SIGNATURE, at(0), HZ, HS);
        // March 2025 (T0 is 2025-03-01T08:00Z): created, one paid two minutes later (30 s before)
        transferIn("T1", "AG-1", HS, HZ, "0.10", "CNY", TransferStatus.PAID, 0);
        transferIn("T2", "AG-1", HS, HZ, "0.20", "CNY", TransferStatus.SETTLED, 10);
        transferIn("T3", "AG-1", HZ, SH, "100000000.33", "CNY", TransferStatus.DUE, 20);
        transferIn("T4", "AG-1", HS, HZ, "5.00", "USD", TransferStatus.DUE, 30);
        // April: a transfer created, then cancelled; a refund of T1 created and paid
        transferIn("T5", "AG-1", HS, HZ, "7.00", "CNY", TransferStatus.DUE, 40 * day);
        given("T5", 1, new TransferCancelledEvent("T5", "AG-1", "D-5"), 40 * day + 1);
        given("T1-REFUND", 0, new TransferCreatedEvent("T1-REFUND", "AG-1", HZ, HS, Money.of("0.05", "CNY"),
                "Refund of transfer T1", TransferSource.REFUND, "D-1", "T1"), 41 * day);
        given("T1-REFUND", 1, new TransferPaidEvent("T1-REFUND", "AG-1", HZ, "R", at(42 * day)), 42 * day);
        // 2026-03: a top-up, and T3 paid a year after it was created
        given("T2-TOP-UP", 0, new TransferCreatedEvent("T2-TOP-UP", "AG-1", HS, HZ, Money.of("1.01", "CNY"),
                "Top-up of transfer T2", TransferSource.TOP_UP, "D-2", "T2"), 366 * day);
        given("T3", 1, new TransferPaidEvent("T3", "AG-1", HZ, "P3", at(366 * day)), 366 * day);
        // an agreement not yet in force counts for no jurisdiction
        transferIn("T9", "AG-2", HS, HZ, "12345.00", "CNY", TransferStatus.PAID, 50);

        assertThat(projection.handle(FindMoneyOverTimeQuery.ofAgreement("AG-1")).totals()).containsExactly(
                total(2025, 3, "CNY", Flow.CREATED, "100000000.63"),
                total(2025, 3, "CNY", Flow.PAID, "0.30"),
                total(2025, 3, "USD", Flow.CREATED, "5.00"),
                total(2025, 4, "CNY", Flow.PAID, "0.05"),
                total(2025, 4, "CNY", Flow.REFUNDS, "0.05"),
                total(2026, 3, "CNY", Flow.PAID, "100000000.33"),
                total(2026, 3, "CNY", Flow.TOP_UPS, "1.01"));
        assertThat(projection.handle(FindMoneyOverTimeQuery.ofJurisdiction(HZ)).totals()).containsExactly(
                total(2025, 3, "CNY", Flow.RECEIVED, "0.30"),
                total(2025, 4, "CNY", Flow.PAID_OUT, "0.05"),
                total(2026, 3, "CNY", Flow.PAID_OUT, "100000000.33"));
        assertThat(projection.handle(FindMoneyOverTimeQuery.ofJurisdiction(SH)).totals()).containsExactly(
                total(2026, 3, "CNY", Flow.RECEIVED, "100000000.33"));
        assertThat(projection.handle(FindMoneyOverTimeQuery.ofAgreement("AG-9")).totals()).isEmpty();
    }

    @Test
    void aResetEmptiesTheTableAndAReplayRebuildsIt() {
        transferIn("TR-A", "AG-1", HS, HZ, "1.00", "CNY", TransferStatus.SETTLED, 0);
        transferIn("TR-B", "AG-1", HZ, HS, "2.00", "CNY", TransferStatus.ACKNOWLEDGED, 10);
        given("TR-B", 2, new TransferDisputedEvent("TR-B", "AG-1", "D-1", TransferStatus.ACKNOWLEDGED), 20);
        given("TR-B", 3, new TransferAdjustedEvent("TR-B", "AG-1", "D-1", Money.of("2.00", "CNY"),
                Money.of("1.50", "CNY")), 21);
        TransferView before = find("TR-A");
        TransferView adjusted = find("TR-B");
        List<EventMessage<?>> history = List.copyOf(delivered);

        projection.reset();
        assertThat(find("TR-A")).isNull();
        assertThat(list(null, null, null)).isEmpty();
        assertThat(db.count("compensation_transfer_adjustment")).isZero();

        history.forEach(this::deliver);
        assertThat(find("TR-A")).isEqualTo(before);
        assertThat(find("TR-B")).isEqualTo(adjusted);
        assertThat(list(null, null, null)).containsExactly("TR-B", "TR-A");
        assertThat(db.count("compensation_transfer_adjustment")).isEqualTo(1);
    }

    @Test
    void aDisputedTransferIsReleasedBackToTheStatusItHad() {
        transferIn("TR-1", "AG-1", HS, HZ, "10.00", "CNY", TransferStatus.ACKNOWLEDGED, 0);
        transferIn("TR-2", "AG-1", HS, HZ, "20.00", "CNY", TransferStatus.DUE, 1);
        given("TR-1", 2, new TransferDisputedEvent("TR-1", "AG-1", "D-1", TransferStatus.ACKNOWLEDGED), 5);
        EventMessage<?> disputedMessage = delivered.get(delivered.size() - 1);

        TransferView disputed = find("TR-1");
        assertThat(disputed.status()).isEqualTo(TransferStatus.DISPUTED);
        assertThat(disputed.version()).isEqualTo(2);
        assertThat(disputed.updatedAt()).isEqualTo(at(5));
        assertThat(disputed.acknowledgedAt()).isEqualTo(at(1));
        assertThat(list(null, null, TransferStatus.DISPUTED)).containsExactly("TR-1");

        given("TR-1", 3, new TransferReleasedEvent("TR-1", "AG-1", "D-1", TransferStatus.ACKNOWLEDGED), 6);
        TransferView released = find("TR-1");
        assertThat(released).isEqualTo(new TransferView("TR-1", "AG-1", HS, HZ, Money.of("10.00", "CNY"),
                "compensation TR-1", TransferSource.PARTY, null, TransferStatus.ACKNOWLEDGED, 3, at(0), at(1), null,
                null, null, at(6)));

        deliver(disputedMessage);
        assertThat(find("TR-1")).isEqualTo(released);
        assertThat(list(null, null, TransferStatus.DISPUTED)).isEmpty();
        assertThat(find("TR-2").status()).isEqualTo(TransferStatus.DUE);
    }

    @Test
    void anAdjustedTransferIsDueAgainAtTheNewAmountAndKeepsTheAmountBefore() {
        transferIn("TR-1", "AG-1", HS, HZ, "100000000.10", "CNY", TransferStatus.ACKNOWLEDGED, 0);
        given("TR-1", 2, new TransferDisputedEvent("TR-1", "AG-1", "D-1", TransferStatus.ACKNOWLEDGED), 2);
        given("TR-1", 3, new TransferAdjustedEvent("TR-1", "AG-1", "D-1", Money.of("100000000.10", "CNY"),
                Money.of("388800.00", "CNY")), 3);
        EventMessage<?> adjustedMessage = delivered.get(delivered.size() - 1);

        TransferView adjusted = find("TR-1");
        assertThat(adjusted.status()).isEqualTo(TransferStatus.DUE);
        assertThat(adjusted.amount()).isEqualTo(Money.of("388800.00", "CNY"));
        assertThat(adjusted.amount().amount().scale()).isEqualTo(2);
        assertThat(adjusted.version()).isEqualTo(3);
        assertThat(adjusted.updatedAt()).isEqualTo(at(3));
        List<Map<String, Object>> adjustments = db.jdbc().getJdbcOperations().queryForList(
                "SELECT transfer_id, version, dispute_id, previous_amount, previous_currency, amount, currency"
                        + " FROM compensation_transfer_adjustment");
        assertThat(adjustments).hasSize(1);
        assertThat(adjustments.get(0)).extractingByKeys("transfer_id", "version", "dispute_id", "previous_currency",
                "currency").containsExactly("TR-1", 3L, "D-1", "CNY", "CNY");
        assertThat(adjustedRow("previous_amount")).isEqualByComparingTo("100000000.10");
        assertThat(adjustedRow("amount")).isEqualByComparingTo("388800.00");

        deliver(adjustedMessage);
        assertThat(find("TR-1")).isEqualTo(adjusted);
        assertThat(db.count("compensation_transfer_adjustment")).isEqualTo(1);

        given("TR-1", 4, new TransferAcknowledgedEvent("TR-1", "AG-1", HS), 4);
        assertThat(find("TR-1").status()).isEqualTo(TransferStatus.ACKNOWLEDGED);
        assertThat(find("TR-1").amount()).isEqualTo(Money.of("388800.00", "CNY"));
    }

    private BigDecimal adjustedRow(String column) {
        return db.jdbc().getJdbcOperations().queryForObject("SELECT " + column
                + " FROM compensation_transfer_adjustment WHERE transfer_id = 'TR-1'", BigDecimal.class);
    }

    @Test
    void aCancelledTransferIsOwedNoMore() {
        agreements.agreementIn("AG-1", AgreementStatus.IN_FORCE, at(0), HZ, HS);
        transferIn("TR-1", "AG-1", HS, HZ, "30.00", "CNY", TransferStatus.DUE, 10);
        transferIn("TR-2", "AG-1", HS, HZ, "5.00", "CNY", TransferStatus.DUE, 11);
        given("TR-1", 1, new TransferDisputedEvent("TR-1", "AG-1", "D-1", TransferStatus.DUE), 12);
        given("TR-1", 2, new TransferCancelledEvent("TR-1", "AG-1", "D-1"), 13);

        TransferView cancelled = find("TR-1");
        assertThat(cancelled.status()).isEqualTo(TransferStatus.CANCELLED);
        assertThat(cancelled.version()).isEqualTo(2);
        assertThat(cancelled.updatedAt()).isEqualTo(at(13));
        assertThat(cancelled.amount()).isEqualTo(Money.of("30.00", "CNY"));
        OffsetDateTime cancelledAt = db.jdbc().getJdbcOperations().queryForObject(
                "SELECT cancelled_at FROM compensation_transfer WHERE transfer_id = 'TR-1'", OffsetDateTime.class);
        assertThat(cancelledAt.toInstant()).isEqualTo(at(13));
        assertThat(list("AG-1", null, TransferStatus.CANCELLED)).containsExactly("TR-1");
        assertThat(projection.handle(new FindBalanceQuery(HZ)).counterparties()).containsExactly(
                balance(HS, "CNY", "5.00", "0.00", "0.00", 2));

        deliver(transfer("TR-1", 1, new TransferDisputedEvent("TR-1", "AG-1", "D-1", TransferStatus.DUE), at(20)));
        assertThat(find("TR-1")).isEqualTo(cancelled);
    }
}
