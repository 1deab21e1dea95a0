package org.basinledger.command.agreement;

import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.MINISTRY;
import static org.basinledger.command.agreement.AgreementSamples.OBLIGATION;
import static org.basinledger.command.agreement.AgreementSamples.OUTSIDER;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.basinledger.api.agreement.AgreementExpiredEvent;
import org.basinledger.api.agreement.AgreementRejectedEvent;
import org.basinledger.api.agreement.AgreementSignedEvent;
import org.basinledger.api.agreement.SignAgreementCommand;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.common.SignatureRejectedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgreementSigningTest {

    private static final Instant BEFORE_EFFECTIVE_FROM = Instant.parse("2024-12-01T02:00:00Z");
    private static final Instant WHILE_OBLIGATION_PENDING = Instant.parse("2025-03-01T02:00:00Z");
    private static final Instant AFTER_OBLIGATION_DUE = Instant.parse("2025-08-01T02:00:00Z");
    private static final Instant AFTER_EFFECTIVE_UNTIL = Instant.parse("2028-03-01T02:00:00Z");

    private final AgreementScenario scenario = AgreementScenario.twoParties();
    private FixtureConfiguration<Agreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = scenario.fixture();
    }

    @Test
    void recordsTheFirstSignatureWithTheKeyThatVerifiedIt() {
        fixture.givenCurrentTime(BEFORE_EFFECTIVE_FROM)
                .andGiven(scenario.openForSignature())
                .when(scenario.sign(ANHUI))
                .expectEvents(scenario.signed(ANHUI))
                .expectNoScheduledDeadlines();
    }

    @Test
    void findsTheVerifyingKeyWhenNoKeyIdIsGiven() {
        String signature = scenario.anhuiSecondKey.sign(scenario.canonical.bytes());
        fixture.given(scenario.openForSignature())
                .when(new SignAgreementCommand(AGREEMENT_ID, ANHUI, signature, null))
                .expectEvents(new AgreementSignedEvent(AGREEMENT_ID, ANHUI, scenario.anhuiSecondKey.keyId(),
                        scenario.anhuiSecondKey.publicKeyBase64(), signature, scenario.canonical.termsHash()));
    }

    @Test
    void theLastSignatureBeforeEffectiveFromSchedulesTheEntryIntoForce() {
        fixture.givenCurrentTime(BEFORE_EFFECTIVE_FROM)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI))
                .when(scenario.sign(ZHEJIANG))
                .expectEvents(scenario.signed(ZHEJIANG), scenario.fullySigned())
                .expectScheduledDeadlineWithName(LedgerCalendar.startOf(AgreementSamples.FROM), Agreement.ENTERS_INTO_FORCE);
    }

    @Test
    void theLastSignatureAfterEffectiveFromPutsTheAgreementInForceAtOnce() {
        fixture.givenCurrentTime(WHILE_OBLIGATION_PENDING)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI))
                .when(scenario.sign(ZHEJIANG))
                .expectEvents(scenario.signed(ZHEJIANG), scenario.fullySigned(), scenario.enteredIntoForce())
                .expectScheduledDeadlineWithName(LedgerCalendar.endOf(AgreementSamples.OBLIGATION_DUE),
                        Agreement.OBLIGATION_DUE)
                .expectScheduledDeadline(LedgerCalendar.endOf(AgreementSamples.OBLIGATION_DUE), OBLIGATION)
                .expectScheduledDeadlineWithName(LedgerCalendar.endOf(AgreementSamples.UNTIL), Agreement.EXPIRES);
    }

    @Test
    void anObligationAlreadyPastDueWhenTheAgreementEntersIntoForceIsOverdueAtOnce() {
        fixture.givenCurrentTime(AFTER_OBLIGATION_DUE)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI))
                .when(scenario.sign(ZHEJIANG))
                .expectEvents(scenario.signed(ZHEJIANG), scenario.fullySigned(), scenario.enteredIntoForce(),
                        scenario.obligationOverdue())
                .expectNoScheduledDeadlineWithName(LedgerCalendar.endOf(AgreementSamples.OBLIGATION_DUE),
                        Agreement.OBLIGATION_DUE)
                .expectScheduledDeadlineWithName(LedgerCalendar.endOf(AgreementSamples.UNTIL), Agreement.EXPIRES);
    }

    @Test
    void anAgreementSignedAfterItsEffectiveDatesExpiresAtOnce() {
        fixture.givenCurrentTime(AFTER_EFFECTIVE_UNTIL)
                .andGiven(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI))
                .when(scenario.sign(ZHEJIANG))
                .expectEvents(scenario.signed(ZHEJIANG), scenario.fullySigned(), scenario.enteredIntoForce(),
                        scenario.obligationOverdue(), new AgreementExpiredEvent(AGREEMENT_ID, AgreementSamples.UNTIL))
                .expectNoScheduledDeadlines();
    }

    @Test
    void theSecondOfThreeSignaturesDoesNotCompleteTheSigning() {
        AgreementScenario three = AgreementScenario.threeParties();
        three.fixture()
                .givenCurrentTime(BEFORE_EFFECTIVE_FROM)
                .andGiven(three.drafted(), three.opened(), three.signed(MINISTRY))
                .when(three.sign(ZHEJIANG))
                .expectEvents(three.signed(ZHEJIANG))
                .expectNoScheduledDeadlines();
    }

    @Test
    void threePartiesAreFullySignedByTheThirdSignature() {
        AgreementScenario three = AgreementScenario.threeParties();
        three.fixture()
                .givenCurrentTime(BEFORE_EFFECTIVE_FROM)
                .andGiven(three.drafted(), three.opened(), three.signed(MINISTRY), three.signed(ZHEJIANG))
                .when(three.sign(ANHUI))
                .expectEvents(three.signed(ANHUI), three.fullySigned())
                .expectScheduledDeadlineWithName(LedgerCalendar.startOf(AgreementSamples.FROM), Agreement.ENTERS_INTO_FORCE);
    }

    @Test
    void refusesASignatureByANonParty() {
        fixture.given(scenario.openForSignature())
                .when(new SignAgreementCommand(AGREEMENT_ID, OUTSIDER, scenario.signatureOf(ANHUI), null))
                .expectException(NotPermittedException.class)
                .expectNoEvents();
    }

    @Test
    void refusesToSignADraft() {
        fixture.given(scenario.drafted())
                .when(scenario.sign(ANHUI))
                .expectException(InvalidStateException.class);
    }

    @Test
    void refusesToSignAfterARejection() {
        fixture.given(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI),
                        new AgreementRejectedEvent(AGREEMENT_ID, ZHEJIANG, "no",
                                List.of(ANHUI)))
                .when(scenario.sign(ZHEJIANG))
                .expectException(InvalidStateException.class);
    }

    @Test
    void refusesToSignTwice() {
        fixture.given(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI))
                .when(scenario.sign(ANHUI))
                .expectException(InvalidStateException.class)
                .expectNoEvents();
    }

    @Test
    void refusesABlankSignature() {
        fixture.given(scenario.openForSignature())
                .when(new SignAgreementCommand(AGREEMENT_ID, ANHUI, " ", null))
                .expectException(InvalidInputException.class);
    }

    @Test
    void refusesARevokedKey() {
        scenario.directory.revoke(ANHUI, scenario.anhuiKey);
        fixture.given(scenario.openForSignature())
                .when(scenario.sign(ANHUI))
                .expectException(SignatureRejectedException.class)
                .expectExceptionMessage(containsString(scenario.anhuiKey.keyId()))
                .expectNoEvents();
    }

    @Test
    void refusesAKeyOfAnotherParty() {
        fixture.given(scenario.openForSignature())
                .when(new SignAgreementCommand(AGREEMENT_ID, ANHUI, scenario.signatureOf(ZHEJIANG),
                        scenario.zhejiangKey.keyId()))
                .expectException(SignatureRejectedException.class);
    }

    @Test
    void refusesASignatureThatDoesNotVerifyWithTheNamedKey() {
        String bySecondKey = scenario.anhuiSecondKey.sign(scenario.canonical.bytes());
        fixture.given(scenario.openForSignature())
                .when(new SignAgreementCommand(AGREEMENT_ID, ANHUI, bySecondKey, scenario.anhuiKey.keyId()))
                .expectException(SignatureRejectedException.class);
    }

    @Test
    void refusesASignatureOverOtherTerms() {
        String overOtherTerms = scenario.anhuiKey.sign(scenario.canonical.document() + " ");
        fixture.given(scenario.openForSignature())
                .when(new SignAgreementCommand(AGREEMENT_ID, ANHUI, overOtherTerms, null))
                .expectException(SignatureRejectedException.class);
    }

    @Test
    void refusesASignatureThatIsNotBase64() {
        fixture.given(scenario.openForSignature())
                .when(new SignAgreementCommand(AGREEMENT_ID, ANHUI, "not*base64", scenario.anhuiKey.keyId()))
                .expectException(SignatureRejectedException.class);
    }

    @Test
    void refusesASignatureNoActiveKeyVerifies() {
        String garbage = Base64.getEncoder().encodeToString(new byte[64]);
        fixture.given(scenario.openForSignature())
                .when(new SignAgreementCommand(AGREEMENT_ID, ANHUI, garbage, null))
                .expectException(SignatureRejectedException.class);
    }
}
