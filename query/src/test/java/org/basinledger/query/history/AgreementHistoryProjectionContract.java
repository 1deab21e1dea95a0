package org.basinledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.basinledger.query.support.Agreements.HS;
import static org.basinledger.query.support.Agreements.HZ;
import static org.basinledger.query.support.Agreements.draft;
import static org.basinledger.query.support.Events.agreement;
import static org.basinledger.query.support.Events.at;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.basinledger.api.agreement.AgreementDraftedEvent;
import org.basinledger.api.agreement.AgreementEnteredIntoForceEvent;
import org.basinledger.api.agreement.AgreementEvent;
import org.basinledger.api.agreement.AgreementExpiredEvent;
import org.basinledger.api.agreement.AgreementHistoryPage;
import org.basinledger.api.agreement.AgreementHistoryPage.Entry;
import org.basinledger.api.agreement.AgreementOpenedForSignatureEvent;
import org.basinledger.api.agreement.AgreementTerminatedEvent;
import org.basinledger.api.agreement.FindAgreementHistoryQuery;
import org.basinledger.api.agreement.ObligationOverdueEvent;
import org.basinledger.api.common.Money;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.FixedContributionFellDueEvent;
import org.basinledger.api.transfer.TransferAcknowledgedEvent;
import org.basinledger.api.transfer.TransferCreatedEvent;
import org.basinledger.api.transfer.TransferPaidEvent;
import org.basinledger.api.transfer.TransferSettledEvent;
import org.basinledger.query.support.Compliance;
import org.basinledger.query.support.Events;
import org.basinledger.query.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The history projection against a real database; subclasses choose H2 or PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgreementHistoryProjectionContract {

    private final ObjectMapper objectMapper = Events.objectMapper();
    private TestDatabase db;
    private AgreementHistoryProjection projection;

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
        projection = new AgreementHistoryProjection(db.jdbc(), objectMapper);
    }

    /** An event of another aggregate that concerns an agreement, as transfers and disputes will have. */
    record TransferDue(String agreementId, String transferId) implements AgreementEvent {
    }

    private void deliver(EventMessage<?> message) {
        projection.on((AgreementEvent) message.getPayload(), message);
    }

    private AgreementHistoryPage page(String agreementId, long after, int limit) {
        return projection.handle(new FindAgreementHistoryQuery(agreementId, after, limit));
    }

    private static List<Long> sequences(AgreementHistoryPage page) {
        return page.items().stream().map(Entry::sequence).toList();
    }

    /** {@code count} events of the Agreement aggregate AG-1, opened and terminated alternately after the draft. */
    private void manyEvents(int count) {
        deliver(agreement("AG-1", 0, new AgreementDraftedEvent("AG-1", HZ, draft("t", "b", HZ, HS)), at(0)));
        for (int i = 1; i < count; i++) {
            deliver(agreement("AG-1", i, new AgreementOpenedForSignatureEvent("AG-1", HZ, "{}", "h" + i), at(i)));
        }
    }

    @Test
    void everyEventOfAnAgreementIsNumberedPerAgreementWithItsMetadata() throws Exception {
        deliver(agreement("AG-1", 0, new AgreementDraftedEvent("AG-1", HZ, draft("t", "XINAN", HZ, HS)), at(0)));
        deliver(agreement("AG-2", 0, new AgreementDraftedEvent("AG-2", HS, draft("u", "TAIHU", HS)), at(1)));
        deliver(Events.domain("CompensationTransfer", "TR-1", 0, new TransferDue("AG-1", "TR-1"), at(2), HS));
        deliver(agreement("AG-1", 1, new AgreementTerminatedEvent("AG-1", HS, "done"), at(3)));

        AgreementHistoryPage history = page("AG-1", 0, 10);

        assertThat(history.agreementId()).isEqualTo("AG-1");
        assertThat(history.nextAfter()).isNull();
        assertThat(history.items()).extracting(Entry::sequence, Entry::type, Entry::aggregateType, Entry::aggregateId,
                        Entry::aggregateSequence)
                .containsExactly(
                        tuple(1L, "AgreementDrafted", "Agreement", "AG-1", 0L),
                        tuple(2L, "TransferDue", "CompensationTransfer", "TR-1", 0L),
                        tuple(3L, "AgreementTerminated", "Agreement", "AG-1", 1L));
        Entry first = history.items().get(0);
        assertThat(first.eventId()).isEqualTo("evt-Agreement-AG-1-0");
        assertThat(first.occurredAt()).isEqualTo(at(0));
        assertThat(first.actor()).isEqualTo("jurisdiction:" + HZ);
        assertThat(first.actorJurisdiction()).isEqualTo(HZ);
        assertThat(first.requestId()).isEqualTo("req-AG-1-0");
        assertThat(first.correlationId()).isEqualTo("corr-AG-1-0");
        assertThat(first.leafIndex()).isNull();
        JsonNode payload = objectMapper.readTree(first.payload());
        assertThat(payload.get("agreementId").asText()).isEqualTo("AG-1");
        assertThat(payload.at("/draft/basin").asText()).isEqualTo("XINAN");
        assertThat(objectMapper.readValue(first.payload(), AgreementDraftedEvent.class).draft().title()).isEqualTo("t");
        assertThat(history.items().get(1).actorJurisdiction()).isEqualTo(HS);

        assertThat(sequences(page("AG-2", 0, 10))).containsExactly(1L);
        assertThat(page("AG-unknown", 0, 10)).isEqualTo(new AgreementHistoryPage("AG-unknown", List.of(), null));
    }

    @Test
    void reportsAssessmentsAndTransfersOfAnAgreementAreInItsHistoryInOrder() throws Exception {
        deliver(agreement("AG-1", 0, new AgreementDraftedEvent("AG-1", HZ, draft("t", "XINAN", HZ, HS)), at(0)));
        deliver(agreement("AG-1", 1, Compliance.report("AG-1", "R-1", "JIEKOU", "2025", "10.50"), at(1)));
        deliver(agreement("AG-1", 2, Compliance.assessment("AG-1", "AS-1", "JIEKOU", "2025", false, "TR-1"), at(2)));
        deliver(Events.transfer("TR-1", 0, Compliance.transferCreated("TR-1", "AG-1", HS, HZ, "100000000.10", "CNY"),
                at(2)));
        deliver(Events.transfer("TR-2", 0, Compliance.transferCreated("TR-2", "AG-2", HS, HZ, "1.00", "CNY"), at(3)));
        deliver(Events.transfer("TR-1", 1, new TransferAcknowledgedEvent("TR-1", "AG-1", HS), at(4)));
        deliver(agreement("AG-1", 3, new FixedContributionFellDueEvent("AG-1", 0, 1, "2026", "CN-MOF", HS,
                Money.of("300000000.00", Money.CNY), at(5), "TR-3"), at(5)));
        deliver(Events.transfer("TR-1", 2, new TransferPaidEvent("TR-1", "AG-1", HS, "REF", at(6)), at(6)));
        deliver(Events.transfer("TR-1", 3, new TransferSettledEvent("TR-1", "AG-1", HZ), at(7)));

        AgreementHistoryPage history = page("AG-1", 0, 20);

        assertThat(history.items()).extracting(Entry::sequence, Entry::type, Entry::aggregateType, Entry::aggregateId,
                        Entry::aggregateSequence, Entry::occurredAt)
                .containsExactly(
                        tuple(1L, "AgreementDrafted", "Agreement", "AG-1", 0L, at(0)),
                        tuple(2L, "MonitoringReportSubmitted", "Agreement", "AG-1", 1L, at(1)),
                        tuple(3L, "AssessmentRecorded", "Agreement", "AG-1", 2L, at(2)),
                        tuple(4L, "TransferCreated", "CompensationTransfer", "TR-1", 0L, at(2)),
                        tuple(5L, "TransferAcknowledged", "CompensationTransfer", "TR-1", 1L, at(4)),
                        tuple(6L, "FixedContributionFellDue", "Agreement", "AG-1", 3L, at(5)),
                        tuple(7L, "TransferPaid", "CompensationTransfer", "TR-1", 2L, at(6)),
                        tuple(8L, "TransferSettled", "CompensationTransfer", "TR-1", 3L, at(7)));
        TransferCreatedEvent created = objectMapper.readValue(history.items().get(3).payload(),
                TransferCreatedEvent.class);
        assertThat(created.amount()).isEqualTo(Money.of("100000000.10", Money.CNY));
        AssessmentRecordedEvent assessed = objectMapper.readValue(history.items().get(2).payload(),
                AssessmentRecordedEvent.class);
        assertThat(assessed.result().index()).isEqualByComparingTo("1.0200");
        assertThat(page("AG-2", 0, 20).items()).extracting(Entry::sequence, Entry::type, Entry::aggregateId)
                .containsExactly(tuple(1L, "TransferCreated", "TR-2"));
    }

    /** Events stored before the ledger's steps were attributed to it carry the last command's sender. */
    @Test
    void theLedgersOwnStepsAreTheLedgersWhateverTheirMetadataSays() {
        deliver(agreement("AG-1", 0, new AgreementDraftedEvent("AG-1", HZ, draft("t", "b", HZ, HS)), at(0)));
        deliver(agreement("AG-1", 1, new AgreementEnteredIntoForceEvent("AG-1", LocalDate.of(2025, 1, 1)), at(1)));
        deliver(agreement("AG-1", 2, new ObligationOverdueEvent("AG-1", "OB-1", HS, LocalDate.of(2025, 2, 1)), at(2)));
        deliver(agreement("AG-1", 3, new AgreementExpiredEvent("AG-1", LocalDate.of(2025, 12, 31)), at(3)));

        assertThat(page("AG-1", 0, 10).items()).extracting(Entry::type, Entry::actor, Entry::actorJurisdiction)
                .containsExactly(
                        tuple("AgreementDrafted", "jurisdiction:" + HZ, HZ),
                        tuple("AgreementEnteredIntoForce", "ledger", null),
                        tuple("ObligationOverdue", "ledger", null),
                        tuple("AgreementExpired", "ledger", null));
    }

    @Test
    void anEventWithoutAnAggregateIsRecordedWithoutAggregateDetails() {
        deliver(Events.plain(new TransferDue("AG-1", "TR-1"), at(0)));

        Entry entry = page("AG-1", 0, 10).items().get(0);
        assertThat(entry.type()).isEqualTo("TransferDue");
        assertThat(entry.aggregateType()).isNull();
        assertThat(entry.aggregateId()).isNull();
        assertThat(entry.aggregateSequence()).isEqualTo(AgreementHistoryProjection.NO_AGGREGATE_SEQUENCE);
        assertThat(entry.actor()).isNull();
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        manyEvents(7);

        AgreementHistoryPage first = page("AG-1", 0, 3);
        assertThat(sequences(first)).containsExactly(1L, 2L, 3L);
        assertThat(first.nextAfter()).isEqualTo(3L);
        AgreementHistoryPage second = page("AG-1", first.nextAfter(), 3);
        assertThat(sequences(second)).containsExactly(4L, 5L, 6L);
        assertThat(second.nextAfter()).isEqualTo(6L);
        AgreementHistoryPage last = page("AG-1", second.nextAfter(), 3);
        assertThat(sequences(last)).containsExactly(7L);
        assertThat(last.nextAfter()).isNull();
        assertThat(page("AG-1", 7, 3).items()).isEmpty();
        assertThat(sequences(page("AG-1", 5, 100))).containsExactly(6L, 7L);
    }

    @Test
    void theLimitDefaultsTo100AndIsCappedAt500() {
        manyEvents(520);

        AgreementHistoryPage defaulted = page("AG-1", 0, 0);
        assertThat(defaulted.items()).hasSize(AgreementHistoryProjection.DEFAULT_LIMIT);
        assertThat(defaulted.nextAfter()).isEqualTo(100L);

        AgreementHistoryPage capped = page("AG-1", 0, 10_000);
        assertThat(capped.items()).hasSize(AgreementHistoryProjection.MAX_LIMIT);
        assertThat(capped.nextAfter()).isEqualTo(500L);
        assertThat(sequences(page("AG-1", 500, 10_000))).hasSize(20).startsWith(501L).endsWith(520L);
    }

    @Test
    void aRedeliveredEventIsStoredOnce() {
        EventMessage<?> drafted = agreement("AG-1", 0, new AgreementDraftedEvent("AG-1", HZ, draft("t", "b", HZ)), at(0));
        deliver(drafted);
        deliver(drafted);
        deliver(agreement("AG-1", 1, new AgreementTerminatedEvent("AG-1", HZ, "r"), at(1)));
        deliver(drafted);

        assertThat(page("AG-1", 0, 10).items()).extracting(Entry::sequence, Entry::type)
                .containsExactly(tuple(1L, "AgreementDrafted"),
                        tuple(2L, "AgreementTerminated"));
        assertThat(db.count("agreement_history")).isEqualTo(2);
    }

    @Test
    void aResetEmptiesTheHistoryAndAReplayNumbersItAgainFromOne() {
        manyEvents(3);
        AgreementHistoryPage before = page("AG-1", 0, 10);

        projection.reset();
        assertThat(page("AG-1", 0, 10).items()).isEmpty();

        manyEvents(3);
        assertThat(page("AG-1", 0, 10)).isEqualTo(before);
    }

    /** A unit of work as the processor's batch has it, in a real transaction on the test database. */
    private DefaultUnitOfWork<EventMessage<?>> batch(EventMessage<?> first) {
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(first);
        unitOfWork.attachTransaction(new SpringTransactionManager(
                new DataSourceTransactionManager(db.jdbc().getJdbcTemplate().getDataSource())));
        return unitOfWork;
    }

    @Test
    void aBatchsRowsAreWrittenTogetherWhenItCommitsAndAnEventRedeliveredInItIsStoredOnce() {
        deliver(agreement("AG-1", 0, new AgreementDraftedEvent("AG-1", HZ, draft("t", "b", HZ, HS)), at(0)));
        EventMessage<?> opened = agreement("AG-1", 1, new AgreementOpenedForSignatureEvent("AG-1", HZ, "{}", "h"), at(1));
        EventMessage<?> terminated = agreement("AG-1", 2, new AgreementTerminatedEvent("AG-1", HS, "r"), at(2));

        DefaultUnitOfWork<EventMessage<?>> unitOfWork = batch(opened);
        deliver(opened);
        deliver(terminated);
        deliver(opened);
        assertThat(db.count("agreement_history")).isEqualTo(1);
        unitOfWork.commit();

        assertThat(page("AG-1", 0, 10).items()).extracting(Entry::sequence, Entry::type)
                .containsExactly(tuple(1L, "AgreementDrafted"), tuple(2L, "AgreementOpenedForSignature"),
                        tuple(3L, "AgreementTerminated"));
    }

    @Test
    void aBatchThatRollsBackIsNumberedAgainFromTheTable() {
        deliver(agreement("AG-1", 0, new AgreementDraftedEvent("AG-1", HZ, draft("t", "b", HZ, HS)), at(0)));
        EventMessage<?> opened = agreement("AG-1", 1, new AgreementOpenedForSignatureEvent("AG-1", HZ, "{}", "h"), at(1));
        EventMessage<?> terminated = agreement("AG-1", 2, new AgreementTerminatedEvent("AG-1", HS, "r"), at(2));

        DefaultUnitOfWork<EventMessage<?>> failed = batch(opened);
        deliver(opened);
        deliver(terminated);
        failed.rollback(new IllegalStateException("the batch failed"));
        assertThat(db.count("agreement_history")).isEqualTo(1);

        DefaultUnitOfWork<EventMessage<?>> retry = batch(opened);
        deliver(opened);
        deliver(terminated);
        retry.commit();

        assertThat(page("AG-1", 0, 10).items()).extracting(Entry::sequence, Entry::type)
                .containsExactly(tuple(1L, "AgreementDrafted"), tuple(2L, "AgreementOpenedForSignature"),
                        tuple(3L, "AgreementTerminated"));
    }

    @Test
    void aSequenceTakenBehindItsBackFailsTheBatchAndTheRetryNumbersFromTheTable() {
        deliver(agreement("AG-1", 0, new AgreementDraftedEvent("AG-1", HZ, draft("t", "b", HZ, HS)), at(0)));
        // another writer (say, another node that had the segment for a while) stored the next entry
        AgreementHistoryProjection other = new AgreementHistoryProjection(db.jdbc(), objectMapper);
        other.on(new AgreementTerminatedEvent("AG-1", HS, "r"),
                agreement("AG-1", 1, new AgreementTerminatedEvent("AG-1", HS, "r"), at(1)));
        EventMessage<?> later = agreement("AG-1", 2, new AgreementOpenedForSignatureEvent("AG-1", HZ, "{}", "h"), at(2));

        // the batch's rows are written when it commits: there the stale sequence fails it, and it rolls back
        DefaultUnitOfWork<EventMessage<?>> failed = batch(later);
        deliver(later);
        assertThatThrownBy(failed::commit).isInstanceOf(DuplicateKeyException.class);
        assertThat(failed.isRolledBack()).isTrue();

        DefaultUnitOfWork<EventMessage<?>> retry = batch(later);
        deliver(later);
        retry.commit();
        assertThat(sequences(page("AG-1", 0, 10))).containsExactly(1L, 2L, 3L);
    }

    /** The events of three agreements of several aggregates, interleaved, delivered in batches of {@code batch}. */
    private void interleaved(int batch) {
        List<EventMessage<?>> events = new java.util.ArrayList<>();
        for (int a = 1; a <= 3; a++) {
            events.add(agreement("AG-" + a, 0, new AgreementDraftedEvent("AG-" + a, HZ, draft("t", "b", HZ, HS)), at(a)));
        }
        for (int i = 1; i <= 6; i++) {
            String id = "AG-" + (i % 3 + 1);
            events.add(agreement(id, i, new AgreementOpenedForSignatureEvent(id, HZ, "{}", "h" + i), at(10 + i)));
            events.add(Events.domain("CompensationTransfer", "TR-" + i, 0, new TransferDue(id, "TR-" + i), at(10 + i),
                    HS));
        }
        for (int from = 0; from < events.size(); from += batch) {
            List<EventMessage<?>> page = events.subList(from, Math.min(events.size(), from + batch));
            DefaultUnitOfWork<EventMessage<?>> unitOfWork = batch(page.get(0));
            page.forEach(this::deliver);
            unitOfWork.commit();
        }
    }

    private List<java.util.Map<String, Object>> allRows() {
        return db.jdbc().getJdbcTemplate().queryForList("SELECT agreement_id, sequence, event_id, type, aggregate_type,"
                + " aggregate_id, aggregate_sequence, occurred_at, actor, actor_jurisdiction, request_id, correlation_id,"
                + " payload FROM agreement_history ORDER BY agreement_id, sequence");
    }

    /** A rebuild's instance skips the redelivery check and the table's MAX: its rows are the live processor's. */
    @Test
    void anInstanceToldItRebuildsIntoEmptyTablesWritesExactlyTheRowsOfTheLiveOne() {
        interleaved(4);
        List<java.util.Map<String, Object>> live = allRows();
        assertThat(live).hasSize(15);

        db.clean();
        projection = new AgreementHistoryProjection(db.jdbc(), objectMapper);
        projection.rebuildingIntoEmptyTables();
        interleaved(5);

        assertThat(allRows()).isEqualTo(live);
        assertThat(sequences(page("AG-2", 0, 10))).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void theTypeIsTheEventClassNameWithoutEvent() {
        assertThat(AgreementHistoryProjection.typeName(new AgreementTerminatedEvent("A", "B", "C")))
                .isEqualTo("AgreementTerminated");
        assertThat(AgreementHistoryProjection.typeName(new TransferDue("A", "T"))).isEqualTo("TransferDue");
    }
}
