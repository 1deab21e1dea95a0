package org.basinledger.query.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.basinledger.query.support.Agreements.AH;
import static org.basinledger.query.support.Agreements.HS;
import static org.basinledger.query.support.Agreements.HZ;
import static org.basinledger.query.support.Agreements.SH;
import static org.basinledger.query.support.Agreements.draft;
import static org.basinledger.query.support.Events.agreement;
import static org.basinledger.query.support.Events.at;
import static org.basinledger.query.support.Events.dispute;
import static org.basinledger.query.support.Events.transfer;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.EventMessage;
import org.basinledger.api.agreement.AgreementDraftedEvent;
import org.basinledger.api.agreement.AgreementHistoryPage.Entry;
import org.basinledger.api.agreement.AgreementOpenedForSignatureEvent;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.Money;
import org.basinledger.api.dispute.DisputeCaseFile;
import org.basinledger.api.dispute.DisputeCaseFile.Statement;
import org.basinledger.api.dispute.DisputeEvent;
import org.basinledger.api.dispute.DisputeList;
import org.basinledger.api.dispute.DisputeRaisedEvent;
import org.basinledger.api.dispute.DisputeRuledEvent;
import org.basinledger.api.dispute.DisputeStatus;
import org.basinledger.api.dispute.DisputeSummary;
import org.basinledger.api.dispute.DisputeWithdrawnEvent;
import org.basinledger.api.dispute.FindDisputeQuery;
import org.basinledger.api.dispute.ListDisputesQuery;
import org.basinledger.api.dispute.MediatorAssignedEvent;
import org.basinledger.api.dispute.Remedy;
import org.basinledger.api.dispute.RemedyType;
import org.basinledger.api.dispute.Ruling;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.StatementAddedEvent;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.api.transfer.TransferDisputedEvent;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.query.history.AgreementHistoryProjection;
import org.basinledger.query.history.HistoryFixture;
import org.basinledger.query.support.Compliance;
import org.basinledger.query.support.Events;
import org.basinledger.query.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The dispute projection and its case file against a real database; subclasses choose H2 or PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DisputeProjectionContract {

    private static final Subject TRANSFER = new Subject(SubjectType.TRANSFER, "TR-1");
    private static final Evidence LAB_REPORT = new Evidence(
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "https://lab.example/r/1", "lab report");
    private static final Evidence PHOTO = new Evidence(
            "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752", "https://ex.example/p.jpg", null);

    private TestDatabase db;
    private HistoryFixture history;
    private DisputeFixture disputes;
    private DisputeProjection projection;
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
        history = new HistoryFixture(db);
        disputes = new DisputeFixture(db, history.projection());
        projection = disputes.projection();
    }

    /** Delivers to the history (every agreement event) and the dispute projection (dispute events). */
    private void deliver(EventMessage<?> message) {
        delivered.add(message);
        history.deliver(message);
        if (message.getPayload() instanceof DisputeEvent) {
            disputes.deliver(message);
        }
    }

    private void given(String disputeId, long sequence, DisputeEvent payload, int minute, String actor) {
        deliver(dispute(disputeId, sequence, payload, at(minute), actor));
    }

    private DisputeCaseFile caseFile(String id) {
        return projection.handle(new FindDisputeQuery(id));
    }

    private DisputeSummary find(String id) {
        DisputeCaseFile file = caseFile(id);
        return file == null ? null : file.dispute();
    }

    private List<String> list(String agreementId, DisputeStatus status, String mediatorId) {
        return projection.handle(new ListDisputesQuery(agreementId, status, mediatorId)).items().stream()
                .map(DisputeSummary::id).toList();
    }

    private void raised(String id, String agreementId, int minute) {
        given(id, 0, new DisputeRaisedEvent(id, agreementId, HZ, TRANSFER, List.of(HS), "claim " + id), minute, HZ);
    }

    @Test
    void aDisputeIsRaisedMediatedArguedAndRuled() {
        given("D-1", 0, new DisputeRaisedEvent("D-1", "AG-1", HZ, TRANSFER, List.of(HS, SH),
                "the flow used was not measured at Jiekou"), 0, HZ);

        DisputeSummary open = find("D-1");
        assertThat(open).isEqualTo(new DisputeSummary("D-1", "AG-1", TRANSFER, HZ, List.of(HS, SH),
                "the flow used was not measured at Jiekou", null, DisputeStatus.OPEN, null, at(0), at(0)));
        assertThat(caseFile("D-1").statements()).isEmpty();

        given("D-1", 1, new MediatorAssignedEvent("D-1", "AG-1", "M-1"), 5, null);
        assertThat(find("D-1").status()).isEqualTo(DisputeStatus.UNDER_MEDIATION);
        assertThat(find("D-1").mediatorId()).isEqualTo("M-1");
        assertThat(find("D-1").updatedAt()).isEqualTo(at(5));

        given("D-1", 2, new StatementAddedEvent("D-1", "AG-1", 1, "CLAIMANT", HZ, "our measurements", List.of(LAB_REPORT,
                PHOTO)), 6, HZ);
        given("D-1", 3, new StatementAddedEvent("D-1", "AG-1", 2, "RESPONDENT", HS, "theirs are wrong", List.of()), 7,
                HS);
        given("D-1", 4, new StatementAddedEvent("D-1", "AG-1", 3, "MEDIATOR", "M-1", "please send raw data", null), 8,
                null);
        assertThat(find("D-1").status()).isEqualTo(DisputeStatus.UNDER_MEDIATION);
        assertThat(find("D-1").updatedAt()).isEqualTo(at(8));

        given("D-1", 5, new DisputeRuledEvent("D-1", "AG-1", TRANSFER, "M-1", RulingOutcome.ADJUSTED,
                "the flow is the mean of the reports", Money.of("388800.5", "CNY")), 9, null);

        DisputeCaseFile file = caseFile("D-1");
        assertThat(file.dispute()).isEqualTo(new DisputeSummary("D-1", "AG-1", TRANSFER, HZ, List.of(HS, SH),
                "the flow used was not measured at Jiekou", "M-1", DisputeStatus.RULED,
                new Ruling("M-1", RulingOutcome.ADJUSTED, "the flow is the mean of the reports",
                        Money.of("388800.50", "CNY"), at(9)), at(0), at(9)));
        assertThat(file.dispute().ruling().adjustedAmount().amount().scale()).isEqualTo(2);
        assertThat(file.statements()).containsExactly(
                new Statement(1, "CLAIMANT", HZ, "our measurements", List.of(LAB_REPORT, PHOTO), at(6)),
                new Statement(2, "RESPONDENT", HS, "theirs are wrong", List.of(), at(7)),
                new Statement(3, "MEDIATOR", "M-1", "please send raw data", List.of(), at(8)));
        assertThat(caseFile("D-unknown")).isNull();
    }

    @Test
    void theRemedyAClaimAskedForAndTheRemedyTheRulingAppliedAreRecorded() {
        Remedy adjust = new Remedy(RemedyType.ADJUST, Money.of("60000000.00", "CNY"));
        given("D-1", 0, new DisputeRaisedEvent("D-1", "AG-1", HZ, TRANSFER, List.of(HS), "too much", adjust), 0, HZ);
        raised("D-2", "AG-1", 1);
        assertThat(find("D-1").remedy()).isEqualTo(adjust);
        assertThat(find("D-2").remedy()).isNull();

        given("D-1", 1, new MediatorAssignedEvent("D-1", "AG-1", "M-1"), 2, null);
        given("D-1", 2, new DisputeRuledEvent("D-1", "AG-1", TRANSFER, "M-1", RulingOutcome.UPHELD, "agreed",
                null, adjust), 3, null);
        given("D-2", 1, new MediatorAssignedEvent("D-2", "AG-1", "M-1"), 4, null);
        given("D-2", 2, new DisputeRuledEvent("D-2", "AG-1", TRANSFER, "M-1", RulingOutcome.UPHELD, "agreed",
                null, new Remedy(RemedyType.CANCEL, null)), 5, null);

        assertThat(find("D-1").ruling()).isEqualTo(new Ruling("M-1", RulingOutcome.UPHELD, "agreed", null, at(3),
                adjust));
        assertThat(find("D-1").remedy()).isEqualTo(adjust);
        assertThat(caseFile("D-2").dispute().ruling().remedy()).isEqualTo(new Remedy(RemedyType.CANCEL, null));
        assertThat(find("D-2").remedy()).isNull();
    }

    @Test
    void aRulingWithoutAnAmountAndAWithdrawalAreRecorded() {
        raised("D-1", "AG-1", 0);
        given("D-1", 1, new MediatorAssignedEvent("D-1", "AG-1", "M-1"), 1, null);
        given("D-1", 2, new DisputeRuledEvent("D-1", "AG-1", TRANSFER, "M-1", RulingOutcome.DISMISSED, "no evidence",
                null), 2, null);
        raised("D-2", "AG-1", 3);
        given("D-2", 1, new StatementAddedEvent("D-2", "AG-1", 1, "CLAIMANT", HZ, "first", List.of()), 4, HZ);
        given("D-2", 2, new DisputeWithdrawnEvent("D-2", "AG-1", TRANSFER, HZ), 5, HZ);

        assertThat(find("D-1").ruling()).isEqualTo(new Ruling("M-1", RulingOutcome.DISMISSED, "no evidence", null,
                at(2)));
        DisputeCaseFile withdrawn = caseFile("D-2");
        assertThat(withdrawn.dispute().status()).isEqualTo(DisputeStatus.WITHDRAWN);
        assertThat(withdrawn.dispute().ruling()).isNull();
        assertThat(withdrawn.dispute().mediatorId()).isNull();
        assertThat(withdrawn.dispute().updatedAt()).isEqualTo(at(5));
        assertThat(withdrawn.statements()).extracting(Statement::number, Statement::text).containsExactly(
                tuple(1, "first"));
    }

    @Test
    void theCaseFileCarriesEveryEventOfTheAgreementInTheHistorysOrder() {
        deliver(agreement("AG-1", 0, new AgreementDraftedEvent("AG-1", HZ, draft("t", "XINAN", HZ, HS)), at(0)));
        deliver(agreement("AG-2", 0, new AgreementDraftedEvent("AG-2", SH, draft("u", "TAIHU", SH, AH)), at(0)));
        deliver(agreement("AG-1", 1, new AgreementOpenedForSignatureEvent("AG-1", HZ, "{}", "h"), at(1)));
        deliver(transfer("TR-1", 0, Compliance.transferCreated("TR-1", "AG-1", HS, HZ, "100.00", "CNY"), at(2)));
        raised("D-1", "AG-1", 3);
        deliver(transfer("TR-1", 1, new TransferDisputedEvent("TR-1", "AG-1", "D-1", TransferStatus.DUE), at(3)));
        deliver(agreement("AG-1", 2, new SubjectDisputedEvent("AG-1", "D-9", new Subject(SubjectType.AGREEMENT,
                "AG-1"), null), at(4)));
        given("D-1", 1, new MediatorAssignedEvent("D-1", "AG-1", "M-1"), 5, null);
        raised("D-X", "AG-2", 5);
        // the integrity log has logged the first four entries of AG-1 so far
        db.jdbc().getJdbcOperations().update("UPDATE agreement_history SET leaf_index = sequence + 40"
                + " WHERE agreement_id = 'AG-1' AND sequence <= 4");

        List<Entry> related = caseFile("D-1").relatedHistory();

        assertThat(related).extracting(Entry::sequence, Entry::type, Entry::aggregateType, Entry::aggregateId,
                        Entry::occurredAt, Entry::actorJurisdiction, Entry::leafIndex)
                .containsExactly(
                        tuple(1L, "AgreementDrafted", "Agreement", "AG-1", at(0), HZ, 41L),
                        tuple(2L, "AgreementOpenedForSignature", "Agreement", "AG-1", at(1), HZ, 42L),
                        tuple(3L, "TransferCreated", "CompensationTransfer", "TR-1", at(2), HZ, 43L),
                        tuple(4L, "DisputeRaised", "Dispute", "D-1", at(3), HZ, 44L),
                        tuple(5L, "TransferDisputed", "CompensationTransfer", "TR-1", at(3), HZ, null),
                        tuple(6L, "SubjectDisputed", "Agreement", "AG-1", at(4), HZ, null),
                        tuple(7L, "MediatorAssigned", "Dispute", "D-1", at(5), null, null));
        assertThat(related).isEqualTo(history.projection().entries("AG-1"));
        assertThat(caseFile("D-X").relatedHistory()).extracting(Entry::type)
                .containsExactly("AgreementDrafted", "DisputeRaised");
    }

    @Test
    void theRelatedHistoryIsCompleteBeyondOneHistoryPage() {
        int count = AgreementHistoryProjection.MAX_LIMIT + 7;
        deliver(agreement("AG-1", 0, new AgreementDraftedEvent("AG-1", HZ, draft("t", "XINAN", HZ, HS)), at(0)));
        for (int i = 1; i < count - 1; i++) {
            deliver(agreement("AG-1", i, new AgreementOpenedForSignatureEvent("AG-1", HZ, "{}", "h" + i), at(i)));
        }
        raised("D-1", "AG-1", count);

        List<Entry> related = caseFile("D-1").relatedHistory();

        assertThat(related).hasSize(count);
        assertThat(related).extracting(Entry::sequence)
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, count).boxed().toList());
        assertThat(related.get(count - 1).type()).isEqualTo("DisputeRaised");
    }

    @Test
    void listsFilterByAgreementStatusAndMediatorNewestFirst() {
        raised("D-a", "AG-1", 0);
        raised("D-b", "AG-1", 10);
        given("D-b", 1, new MediatorAssignedEvent("D-b", "AG-1", "M-1"), 11, null);
        raised("D-c", "AG-2", 20);
        given("D-c", 1, new MediatorAssignedEvent("D-c", "AG-2", "M-2"), 21, null);
        given("D-c", 2, new DisputeRuledEvent("D-c", "AG-2", TRANSFER, "M-2", RulingOutcome.UPHELD, "r", null), 22,
                null);
        raised("D-d", "AG-2", 30);
        given("D-d", 1, new MediatorAssignedEvent("D-d", "AG-2", "M-1"), 31, null);
        raised("D-e", "AG-1", 40);
        given("D-e", 1, new DisputeWithdrawnEvent("D-e", "AG-1", TRANSFER, HZ), 41, HZ);

        assertThat(list(null, null, null)).containsExactly("D-e", "D-d", "D-c", "D-b", "D-a");
        assertThat(list("AG-1", null, null)).containsExactly("D-e", "D-b", "D-a");
        assertThat(list(null, DisputeStatus.UNDER_MEDIATION, null)).containsExactly("D-d", "D-b");
        assertThat(list(null, DisputeStatus.OPEN, null)).containsExactly("D-a");
        assertThat(list(null, DisputeStatus.RULED, null)).containsExactly("D-c");
        assertThat(list(null, DisputeStatus.WITHDRAWN, null)).containsExactly("D-e");
        assertThat(list(null, null, "M-1")).containsExactly("D-d", "D-b");
        assertThat(list("AG-2", null, "M-1")).containsExactly("D-d");
        assertThat(list("AG-2", DisputeStatus.RULED, "M-2")).containsExactly("D-c");
        assertThat(list("AG-1", DisputeStatus.RULED, null)).isEmpty();
        assertThat(list("AG-unknown", null, null)).isEmpty();
        // summaries in the list are those of the case files
        assertThat(projection.handle(new ListDisputesQuery("AG-2", DisputeStatus.RULED, null)).items())
                .containsExactly(find("D-c"));
    }

    @Test
    void theListIsReadAPageAtATimeWithHowManyMatchInAll() {
        for (int i = 0; i < 5; i++) {
            raised("D-" + i, i < 4 ? "AG-1" : "AG-2", i);
        }
        DisputeList first = projection.handle(new ListDisputesQuery("AG-1", null, null, 0, 3));
        assertThat(first.items()).extracting(DisputeSummary::id).containsExactly("D-3", "D-2", "D-1");
        assertThat(first.total()).isEqualTo(4);
        DisputeList second = projection.handle(new ListDisputesQuery("AG-1", null, null, 3, 3));
        assertThat(second.items()).extracting(DisputeSummary::id).containsExactly("D-0");
        assertThat(second.total()).isEqualTo(4);
        DisputeList past = projection.handle(new ListDisputesQuery(null, null, null, 10, 3));
        assertThat(past.items()).isEmpty();
        assertThat(past.total()).isEqualTo(5);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        raised("D-1", "AG-1", 0);
        given("D-1", 1, new MediatorAssignedEvent("D-1", "AG-1", "M-1"), 1, null);
        given("D-1", 2, new StatementAddedEvent("D-1", "AG-1", 1, "CLAIMANT", HZ, "one", List.of(LAB_REPORT)), 2, HZ);
        given("D-1", 3, new DisputeRuledEvent("D-1", "AG-1", TRANSFER, "M-1", RulingOutcome.UPHELD, "r", null), 3,
                null);
        DisputeCaseFile before = caseFile("D-1");
        List<EventMessage<?>> all = List.copyOf(delivered);

        all.forEach(m -> disputes.deliver(m));
        // the same sequences with other contents are redeliveries too: the first version stays
        disputes.deliver(dispute("D-1", 0, new DisputeRaisedEvent("D-1", "AG-9", SH, TRANSFER, List.of(AH), "other"),
                at(50), SH));
        disputes.deliver(dispute("D-1", 2, new StatementAddedEvent("D-1", "AG-1", 1, "RESPONDENT", HS, "other",
                List.of()), at(51), HS));
        disputes.deliver(dispute("D-1", 1, new MediatorAssignedEvent("D-1", "AG-1", "M-2"), at(52), null));

        assertThat(caseFile("D-1")).isEqualTo(before);
        assertThat(find("D-1").status()).isEqualTo(DisputeStatus.RULED);
        assertThat(db.count("dispute")).isEqualTo(1);
        assertThat(db.count("dispute_statement")).isEqualTo(1);
    }

    @Test
    void anEventOfADisputeNeverRaisedOrNotFromAnAggregateIsRefused() {
        assertThatThrownBy(() -> disputes.deliver(dispute("D-9", 1, new MediatorAssignedEvent("D-9", "AG-1", "M-1"),
                at(0), null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never raised");
        assertThatThrownBy(() -> disputes.deliver(Events.plain(new DisputeRaisedEvent("D-1", "AG-1", HZ, TRANSFER,
                List.of(HS), "c"), at(0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(caseFile("D-1")).isNull();
        assertThat(caseFile("D-9")).isNull();
    }

    @Test
    void aResetEmptiesTheTablesAndAReplayRebuildsThem() {
        deliver(agreement("AG-1", 0, new AgreementDraftedEvent("AG-1", HZ, draft("t", "XINAN", HZ, HS)), at(0)));
        raised("D-1", "AG-1", 1);
        given("D-1", 1, new MediatorAssignedEvent("D-1", "AG-1", "M-1"), 2, null);
        given("D-1", 2, new StatementAddedEvent("D-1", "AG-1", 1, "MEDIATOR", "M-1", "one", List.of(PHOTO)), 3, null);
        raised("D-2", "AG-1", 4);
        DisputeCaseFile before = caseFile("D-1");
        List<EventMessage<?>> all = List.copyOf(delivered);

        projection.reset();
        history.reset();
        assertThat(caseFile("D-1")).isNull();
        assertThat(list(null, null, null)).isEmpty();
        assertThat(db.count("dispute_statement")).isZero();

        all.forEach(this::deliver);
        assertThat(caseFile("D-1")).isEqualTo(before);
        assertThat(list(null, null, null)).containsExactly("D-2", "D-1");
    }
}
