package org.basinledger.query.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.basinledger.query.support.Agreements.AH;
import static org.basinledger.query.support.Agreements.HS;
import static org.basinledger.query.support.Agreements.HZ;
import static org.basinledger.query.support.Agreements.SH;
import static org.basinledger.query.support.Agreements.draft;
import static org.basinledger.query.support.Agreements.ids;
import static org.basinledger.query.support.Compliance.assessment;
import static org.basinledger.query.support.Compliance.transferCreated;
import static org.basinledger.query.support.Events.agreement;
import static org.basinledger.query.support.Events.at;
import static org.basinledger.query.support.Events.transfer;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.basinledger.api.agreement.AgreementAmendedEvent;
import org.basinledger.api.agreement.AgreementDraftedEvent;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementEnteredIntoForceEvent;
import org.basinledger.api.agreement.AgreementEvent;
import org.basinledger.api.agreement.AgreementFullySignedEvent;
import org.basinledger.api.agreement.AgreementOpenedForSignatureEvent;
import org.basinledger.api.agreement.AgreementPage;
import org.basinledger.api.agreement.AgreementRejectedEvent;
import org.basinledger.api.agreement.AgreementSignedEvent;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.AgreementTerminationNoticeGivenEvent;
import org.basinledger.api.agreement.AgreementTerminationNoticeWithdrawnEvent;
import org.basinledger.api.agreement.AgreementTermsDocument;
import org.basinledger.api.agreement.FindAgreementStatusQuery;
import org.basinledger.api.agreement.FindAgreementTermsQuery;
import org.basinledger.api.agreement.ListAgreementsQuery;
import org.basinledger.api.agreement.AgreementStatusView.LastAssessment;
import org.basinledger.api.agreement.AgreementStatusView.Outstanding;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.Money;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectConsequence;
import org.basinledger.api.dispute.SubjectDisputeClosedEvent;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.api.transfer.TransferAcknowledgedEvent;
import org.basinledger.api.transfer.TransferAdjustedEvent;
import org.basinledger.api.transfer.TransferCancelledEvent;
import org.basinledger.api.transfer.TransferDisputedEvent;
import org.basinledger.api.transfer.TransferSource;
import org.basinledger.api.transfer.TransferCreatedEvent;
import org.basinledger.api.transfer.TransferCorrectedEvent;
import org.basinledger.api.transfer.TransferPaidEvent;
import org.basinledger.api.transfer.TransferSettledEvent;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.query.compliance.ComplianceFixture;
import org.basinledger.query.dispute.DisputeFixture;
import org.basinledger.query.support.Events;
import org.basinledger.query.support.TestDatabase;
import org.basinledger.query.transfer.TransferFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The status projection against a real database; subclasses choose H2 or PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgreementStatusProjectionContract {

    private TestDatabase db;
    private EmbeddedEventStore eventStore;
    private AgreementStatusProjection projection;
    private TransferFixture transfers;
    private ComplianceFixture compliance;
    private DisputeFixture disputes;
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
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        projection = new AgreementStatusProjection(db.jdbc(), Events.objectMapper(), eventStore);
        transfers = new TransferFixture(db);
        compliance = new ComplianceFixture(db);
        disputes = new DisputeFixture(db);
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    /** Stores the event as the aggregate would and delivers it as the processor would. */
    private void given(String agreementId, long sequence, AgreementEvent payload, int minute) {
        DomainEventMessage<Object> message = agreement(agreementId, sequence, payload, at(minute));
        eventStore.publish(message);
        deliver(message);
    }

    private void deliver(EventMessage<?> message) {
        delivered.add(message);
        projection.on((AgreementEvent) message.getPayload(), message);
    }

    private AgreementStatusView find(String id) {
        return projection.handle(new FindAgreementStatusQuery(id, null));
    }

    private List<String> list(AgreementStatus status, String party, String basin, Caller caller) {
        return ids(projection.handle(new ListAgreementsQuery(status, party, basin, 0, 50, caller)).items());
    }

    /** A lifecycle in the given state: drafted at {@code minute}, later steps a minute apart. */
    private void agreementIn(String id, AgreementStatus status, int minute, String basin, String... parties) {
        given(id, 0, new AgreementDraftedEvent(id, parties[0], draft("Agreement " + id, basin, parties)), minute);
        if (status == AgreementStatus.DRAFT) {
            return;
        }
        given(id, 1, new AgreementOpenedForSignatureEvent(id, parties[0], "{\"id\":\"" + id + "\"}", "hash-" + id),
                minute + 1);
        if (status == AgreementStatus.OPEN_FOR_SIGNATURE) {
            return;
        }
        long seq = 2;
        for (String party : parties) {
            given(id, seq++, new AgreementSignedEvent(id, party, "key-" + party, "pk", "sig", "hash-" + id), minute + 2);
        }
        given(id, seq++, new AgreementFullySignedEvent(id, "hash-" + id), minute + 2);
        given(id, seq, new AgreementEnteredIntoForceEvent(id, LocalDate.of(2026, 1, 1)), minute + 3);
    }

    @Test
    void aDraftIsStoredWithItsPartiesAndFoundById() {
        agreementIn("AG-1", AgreementStatus.DRAFT, 0, "XINAN", HZ, HS);

        AgreementStatusView view = find("AG-1");
        assertThat(view.status()).isEqualTo(AgreementStatus.DRAFT);
        assertThat(view.version()).isZero();
        assertThat(view.title()).isEqualTo("Agreement AG-1");
        assertThat(view).isEqualTo(AgreementStatusFold.apply(null, delivered.get(0).getPayload(), at(0), 0));
        assertThat(db.count("agreement_party")).isEqualTo(2);
        assertThat(find("AG-unknown")).isNull();
    }

    private static AgreementDraft continuing(String predecessorId, String title, String... parties) {
        AgreementDraft d = draft(title, "XINAN", parties);
        return new AgreementDraft(d.title(), d.basin(), d.parties(), d.effectiveFrom(), d.effectiveUntil(), d.terms(),
                predecessorId);
    }

    @Test
    void aRoundShowsItsPredecessorAndThePredecessorItsPublicSuccessor() {
        agreementIn("AG-1", AgreementStatus.IN_FORCE, 0, "XINAN", HZ, HS);
        // a second round, still a private draft: the first round does not show it
        given("AG-2", 0, new AgreementDraftedEvent("AG-2", HZ, continuing("AG-1", "Round 2", HZ, HS)), 10);
        assertThat(find("AG-2").predecessorId()).isEqualTo("AG-1");
        assertThat(find("AG-2").successorId()).isNull();
        assertThat(find("AG-1").successorId()).as("a draft is no public successor").isNull();

        given("AG-2", 1, new AgreementOpenedForSignatureEvent("AG-2", HZ, "{}", "hash-2"), 11);
        assertThat(find("AG-1").successorId()).isEqualTo("AG-2");
        assertThat(find("AG-1").predecessorId()).isNull();
        assertThat(db.count("agreement_status WHERE predecessor_id = 'AG-1'")).isEqualTo(1);
        // the list answers the same views
        assertThat(projection.handle(new ListAgreementsQuery(null, null, null, 0, 50, Caller.PUBLIC)).items())
                .filteredOn(v -> v.id().equals("AG-1")).singleElement()
                .satisfies(v -> assertThat(v.successorId()).isEqualTo("AG-2"));

        // rejected back to draft: private again, no longer anyone's public successor
        given("AG-2", 2, new AgreementRejectedEvent("AG-2", HS, "not yet", List.of()), 12);
        assertThat(find("AG-1").successorId()).isNull();

        // an amended draft may name another predecessor, or none
        given("AG-2", 3, new AgreementAmendedEvent("AG-2", HZ, draft("Round 2", "XINAN", HZ, HS)), 13);
        assertThat(find("AG-2").predecessorId()).isNull();
        assertThat(db.count("agreement_status WHERE predecessor_id = 'AG-1'")).isZero();
    }

    @Test
    void theStoredViewIsTheFoldOfEveryEvent() {
        agreementIn("AG-1", AgreementStatus.IN_FORCE, 0, "XINAN", HZ, HS);

        AgreementStatusView expected = null;
        for (EventMessage<?> m : delivered) {
            expected = AgreementStatusFold.apply(expected, m.getPayload(), m.getTimestamp(),
                    ((DomainEventMessage<?>) m).getSequenceNumber());
        }
        AgreementStatusView view = find("AG-1");
        assertThat(view).isEqualTo(expected);
        assertThat(view.status()).isEqualTo(AgreementStatus.IN_FORCE);
        assertThat(view.version()).isEqualTo(5);
        Long version = db.jdbc().getJdbcOperations()
                .queryForObject("SELECT version FROM agreement_status WHERE agreement_id = 'AG-1'", Long.class);
        assertThat(version).isEqualTo(5);
    }

    @Test
    void aNoticeOfTerminationIsStoredAndReadBackAndWithdrawnAndTheAsOfViewAgrees() {
        agreementIn("AG-1", AgreementStatus.IN_FORCE, 0, "XINAN", HZ, HS);
        given("AG-1", 6, new AgreementTerminationNoticeGivenEvent("AG-1", HS, "round 2", at(500)), 10);

        AgreementStatusView noticed = find("AG-1");
        assertThat(noticed.status()).isEqualTo(AgreementStatus.IN_FORCE);
        assertThat(noticed.terminationEffectiveAt()).isEqualTo(at(500));
        assertThat(projection.handle(new FindAgreementStatusQuery("AG-1", at(10))).terminationEffectiveAt())
                .isEqualTo(at(500));

        given("AG-1", 7, new AgreementTerminationNoticeWithdrawnEvent("AG-1", HS, null), 11);
        assertThat(find("AG-1").terminationEffectiveAt()).isNull();
        assertThat(projection.handle(new FindAgreementStatusQuery("AG-1", at(10))).terminationEffectiveAt())
                .isEqualTo(at(500));
        assertThat(list(AgreementStatus.IN_FORCE, null, null, Caller.PUBLIC)).containsExactly("AG-1");
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        agreementIn("AG-1", AgreementStatus.OPEN_FOR_SIGNATURE, 0, "XINAN", HZ, HS);
        given("AG-1", 2, new AgreementAmendedEvent("AG-1", HZ, draft("amended", "X", SH)), 5);
        AgreementStatusView before = find("AG-1");

        deliver(delivered.get(0));
        deliver(delivered.get(1));

        assertThat(find("AG-1")).isEqualTo(before);
        assertThat(db.count("agreement_status")).isEqualTo(1);
        assertThat(db.jdbc().getJdbcOperations().queryForList(
                "SELECT jurisdiction_id FROM agreement_party ORDER BY jurisdiction_id", String.class))
                .containsExactly(SH);
    }

    /** A unit of work as the processor's batch has it, in a real transaction on the test database. */
    private DefaultUnitOfWork<EventMessage<?>> batch() {
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(new SpringTransactionManager(
                new DataSourceTransactionManager(db.jdbc().getJdbcTemplate().getDataSource())));
        return unitOfWork;
    }

    private AgreementStatusView foldOfDelivered(String agreementId) {
        AgreementStatusView expected = null;
        for (EventMessage<?> m : delivered) {
            if (!((AgreementEvent) m.getPayload()).agreementId().equals(agreementId)) {
                continue;
            }
            expected = AgreementStatusFold.apply(expected, m.getPayload(), m.getTimestamp(),
                    ((DomainEventMessage<?>) m).getSequenceNumber());
        }
        return expected;
    }

    @Test
    void aBatchFoldsItsEventsInMemoryAndWritesEachViewWhenItCommits() {
        DefaultUnitOfWork<EventMessage<?>> batch = batch();
        agreementIn("AG-1", AgreementStatus.IN_FORCE, 0, "XINAN", HZ, HS);
        agreementIn("AG-2", AgreementStatus.OPEN_FOR_SIGNATURE, 0, "TAIHU", HS);
        assertThat(db.count("agreement_status")).isZero();

        batch.commit();

        assertThat(find("AG-1")).isEqualTo(foldOfDelivered("AG-1"));
        assertThat(find("AG-2")).isEqualTo(foldOfDelivered("AG-2"));
        assertThat(find("AG-1").status()).isEqualTo(AgreementStatus.IN_FORCE);
        assertThat(find("AG-2").status()).isEqualTo(AgreementStatus.OPEN_FOR_SIGNATURE);
        assertThat(find("AG-2").version()).isEqualTo(1);
        assertThat(db.count("agreement_party")).isEqualTo(3);
    }

    /**
     * In a processor's batch (Axon's {@code BatchingUnitOfWork}) the stored views of the batch's agreements that are
     * not in memory are read together, at the first that is needed: a new agreement (no row yet) and agreements
     * stored before (here by the instance before a restart) come out as the fold of all their events.
     */
    @Test
    void aProcessorBatchReadsTheStoredViewsOfItsAgreementsTogether() {
        agreementIn("AG-1", AgreementStatus.DRAFT, 0, "XINAN", HZ, HS);
        agreementIn("AG-2", AgreementStatus.OPEN_FOR_SIGNATURE, 0, "TAIHU", HS, SH);
        projection = new AgreementStatusProjection(db.jdbc(), Events.objectMapper(), eventStore);
        List<EventMessage<?>> messages = List.of(
                agreement("AG-1", 1, new AgreementOpenedForSignatureEvent("AG-1", HZ, "{}", "hash-AG-1"), at(5)),
                agreement("AG-3", 0, new AgreementDraftedEvent("AG-3", SH, draft("Agreement AG-3", "XINAN", SH, AH)),
                        at(5)),
                agreement("AG-2", 2, new AgreementSignedEvent("AG-2", HS, "key-HS", "pk", "sig", "hash-AG-2"), at(6)),
                agreement("AG-1", 2, new AgreementSignedEvent("AG-1", HZ, "key-HZ", "pk", "sig", "hash-AG-1"), at(6)),
                agreement("AG-3", 1, new AgreementOpenedForSignatureEvent("AG-3", SH, "{}", "hash-AG-3"), at(7)));
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        batch.attachTransaction(new SpringTransactionManager(
                new DataSourceTransactionManager(db.jdbc().getJdbcTemplate().getDataSource())));
        batch.executeWithResult(() -> {
            deliver(batch.getMessage());
            return null;
        });
        assertThat(batch.isRolledBack()).isFalse();

        for (String id : List.of("AG-1", "AG-2", "AG-3")) {
            assertThat(find(id)).as(id).isEqualTo(foldOfDelivered(id));
        }
        assertThat(find("AG-1").version()).isEqualTo(2);
        assertThat(find("AG-3").status()).isEqualTo(AgreementStatus.OPEN_FOR_SIGNATURE);
        assertThat(db.count("agreement_status")).isEqualTo(3);
    }

    @Test
    void aBatchWhoseCommitFailsIsAppliedAgainInFullByItsRetry() {
        given("AG-1", 0, new AgreementDraftedEvent("AG-1", HZ, draft("Agreement AG-1", "XINAN", HZ, HS)), 0);
        List<DomainEventMessage<Object>> rest = List.of(
                agreement("AG-1", 1, new AgreementOpenedForSignatureEvent("AG-1", HZ, "{}", "hash-1"), at(1)),
                agreement("AG-1", 2, new AgreementSignedEvent("AG-1", HZ, "key-HZ", "pk", "sig", "hash-1"), at(2)));

        DefaultUnitOfWork<EventMessage<?>> failed = batch();
        rest.forEach(this::deliver);
        // fails after the view was written: the rows roll back, and so must what the projection remembers
        failed.onPrepareCommit(u -> {
            throw new IllegalStateException("the token could not be stored");
        });
        assertThatThrownBy(failed::commit).hasMessageContaining("token");
        assertThat(find("AG-1").version()).isZero();

        DefaultUnitOfWork<EventMessage<?>> retry = batch();
        rest.forEach(this::deliver);
        retry.commit();

        AgreementStatusView view = find("AG-1");
        assertThat(view.version()).isEqualTo(2);
        assertThat(view).isEqualTo(foldOfDelivered("AG-1"));
        assertThat(projection.handle(new FindAgreementTermsQuery("AG-1")).termsHash()).isEqualTo("hash-1");
    }

    @Test
    void aViewChangedBehindItsBackFailsTheBatchAndTheRetryReadsTheTable() {
        given("AG-1", 0, new AgreementDraftedEvent("AG-1", HZ, draft("Agreement AG-1", "XINAN", HZ, HS)), 0);
        // another writer (say, another node that had the segment for a while) applied the next event
        DomainEventMessage<Object> opened = agreement("AG-1", 1,
                new AgreementOpenedForSignatureEvent("AG-1", HZ, "{}", "hash-1"), at(1));
        new AgreementStatusProjection(db.jdbc(), Events.objectMapper(), eventStore)
                .on((AgreementEvent) opened.getPayload(), opened);
        delivered.add(opened);
        DomainEventMessage<Object> signed = agreement("AG-1", 2,
                new AgreementSignedEvent("AG-1", HZ, "key-HZ", "pk", "sig", "hash-1"), at(2));

        DefaultUnitOfWork<EventMessage<?>> failed = batch();
        deliver(opened);
        deliver(signed);
        assertThatThrownBy(failed::commit).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("changed while version");

        DefaultUnitOfWork<EventMessage<?>> retry = batch();
        deliver(opened);
        deliver(signed);
        retry.commit();
        assertThat(find("AG-1").version()).isEqualTo(2);
        assertThat(find("AG-1").status()).isEqualTo(AgreementStatus.OPEN_FOR_SIGNATURE);
    }

    @Test
    void anAmendmentReplacesThePartiesForTheFilterAndVisibility() {
        agreementIn("AG-1", AgreementStatus.DRAFT, 0, "XINAN", HZ, HS);
        given("AG-1", 1, new AgreementAmendedEvent("AG-1", HS, draft("Agreement AG-1", "XINAN", HS, SH)), 1);

        assertThat(list(null, HZ, null, Caller.REGISTRAR)).isEmpty();
        assertThat(list(null, SH, null, Caller.REGISTRAR)).containsExactly("AG-1");
        assertThat(list(null, null, null, Caller.jurisdiction(HZ))).isEmpty();
        assertThat(list(null, null, null, Caller.jurisdiction(SH))).containsExactly("AG-1");
    }

    @Test
    void anEventOfAnAgreementThatWasNeverDraftedFailsLoudly() {
        DomainEventMessage<Object> opened = agreement("AG-9", 1,
                new AgreementOpenedForSignatureEvent("AG-9", HZ, "{}", "h"), at(0));

        assertThatThrownBy(() -> deliver(opened)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAgreementEventNotPublishedByAnAggregateIsRefused() {
        EventMessage<Object> plain = Events.plain(new AgreementDraftedEvent("AG-1", HZ, draft("t", "b", HZ)), at(0));

        assertThatThrownBy(() -> deliver(plain)).isInstanceOf(IllegalArgumentException.class);
        assertThat(find("AG-1")).isNull();
    }

    @Test
    void agreementEventsOfOtherAggregatesAreNotFolded() {
        agreementIn("AG-1", AgreementStatus.DRAFT, 0, "XINAN", HZ, HS);
        AgreementStatusView before = find("AG-1");

        projection.on(new TransferNoted("AG-1"),
                Events.domain("CompensationTransfer", "TR-1", 7, new TransferNoted("AG-1"), at(3), HZ));

        assertThat(find("AG-1")).isEqualTo(before);
    }

    record TransferNoted(String agreementId) implements AgreementEvent {
    }

    @Test
    void listsFilterByStatusPartyAndBasinNewestDraftedFirst() {
        fourAgreements();

        assertThat(list(null, null, null, Caller.REGISTRAR)).containsExactly("AG-D", "AG-C", "AG-B", "AG-A");
        assertThat(list(AgreementStatus.OPEN_FOR_SIGNATURE, null, null, Caller.REGISTRAR)).containsExactly("AG-B");
        assertThat(list(AgreementStatus.DRAFT, null, null, Caller.REGISTRAR)).containsExactly("AG-D", "AG-A");
        assertThat(list(null, HS, null, Caller.REGISTRAR)).containsExactly("AG-C", "AG-A");
        assertThat(list(null, null, "TAIHU", Caller.REGISTRAR)).containsExactly("AG-D", "AG-B");
        assertThat(list(AgreementStatus.DRAFT, SH, "TAIHU", Caller.REGISTRAR)).containsExactly("AG-D");
        assertThat(list(AgreementStatus.IN_FORCE, SH, null, Caller.REGISTRAR)).isEmpty();
    }

    @Test
    void theBasinFilterForgivesCaseAndApostrophes() {
        agreementIn("AG-X", AgreementStatus.DRAFT, 1, "Xin'an River", HZ, HS);
        agreementIn("AG-Y", AgreementStatus.DRAFT, 2, "Xin\u2019an River", HZ, HS);
        agreementIn("AG-Z", AgreementStatus.DRAFT, 3, "新安江", HZ, HS);

        for (String typed : List.of("Xin'an River", "xin'an river", "XINAN RIVER", "Xin\u2019an River", " xinan river ")) {
            assertThat(list(null, null, typed, Caller.REGISTRAR)).as(typed).containsExactly("AG-Y", "AG-X");
        }
        assertThat(list(null, null, "新安江", Caller.REGISTRAR)).containsExactly("AG-Z");
        assertThat(list(null, null, "Xin an River", Caller.REGISTRAR)).isEmpty();
    }

    @Test
    void thePublicAndMediatorsSeeOnlyAgreementsOpenedForSignature() {
        fourAgreements();

        assertThat(list(null, null, null, Caller.PUBLIC)).containsExactly("AG-C", "AG-B");
        assertThat(list(null, null, null, null)).containsExactly("AG-C", "AG-B");
        assertThat(list(null, null, null, Caller.mediator("M-1"))).containsExactly("AG-C", "AG-B");
        assertThat(list(null, HS, null, Caller.PUBLIC)).containsExactly("AG-C");
        assertThat(list(AgreementStatus.DRAFT, null, null, Caller.mediator("M-1"))).isEmpty();
    }

    @Test
    void aJurisdictionAlsoSeesTheDraftsItIsPartyTo() {
        fourAgreements();

        assertThat(list(null, null, null, Caller.jurisdiction(HZ))).containsExactly("AG-C", "AG-B", "AG-A");
        assertThat(list(null, null, null, Caller.jurisdiction(SH))).containsExactly("AG-D", "AG-C", "AG-B");
        assertThat(list(null, null, null, Caller.jurisdiction("CN-XX"))).containsExactly("AG-C", "AG-B");
        assertThat(list(null, SH, null, Caller.jurisdiction(HZ))).containsExactly("AG-B");
    }

    @Test
    void aRejectedAgreementIsPrivateAgainUntilReopened() {
        fourAgreements();
        given("AG-B", 2, new AgreementRejectedEvent("AG-B", SH, "numbers wrong", List.of()), 30);

        assertThat(list(AgreementStatus.DRAFT, null, null, Caller.PUBLIC)).doesNotContain("AG-B");
        assertThat(list(AgreementStatus.DRAFT, null, null, Caller.mediator("M-1"))).doesNotContain("AG-B");
        assertThat(list(AgreementStatus.DRAFT, null, null, Caller.REGISTRAR)).contains("AG-B");
        assertThat(find("AG-B").lastRejection().reason()).isEqualTo("numbers wrong");
    }

    @Test
    void listsArePaged() {
        fourAgreements();

        AgreementPage first = projection.handle(new ListAgreementsQuery(null, null, null, 0, 3, Caller.REGISTRAR));
        assertThat(ids(first.items())).containsExactly("AG-D", "AG-C", "AG-B");
        assertThat(first.page()).isZero();
        assertThat(first.size()).isEqualTo(3);
        assertThat(first.totalItems()).isEqualTo(4);
        assertThat(first.totalPages()).isEqualTo(2);

        AgreementPage second = projection.handle(new ListAgreementsQuery(null, null, null, 1, 3, Caller.REGISTRAR));
        assertThat(ids(second.items())).containsExactly("AG-A");
        assertThat(second.totalItems()).isEqualTo(4);

        AgreementPage beyond = projection.handle(new ListAgreementsQuery(null, null, null, 2, 3, Caller.REGISTRAR));
        assertThat(beyond.items()).isEmpty();

        AgreementPage publicPage = projection.handle(new ListAgreementsQuery(null, null, null, 0, 1, Caller.PUBLIC));
        assertThat(ids(publicPage.items())).containsExactly("AG-C");
        assertThat(publicPage.totalItems()).isEqualTo(2);
        assertThat(publicPage.totalPages()).isEqualTo(2);

        AgreementPage defaults = projection.handle(new ListAgreementsQuery(null, null, null, -1, 0, Caller.REGISTRAR));
        assertThat(defaults.size()).isEqualTo(AgreementStatusProjection.DEFAULT_PAGE_SIZE);
        assertThat(defaults.page()).isZero();
        assertThat(defaults.items()).hasSize(4);

        AgreementPage capped = projection.handle(new ListAgreementsQuery(null, null, null, 0, 10_000, Caller.REGISTRAR));
        assertThat(capped.size()).isEqualTo(AgreementStatusProjection.MAX_PAGE_SIZE);
    }

    @Test
    void termsAreKeptFromOpeningAndStopBeingCurrentOnRejection() {
        agreementIn("AG-1", AgreementStatus.DRAFT, 0, "XINAN", HZ, HS);
        assertThat(projection.handle(new FindAgreementTermsQuery("AG-1"))).isNull();

        given("AG-1", 1, new AgreementOpenedForSignatureEvent("AG-1", HZ, "{\"a\":1}", "hash-1"), 1);
        assertThat(projection.handle(new FindAgreementTermsQuery("AG-1")))
                .isEqualTo(new AgreementTermsDocument("AG-1", "{\"a\":1}", "hash-1", true));

        given("AG-1", 2, new AgreementRejectedEvent("AG-1", HS, "no", List.of()), 2);
        assertThat(projection.handle(new FindAgreementTermsQuery("AG-1")))
                .isEqualTo(new AgreementTermsDocument("AG-1", "{\"a\":1}", "hash-1", false));

        deliver(delivered.get(1));
        assertThat(projection.handle(new FindAgreementTermsQuery("AG-1")).current()).isFalse();

        given("AG-1", 3, new AgreementOpenedForSignatureEvent("AG-1", HZ, "{\"a\":2}", "hash-2"), 3);
        assertThat(projection.handle(new FindAgreementTermsQuery("AG-1")))
                .isEqualTo(new AgreementTermsDocument("AG-1", "{\"a\":2}", "hash-2", true));
        assertThat(projection.handle(new FindAgreementTermsQuery("AG-unknown"))).isNull();
    }

    @Test
    void asOfFoldsTheStoredEventsUpToThatInstant() {
        agreementIn("AG-1", AgreementStatus.IN_FORCE, 10, "XINAN", HZ, HS);

        assertThat(projection.handle(new FindAgreementStatusQuery("AG-1", at(9)))).isNull();
        AgreementStatusView atDraft = projection.handle(new FindAgreementStatusQuery("AG-1", at(10)));
        assertThat(atDraft.status()).isEqualTo(AgreementStatus.DRAFT);
        assertThat(atDraft.version()).isZero();
        AgreementStatusView open = projection.handle(new FindAgreementStatusQuery("AG-1", at(11).plusSeconds(30)));
        assertThat(open.status()).isEqualTo(AgreementStatus.OPEN_FOR_SIGNATURE);
        assertThat(open.version()).isEqualTo(1);
        assertThat(projection.handle(new FindAgreementStatusQuery("AG-1", at(1000)))).isEqualTo(find("AG-1"));
        assertThat(projection.handle(new FindAgreementStatusQuery("AG-unknown", at(1000)))).isNull();
    }

    @Test
    void aResetEmptiesTheTablesAndAReplayRebuildsThem() {
        fourAgreements();
        AgreementStatusView before = find("AG-C");
        List<EventMessage<?>> history = List.copyOf(delivered);

        projection.reset();
        assertThat(find("AG-C")).isNull();
        assertThat(projection.handle(new ListAgreementsQuery(null, null, null, 0, 10, Caller.REGISTRAR)).totalItems())
                .isZero();
        assertThat(projection.handle(new FindAgreementTermsQuery("AG-C"))).isNull();
        assertThat(db.count("agreement_party")).isZero();

        history.forEach(this::deliver);
        assertThat(find("AG-C")).isEqualTo(before);
        assertThat(list(null, null, null, Caller.REGISTRAR)).containsExactly("AG-D", "AG-C", "AG-B", "AG-A");
    }

    /** An event of the Agreement aggregate that the compliance projection records too. */
    private void recorded(String agreementId, long sequence, AgreementEvent payload, int minute) {
        given(agreementId, sequence, payload, minute);
        compliance.deliver(delivered.get(delivered.size() - 1));
    }

    /** A transfer created at {@code minute}; settled at {@code settledMinute} unless that is negative. */
    private void transferOf(String agreementId, String transferId, String amount, String currency, int minute,
                            int settledMinute) {
        transfers.deliver(transfer(transferId, 0,
                transferCreated(transferId, agreementId, HS, HZ, amount, currency), at(minute)));
        if (settledMinute >= 0) {
            transfers.deliver(transfer(transferId, 1, new TransferAcknowledgedEvent(transferId, agreementId, HS),
                    at(settledMinute - 1)));
            transfers.deliver(transfer(transferId, 2, new TransferPaidEvent(transferId, agreementId, HS, "ref",
                    at(settledMinute - 1)), at(settledMinute - 1)));
            transfers.deliver(transfer(transferId, 3, new TransferSettledEvent(transferId, agreementId, HZ),
                    at(settledMinute)));
        }
    }

    private static Outstanding outstanding(int count, String total) {
        return new Outstanding(count, Money.of(total, Money.CNY));
    }

    @Test
    void outstandingTransfersAndTheLastAssessmentAreComputedNowAndAsOf() {
        agreementIn("AG-1", AgreementStatus.IN_FORCE, 10, "XINAN", HZ, HS);
        agreementIn("AG-2", AgreementStatus.IN_FORCE, 11, "XINAN", HZ, HS);
        transferOf("AG-1", "TR-1", "100.00", "CNY", 20, 23);
        recorded("AG-1", 6, assessment("AG-1", "AS-1", "JIEKOU", "2025", true, "TR-1"), 25);
        transferOf("AG-1", "TR-2", "50.50", "CNY", 30, -1);
        recorded("AG-1", 7, assessment("AG-1", "AS-2", "JINZE", "2025-03", false, "TR-2"), 35);
        transferOf("AG-1", "TR-3", "0.01", "CNY", 40, -1);
        transfers.deliver(transfer("TR-3", 1, new TransferAcknowledgedEvent("TR-3", "AG-1", HS), at(41)));
        // AG-2: three outstanding, one of them in another currency: the total is that of the currency of most
        transferOf("AG-2", "TR-4", "7.00", "USD", 20, -1);
        transferOf("AG-2", "TR-5", "1.00", "CNY", 21, -1);
        transferOf("AG-2", "TR-6", "2.00", "CNY", 22, -1);

        AgreementStatusView now = find("AG-1");
        assertThat(now.outstanding()).isEqualTo(outstanding(2, "50.51"));
        assertThat(now.lastAssessment()).isEqualTo(new LastAssessment("AS-2", "JINZE", "2025-03", false, at(35)));
        assertThat(now.version()).isEqualTo(7);
        assertThat(now.updatedAt()).isEqualTo(at(35));
        assertThat(find("AG-2").outstanding()).isEqualTo(outstanding(3, "3.00"));
        assertThat(find("AG-2").lastAssessment()).isNull();

        AgreementStatusView beforeSettlement = projection.handle(new FindAgreementStatusQuery("AG-1",
                at(22).plusSeconds(30)));
        assertThat(beforeSettlement.outstanding()).isEqualTo(outstanding(1, "100.00"));
        assertThat(beforeSettlement.lastAssessment()).isNull();
        assertThat(beforeSettlement.version()).isEqualTo(5);
        AgreementStatusView atSettlement = projection.handle(new FindAgreementStatusQuery("AG-1", at(23)));
        assertThat(atSettlement.outstanding()).isEqualTo(outstanding(0, "0.00"));
        AgreementStatusView atSecondTransfer = projection.handle(new FindAgreementStatusQuery("AG-1", at(30)));
        assertThat(atSecondTransfer.outstanding()).isEqualTo(outstanding(1, "50.50"));
        assertThat(atSecondTransfer.lastAssessment())
                .isEqualTo(new LastAssessment("AS-1", "JIEKOU", "2025", true, at(25)));
        assertThat(atSecondTransfer.version()).isEqualTo(6);
        assertThat(projection.handle(new FindAgreementStatusQuery("AG-1", at(1000)))).isEqualTo(now);

        List<AgreementStatusView> listed = projection.handle(new ListAgreementsQuery(null, null, null, 0, 10,
                Caller.REGISTRAR)).items();
        assertThat(listed).extracting(AgreementStatusView::id, AgreementStatusView::outstanding)
                .containsExactly(tuple("AG-2", outstanding(3, "3.00")), tuple("AG-1", outstanding(2, "50.51")));
        assertThat(listed.get(1)).isEqualTo(now);
        // the stored view folds none of it
        assertThat(projection.storedView("AG-1").outstanding()).isEqualTo(outstanding(0, "0.00"));
        assertThat(projection.storedView("AG-1").lastAssessment()).isNull();
    }

    private AgreementStatusView asOf(String agreementId, int minute) {
        return projection.handle(new FindAgreementStatusQuery(agreementId, at(minute)));
    }

    @Test
    void openDisputesAreCountedNowAndAsOf() {
        agreementIn("AG-1", AgreementStatus.IN_FORCE, 10, "XINAN", HZ, HS);
        agreementIn("AG-2", AgreementStatus.IN_FORCE, 11, "XINAN", HZ, HS);
        Subject whole = new Subject(SubjectType.AGREEMENT, "AG-1");
        Subject tr1 = new Subject(SubjectType.TRANSFER, "TR-1");
        disputes.raised("D-1", "AG-1", whole, HZ, HS, 20);
        given("AG-1", 6, new SubjectDisputedEvent("AG-1", "D-1", whole, null), 20);
        disputes.raised("D-4", "AG-2", new Subject(SubjectType.AGREEMENT, "AG-2"), HS, HZ, 22);
        disputes.raised("D-2", "AG-1", tr1, HS, HZ, 25);
        disputes.assigned("D-2", "AG-1", "M-1", 26);
        disputes.raised("D-3", "AG-1", tr1, HZ, HS, 30);
        disputes.withdrawn("D-3", "AG-1", tr1, HZ, 1, 35);
        disputes.assigned("D-1", "AG-1", "M-2", 36);
        disputes.ruled("D-1", "AG-1", whole, "M-2", 2, RulingOutcome.UPHELD, null, 40);
        given("AG-1", 7, new SubjectDisputeClosedEvent("AG-1", "D-1", whole, RulingOutcome.UPHELD,
                SubjectConsequence.RECORDED), 40);

        AgreementStatusView now = find("AG-1");
        assertThat(now.openDisputes()).isEqualTo(1);
        assertThat(now.version()).isEqualTo(7);
        assertThat(now.updatedAt()).isEqualTo(at(40));
        assertThat(find("AG-2").openDisputes()).isEqualTo(1);
        assertThat(projection.storedView("AG-1").openDisputes()).isZero();
        assertThat(projection.handle(new ListAgreementsQuery(null, null, null, 0, 10, Caller.REGISTRAR)).items())
                .extracting(AgreementStatusView::id, AgreementStatusView::openDisputes)
                .containsExactly(tuple("AG-2", 1), tuple("AG-1", 1));

        assertThat(asOf("AG-1", 19).openDisputes()).isZero();
        assertThat(asOf("AG-1", 19).version()).isEqualTo(5);
        assertThat(asOf("AG-1", 20).openDisputes()).isEqualTo(1);
        assertThat(asOf("AG-1", 20).version()).isEqualTo(6);
        assertThat(asOf("AG-1", 25).openDisputes()).isEqualTo(2);
        assertThat(asOf("AG-1", 30).openDisputes()).isEqualTo(3);
        // withdrawn at 35, ruled at 40: no longer open at those instants
        assertThat(asOf("AG-1", 35).openDisputes()).isEqualTo(2);
        assertThat(asOf("AG-1", 39).openDisputes()).isEqualTo(2);
        assertThat(asOf("AG-1", 40).openDisputes()).isEqualTo(1);
        assertThat(asOf("AG-1", 1000)).isEqualTo(now);
        assertThat(asOf("AG-2", 21).openDisputes()).isZero();
        assertThat(asOf("AG-2", 22).openDisputes()).isEqualTo(1);
    }

    @Test
    void outstandingFollowsDisputedAdjustedAndCancelledTransfersNowAndAsOf() {
        agreementIn("AG-1", AgreementStatus.IN_FORCE, 10, "XINAN", HZ, HS);
        transferOf("AG-1", "TR-1", "100.00", "CNY", 20, -1);
        transferOf("AG-1", "TR-2", "40.00", "CNY", 21, -1);
        transfers.deliver(transfer("TR-1", 1, new TransferDisputedEvent("TR-1", "AG-1", "D-1", TransferStatus.DUE),
                at(30)));
        transfers.deliver(transfer("TR-1", 2, new TransferAdjustedEvent("TR-1", "AG-1", "D-1",
                Money.of("100.00", "CNY"), Money.of("60.00", "CNY")), at(40)));
        transfers.deliver(transfer("TR-2", 1, new TransferDisputedEvent("TR-2", "AG-1", "D-2", TransferStatus.DUE),
                at(45)));
        transfers.deliver(transfer("TR-1", 3, new TransferDisputedEvent("TR-1", "AG-1", "D-3", TransferStatus.DUE),
                at(50)));
        transfers.deliver(transfer("TR-1", 4, new TransferAdjustedEvent("TR-1", "AG-1", "D-3",
                Money.of("60.00", "CNY"), Money.of("55.55", "CNY")), at(60)));
        transfers.deliver(transfer("TR-2", 2, new TransferCancelledEvent("TR-2", "AG-1", "D-2"), at(70)));

        assertThat(find("AG-1").outstanding()).isEqualTo(outstanding(1, "55.55"));
        // a disputed transfer is still owed, at the amount it had then
        assertThat(asOf("AG-1", 35).outstanding()).isEqualTo(outstanding(2, "140.00"));
        assertThat(asOf("AG-1", 39).outstanding()).isEqualTo(outstanding(2, "140.00"));
        assertThat(asOf("AG-1", 40).outstanding()).isEqualTo(outstanding(2, "100.00"));
        assertThat(asOf("AG-1", 59).outstanding()).isEqualTo(outstanding(2, "100.00"));
        assertThat(asOf("AG-1", 60).outstanding()).isEqualTo(outstanding(2, "95.55"));
        assertThat(asOf("AG-1", 69).outstanding()).isEqualTo(outstanding(2, "95.55"));
        assertThat(asOf("AG-1", 70).outstanding()).isEqualTo(outstanding(1, "55.55"));
    }

    @Test
    void aSettledTransferUnderDisputeAndItsRulingsRefundCountAsOwedOnlyForTheRefund() {
        agreementIn("AG-1", AgreementStatus.IN_FORCE, 10, "XINAN", HZ, HS);
        transferOf("AG-1", "TR-1", "100.00", "CNY", 20, 25);
        transfers.deliver(transfer("TR-1", 4, new TransferDisputedEvent("TR-1", "AG-1", "D-1",
                TransferStatus.SETTLED), at(30)));
        // settled money stays settled while its transfer is disputed
        assertThat(find("AG-1").outstanding()).isEqualTo(outstanding(0, "0.00"));

        transfers.deliver(transfer("TR-1", 5, new TransferCorrectedEvent("TR-1", "AG-1", "D-1",
                Money.of("100.00", "CNY"), Money.of("70.00", "CNY"), TransferStatus.SETTLED, "TR-1-REFUND",
                TransferSource.REFUND, HZ, HS, Money.of("30.00", "CNY")), at(40)));
        transfers.deliver(transfer("TR-1-REFUND", 0, new TransferCreatedEvent("TR-1-REFUND", "AG-1", HZ, HS,
                Money.of("30.00", "CNY"), "refund", TransferSource.REFUND, "D-1", "TR-1"), at(40)));

        assertThat(find("AG-1").outstanding()).isEqualTo(outstanding(1, "30.00"));
        assertThat(asOf("AG-1", 35).outstanding()).isEqualTo(outstanding(0, "0.00"));
        assertThat(asOf("AG-1", 40).outstanding()).isEqualTo(outstanding(1, "30.00"));
    }

    @Test
    void theLastAssessmentIsTheLastOneNotAnnulledNowAndAsOf() {
        agreementIn("AG-1", AgreementStatus.IN_FORCE, 10, "XINAN", HZ, HS);
        Subject as2 = new Subject(SubjectType.ASSESSMENT, "AS-2");
        recorded("AG-1", 6, assessment("AG-1", "AS-1", "JIEKOU", "2025", false, "TR-1"), 20);
        recorded("AG-1", 7, assessment("AG-1", "AS-2", "JINZE", "2025-03", true, null), 25);
        recorded("AG-1", 8, new SubjectDisputedEvent("AG-1", "D-1", as2, null), 30);
        recorded("AG-1", 9, new SubjectDisputeClosedEvent("AG-1", "D-1", as2, RulingOutcome.UPHELD,
                SubjectConsequence.ASSESSMENT_ANNULLED), 40);

        LastAssessment first = new LastAssessment("AS-1", "JIEKOU", "2025", false, at(20));
        LastAssessment annulled = new LastAssessment("AS-2", "JINZE", "2025-03", true, at(25));
        assertThat(find("AG-1").lastAssessment()).isEqualTo(first);
        assertThat(find("AG-1").version()).isEqualTo(9);
        assertThat(asOf("AG-1", 35).lastAssessment()).isEqualTo(annulled);
        assertThat(asOf("AG-1", 40).lastAssessment()).isEqualTo(first);

        recorded("AG-1", 10, assessment("AG-1", "AS-3", "JINZE", "2025-03", true, null), 50);
        assertThat(find("AG-1").lastAssessment())
                .isEqualTo(new LastAssessment("AS-3", "JINZE", "2025-03", true, at(50)));
        assertThat(asOf("AG-1", 45).lastAssessment()).isEqualTo(first);
    }

    @Test
    void theRowKeepsWhenTheAgreementEnteredIntoForce() {
        fourAgreements();

        assertThat(db.jdbc().getJdbcOperations().queryForList(
                "SELECT agreement_id FROM agreement_status WHERE in_force_at IS NOT NULL", String.class))
                .containsExactly("AG-C");
        OffsetDateTime inForceAt = db.jdbc().getJdbcOperations().queryForObject(
                "SELECT in_force_at FROM agreement_status WHERE agreement_id = 'AG-C'", OffsetDateTime.class);
        assertThat(inForceAt.toInstant()).isEqualTo(find("AG-C").inForceAt()).isEqualTo(at(23));
    }

    /** A: draft HZ+HS Xin'an; B: open HZ+SH Taihu; C: in force HS+AH Xin'an; D: draft SH Taihu. */
    private Map<String, List<Map<String, Object>>> statusTables() {
        Map<String, List<Map<String, Object>>> tables = new java.util.LinkedHashMap<>();
        for (String table : List.of("agreement_status", "agreement_party", "agreement_terms")) {
            List<Map<String, Object>> rows = new ArrayList<>(
                    db.jdbc().getJdbcOperations().queryForList("SELECT * FROM " + table));
            rows.sort(java.util.Comparator.comparing(Object::toString));
            tables.put(table, rows);
        }
        return tables;
    }

    /**
     * A rebuild's instance reads no row it never wrote, deletes no parties it never stored and inserts terms without
     * trying an update first: its tables are the live instance's, also when an agreement's events span batches, are
     * amended, rejected and opened again.
     */
    @Test
    void anInstanceToldItRebuildsIntoEmptyTablesWritesExactlyTheRowsOfTheLiveOne() {
        fourAgreements();
        given("AG-A", 1, new AgreementAmendedEvent("AG-A", HS, draft("Agreement AG-A", "XINAN", HS, SH)), 40);
        given("AG-A", 2, new AgreementOpenedForSignatureEvent("AG-A", HZ, "{\"a\":1}", "hash-1"), 41);
        given("AG-A", 3, new AgreementRejectedEvent("AG-A", HS, "no", List.of()), 42);
        given("AG-A", 4, new AgreementOpenedForSignatureEvent("AG-A", HZ, "{\"a\":2}", "hash-2"), 43);
        Map<String, List<Map<String, Object>>> live = statusTables();
        assertThat(live.get("agreement_status")).hasSize(4);
        assertThat(live.get("agreement_terms")).isNotEmpty();
        List<EventMessage<?>> events = List.copyOf(delivered);

        for (int size : List.of(1, 3, events.size())) {
            db.clean();
            projection = new AgreementStatusProjection(db.jdbc(), Events.objectMapper(), eventStore);
            projection.rebuildingIntoEmptyTables();
            for (int from = 0; from < events.size(); from += size) {
                DefaultUnitOfWork<EventMessage<?>> unitOfWork = batch();
                events.subList(from, Math.min(events.size(), from + size)).forEach(this::deliver);
                unitOfWork.commit();
            }
            assertThat(statusTables()).as("rebuilt in batches of %d", size).isEqualTo(live);
        }
    }

    private void fourAgreements() {
        agreementIn("AG-A", AgreementStatus.DRAFT, 0, "XINAN", HZ, HS);
        agreementIn("AG-B", AgreementStatus.OPEN_FOR_SIGNATURE, 10, "TAIHU", HZ, SH);
        agreementIn("AG-C", AgreementStatus.IN_FORCE, 20, "XINAN", HS, AH);
        agreementIn("AG-D", AgreementStatus.DRAFT, 30, "TAIHU", SH);
    }
}
