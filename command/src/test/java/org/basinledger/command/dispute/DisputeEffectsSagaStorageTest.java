package org.basinledger.command.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.saga.SimpleResourceInjector;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.utils.RecordingCommandBus;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.Money;
import org.basinledger.api.dispute.CloseSubjectDisputeCommand;
import org.basinledger.api.dispute.DisputeRaisedEvent;
import org.basinledger.api.dispute.DisputeRuledEvent;
import org.basinledger.api.dispute.DisputeWithdrawnEvent;
import org.basinledger.api.dispute.Remedy;
import org.basinledger.api.dispute.RemedyType;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.api.transfer.AdjustTransferCommand;
import org.basinledger.api.transfer.CancelTransferCommand;
import org.basinledger.api.transfer.DisputeTransferCommand;
import org.basinledger.api.transfer.ReleaseTransferCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The saga as a saga store keeps it between events: serialized with Axon's Jackson serializer (as the ledger
 * configures it, Spring's mapper with field visibility from the saga's own annotation), read back, given its
 * gateway again, and still knowing its dispute, agreement, subject and related transfer.
 */
class DisputeEffectsSagaStorageTest {

    private static final String DISPUTE = "DSP-1";
    private static final String AGREEMENT = "AGR-XINAN-1";
    private static final Subject ASSESSMENT = new Subject(SubjectType.ASSESSMENT, "A-1");
    private static final Subject TRANSFER = new Subject(SubjectType.TRANSFER, "T-1");
    private static final Money FIFTY_MILLION = Money.of("50000000.00", Money.CNY);

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS))
            .build();
    private RecordingCommandBus commandBus;
    private DefaultCommandGateway gateway;

    @BeforeEach
    void setUp() {
        commandBus = new RecordingCommandBus();
        gateway = DefaultCommandGateway.builder().commandBus(commandBus).build();
    }

    private DisputeEffectsSaga newSaga() {
        DisputeEffectsSaga saga = new DisputeEffectsSaga();
        new SimpleResourceInjector(gateway).injectResources(saga);
        return saga;
    }

    /** What a saga store does between two events: store the saga, and later load it and inject its resources. */
    private DisputeEffectsSaga storeAndReload(DisputeEffectsSaga saga) {
        SerializedObject<byte[]> stored = serializer.serialize(saga, byte[].class);
        DisputeEffectsSaga reloaded = serializer.deserialize(new SimpleSerializedObject<>(stored.getData(), byte[].class,
                stored.getType()));
        new SimpleResourceInjector(gateway).injectResources(reloaded);
        commandBus.clearCommands();
        return reloaded;
    }

    private List<Object> sentCommands() {
        return commandBus.getDispatchedCommands().stream().map(CommandMessage::getPayload).map(Object.class::cast).toList();
    }

    private static DisputeRaisedEvent raised(Subject subject) {
        return new DisputeRaisedEvent(DISPUTE, AGREEMENT, "CN-ZJ", subject, List.of("CN-AH"), "The claim.");
    }

    @Test
    void storesItsStateAsFieldsAndNeverItsGateway() {
        DisputeEffectsSaga saga = newSaga();
        saga.on(raised(ASSESSMENT));
        saga.on(new SubjectDisputedEvent(AGREEMENT, DISPUTE, ASSESSMENT, "T-A-1"));

        String json = new String(serializer.serialize(saga, byte[].class).getData(), StandardCharsets.UTF_8);

        assertThat(json).contains("\"disputeId\":\"DSP-1\"", "\"agreementId\":\"AGR-XINAN-1\"",
                        "\"subjectType\":\"ASSESSMENT\"", "\"subjectId\":\"A-1\"", "\"relatedTransferId\":\"T-A-1\"")
                .doesNotContain("commandGateway");
    }

    @Test
    void aReloadedSagaRulesOnTheAssessmentAndItsTransfer() {
        DisputeEffectsSaga saga = newSaga();
        saga.on(raised(ASSESSMENT));
        DisputeEffectsSaga afterRaise = storeAndReload(saga);
        afterRaise.on(new SubjectDisputedEvent(AGREEMENT, DISPUTE, ASSESSMENT, "T-A-1"));
        DisputeEffectsSaga afterDisputed = storeAndReload(afterRaise);

        afterDisputed.on(new DisputeRuledEvent(DISPUTE, AGREEMENT, ASSESSMENT, "TBA", RulingOutcome.UPHELD, "Reasons.",
                null));

        assertThat(sentCommands()).containsExactly(
                new CloseSubjectDisputeCommand(AGREEMENT, DISPUTE, RulingOutcome.UPHELD, RemedyType.ANNUL),
                new CancelTransferCommand("T-A-1", DISPUTE));
    }

    @Test
    void aReloadedSagaRemembersTheRemedyTheClaimAskedFor() {
        Remedy adjust = new Remedy(RemedyType.ADJUST, FIFTY_MILLION);
        DisputeEffectsSaga saga = newSaga();
        saga.on(new DisputeRaisedEvent(DISPUTE, AGREEMENT, "CN-ZJ", ASSESSMENT, List.of("CN-AH"), "The claim.",
                adjust));
        DisputeEffectsSaga afterRaise = storeAndReload(saga);
        afterRaise.on(new SubjectDisputedEvent(AGREEMENT, DISPUTE, ASSESSMENT, "T-A-1"));
        assertThat(sentCommands()).containsExactly(new DisputeTransferCommand("T-A-1", DISPUTE, AGREEMENT,
                FIFTY_MILLION));

        DisputeEffectsSaga afterDisputed = storeAndReload(afterRaise);
        afterDisputed.on(new DisputeRuledEvent(DISPUTE, AGREEMENT, ASSESSMENT, "TBA", RulingOutcome.UPHELD,
                "Reasons.", null, adjust));

        assertThat(sentCommands()).containsExactly(
                new CloseSubjectDisputeCommand(AGREEMENT, DISPUTE, RulingOutcome.UPHELD, RemedyType.ADJUST),
                new AdjustTransferCommand("T-A-1", DISPUTE, FIFTY_MILLION));
    }

    @Test
    void aReloadedSagaStillRefusesAClaimToAdjustAnAssessmentThatOwedNothing() {
        DisputeEffectsSaga saga = newSaga();
        saga.on(new DisputeRaisedEvent(DISPUTE, AGREEMENT, "CN-ZJ", ASSESSMENT, List.of("CN-AH"), "The claim.",
                new Remedy(RemedyType.ADJUST, FIFTY_MILLION)));

        DisputeEffectsSaga reloaded = storeAndReload(saga);

        assertThatThrownBy(() -> reloaded.on(new SubjectDisputedEvent(AGREEMENT, DISPUTE, ASSESSMENT, null)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aReloadedSagaReleasesEverythingOnWithdrawal() {
        DisputeEffectsSaga saga = newSaga();
        saga.on(raised(ASSESSMENT));
        saga.on(new SubjectDisputedEvent(AGREEMENT, DISPUTE, ASSESSMENT, "T-A-1"));

        storeAndReload(saga).on(new DisputeWithdrawnEvent(DISPUTE, AGREEMENT, ASSESSMENT, "CN-ZJ"));

        assertThat(sentCommands()).containsExactly(new CloseSubjectDisputeCommand(AGREEMENT, DISPUTE, null),
                new ReleaseTransferCommand("T-A-1", DISPUTE));
    }

    @Test
    void aReloadedSagaAdjustsTheDisputedTransfer() {
        DisputeEffectsSaga saga = newSaga();
        saga.on(raised(TRANSFER));

        storeAndReload(saga).on(new DisputeRuledEvent(DISPUTE, AGREEMENT, TRANSFER, "TBA", RulingOutcome.ADJUSTED,
                "Reasons.", FIFTY_MILLION));

        assertThat(sentCommands()).containsExactly(new AdjustTransferCommand("T-1", DISPUTE, FIFTY_MILLION));
    }
}
