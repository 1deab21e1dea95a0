package org.basinledger.command.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.basinledger.command.agreement.AgreementTestData.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementTestData.ANHUI;
import static org.basinledger.command.agreement.AgreementTestData.JIEKOU;
import static org.basinledger.command.agreement.AgreementTestData.ZHEJIANG;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.compliance.AssessSectionCommand;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.dispute.AssignMediatorCommand;
import org.basinledger.api.dispute.DisputeRaisedEvent;
import org.basinledger.api.dispute.RaiseDisputeCommand;
import org.basinledger.api.dispute.RuleOnDisputeCommand;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectConsequence;
import org.basinledger.api.dispute.SubjectDisputeClosedEvent;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.api.dispute.WithdrawDisputeCommand;
import org.basinledger.api.transfer.TransferCancelledEvent;
import org.basinledger.api.transfer.TransferCreatedEvent;
import org.basinledger.api.transfer.TransferDisputedEvent;
import org.basinledger.api.transfer.TransferReleasedEvent;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.command.agreement.Agreement;
import org.basinledger.command.agreement.AgreementDirectory;
import org.basinledger.command.agreement.AgreementTestData;
import org.basinledger.command.agreement.EventStoreStoredReports;
import org.basinledger.command.agreement.RepositoryAgreementDirectory;
import org.basinledger.command.agreement.StoredReports;
import org.basinledger.command.registry.JurisdictionDirectory;
import org.basinledger.command.registry.MediatorDirectory;
import org.basinledger.command.support.FakeJurisdictionDirectory;
import org.basinledger.command.support.FakeMediatorDirectory;
import org.basinledger.command.transfer.CompensationTransfer;
import org.basinledger.command.transfer.TransferCreation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dispute and its effects wired as the ledger runs them, in memory: the saga's and the transfer creation's
 * groups as subscribing processors whose handler errors propagate, so an effect runs inside the dispute command
 * and a subject's refusal is the dispute command's answer.
 */
class DisputeFlowTest {

    private static final Instant EARLY_2026 = Instant.parse("2026-01-05T02:00:00Z");
    private static final String MEDIATOR = "TAIHU-BASIN-AUTHORITY";
    private static final Subject ASSESSMENT_1 = new Subject(SubjectType.ASSESSMENT, "A-1");

    private final Clock ledgerClock = GenericEventMessage.clock;
    private Configuration axon;
    private CommandGateway commands;
    private EventStore events;

    @BeforeEach
    void setUp() {
        GenericEventMessage.clock = Clock.fixed(EARLY_2026, ZoneOffset.UTC);
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Agreement.class)
                .configureAggregate(Dispute.class)
                .configureAggregate(CompensationTransfer.class)
                .registerComponent(AgreementDirectory.class,
                        c -> RepositoryAgreementDirectory.lazily(() -> c.repository(Agreement.class)))
                .registerComponent(JurisdictionDirectory.class, c -> new FakeJurisdictionDirectory())
                .registerComponent(StoredReports.class, c -> new EventStoreStoredReports(c.eventStore()))
                .registerComponent(MediatorDirectory.class, c -> new FakeMediatorDirectory().register(MEDIATOR))
                .eventProcessing(processing -> processing
                        .registerSaga(DisputeEffectsSaga.class)
                        .registerEventHandler(c -> new TransferCreation(c.commandGateway()))
                        .registerSubscribingEventProcessor(DisputeEffectsSaga.PROCESSING_GROUP)
                        .registerSubscribingEventProcessor(TransferCreation.PROCESSING_GROUP)
                        .registerListenerInvocationErrorHandler(DisputeEffectsSaga.PROCESSING_GROUP,
                                c -> PropagatingErrorHandler.instance())
                        .registerListenerInvocationErrorHandler(TransferCreation.PROCESSING_GROUP,
                                c -> PropagatingErrorHandler.instance()))
                .buildConfiguration();
        axon.start();
        commands = axon.commandGateway();
        events = axon.eventStore();
        List<Object> agreement = new ArrayList<>(AgreementTestData.inForce());
        // R-1 at the baselines, R-2 far above them: together the 2025 index is not met and Anhui pays Zhejiang
        agreement.add(AgreementTestData.yearReport("R-1", ANHUI, "2025-03-10T02:00:00Z", "1.80", "0.09", "0.025", "1.10"));
        agreement.add(AgreementTestData.yearReport("R-2", ZHEJIANG, "2025-09-10T02:00:00Z", "3.60", "0.18", "0.050",
                "2.20"));
        for (int i = 0; i < agreement.size(); i++) {
            events.publish(new GenericDomainEventMessage<>("Agreement", AGREEMENT_ID, i, agreement.get(i)));
        }
        commands.sendAndWait(new AssessSectionCommand(AGREEMENT_ID, "A-1", ANHUI, JIEKOU, "2025"));
    }

    @AfterEach
    void tearDown() {
        axon.shutdown();
        GenericEventMessage.clock = ledgerClock;
    }

    private static String transferOf(String assessmentId) {
        return UUID.nameUUIDFromBytes(("assessment-transfer:" + assessmentId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private List<Object> eventsOf(String aggregateId) {
        return events.readEvents(aggregateId).asStream().map(Message::getPayload).map(Object.class::cast).toList();
    }

    private RaiseDisputeCommand raise(String disputeId, Subject subject) {
        return new RaiseDisputeCommand(disputeId, AGREEMENT_ID, ANHUI, subject, List.of(ZHEJIANG),
                "The September sample at Jiekou was contaminated in transport.");
    }

    @Test
    void anUpheldClaimAnnulsTheAssessmentCancelsItsTransferAndThePeriodIsAssessedAgain() {
        String firstTransfer = transferOf("A-1");
        assertThat(eventsOf(firstTransfer)).hasSize(1).first().isInstanceOf(TransferCreatedEvent.class);

        commands.sendAndWait(raise("DSP-1", ASSESSMENT_1));

        assertThat(eventsOf("DSP-1")).first().isInstanceOf(DisputeRaisedEvent.class);
        assertThat(eventsOf(AGREEMENT_ID)).contains(
                new SubjectDisputedEvent(AGREEMENT_ID, "DSP-1", ASSESSMENT_1, firstTransfer));
        assertThat(eventsOf(firstTransfer)).last().isEqualTo(
                new TransferDisputedEvent(firstTransfer, AGREEMENT_ID, "DSP-1", TransferStatus.DUE));

        commands.sendAndWait(new AssignMediatorCommand("DSP-1", MEDIATOR));
        commands.sendAndWait(new RuleOnDisputeCommand("DSP-1", MEDIATOR, RulingOutcome.UPHELD,
                "The chain of custody of the September sample is broken.", null));

        assertThat(eventsOf(AGREEMENT_ID)).contains(new SubjectDisputeClosedEvent(AGREEMENT_ID, "DSP-1", ASSESSMENT_1,
                RulingOutcome.UPHELD, SubjectConsequence.ASSESSMENT_ANNULLED));
        assertThat(eventsOf(firstTransfer)).last().isEqualTo(
                new TransferCancelledEvent(firstTransfer, AGREEMENT_ID, "DSP-1"));

        commands.sendAndWait(new AssessSectionCommand(AGREEMENT_ID, "A-2", ZHEJIANG, JIEKOU, "2025"));

        assertThat(eventsOf(AGREEMENT_ID)).last().isInstanceOfSatisfying(AssessmentRecordedEvent.class,
                e -> assertThat(e.transferId()).isEqualTo(transferOf("A-2")));
        assertThat(eventsOf(transferOf("A-2"))).hasSize(1).first().isInstanceOf(TransferCreatedEvent.class);
    }

    @Test
    void aWithdrawalReleasesTheAssessmentAndItsTransfer() {
        commands.sendAndWait(raise("DSP-1", ASSESSMENT_1));
        commands.sendAndWait(new WithdrawDisputeCommand("DSP-1", ANHUI));

        assertThat(eventsOf(AGREEMENT_ID)).last().isEqualTo(new SubjectDisputeClosedEvent(AGREEMENT_ID, "DSP-1",
                ASSESSMENT_1, null, SubjectConsequence.RELEASED));
        assertThat(eventsOf(transferOf("A-1"))).last().isEqualTo(
                new TransferReleasedEvent(transferOf("A-1"), AGREEMENT_ID, "DSP-1", TransferStatus.DUE));
    }

    @Test
    void aSubjectAlreadyUnderDisputeRefusesTheSecondDispute() {
        commands.sendAndWait(raise("DSP-1", ASSESSMENT_1));

        assertThatThrownBy(() -> commands.sendAndWait(raise("DSP-2", ASSESSMENT_1)))
                .isInstanceOf(InvalidStateException.class)
                .hasMessageContaining("already under dispute DSP-1");
        assertThat(eventsOf("DSP-2")).isEmpty();
        assertThat(eventsOf(AGREEMENT_ID)).noneMatch(e -> e instanceof SubjectDisputedEvent s
                && s.disputeId().equals("DSP-2"));
    }

    @Test
    void aReportThatIsNotTheAgreementsRefusesTheDispute() {
        assertThatThrownBy(() -> commands.sendAndWait(raise("DSP-1",
                new Subject(SubjectType.MONITORING_REPORT, "R-9"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("subject.id"));
    }

    @Test
    void anUnknownTransferRefusesTheDispute() {
        assertThatThrownBy(() -> commands.sendAndWait(raise("DSP-1", new Subject(SubjectType.TRANSFER, "T-NONE"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("subject.id"));
    }

    @Test
    void anAgreementsIdIsNotATransferOfIt() {
        assertThatThrownBy(() -> commands.sendAndWait(raise("DSP-1", new Subject(SubjectType.TRANSFER, AGREEMENT_ID))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aRefusedDisputeLeavesNoTrace() {
        assertThatThrownBy(() -> commands.sendAndWait(raise("DSP-1",
                new Subject(SubjectType.MONITORING_REPORT, "R-9"))))
                .isInstanceOf(InvalidInputException.class);

        assertThat(eventsOf("DSP-1")).isEmpty();
        // the id is free: the same dispute raised on a subject of the agreement is recorded
        commands.sendAndWait(raise("DSP-1", new Subject(SubjectType.MONITORING_REPORT, "R-2")));
        assertThat(eventsOf("DSP-1")).first().isInstanceOf(DisputeRaisedEvent.class);
    }
}
