package org.basinledger.command.agreement;

import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.OUTSIDER;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;

import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.basinledger.api.agreement.AgreementRejectedEvent;
import org.basinledger.api.agreement.AgreementTerminatedEvent;
import org.basinledger.api.agreement.OpenAgreementForSignatureCommand;
import org.basinledger.api.agreement.RejectAgreementCommand;
import org.basinledger.api.agreement.TerminateAgreementCommand;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.NotPermittedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgreementRejectionAndTerminationTest {

    private static final String REASON = "the TN baseline is too strict for a wet year";

    private final AgreementScenario scenario = AgreementScenario.twoParties();
    private FixtureConfiguration<Agreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = scenario.fixture();
    }

    private AgreementRejectedEvent rejectedByZhejiang(List<String> voided) {
        return new AgreementRejectedEvent(AGREEMENT_ID, ZHEJIANG, REASON, voided);
    }

    @Test
    void rejectionVoidsTheSignaturesMadeSoFar() {
        fixture.given(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI))
                .when(new RejectAgreementCommand(AGREEMENT_ID, ZHEJIANG, REASON))
                .expectEvents(rejectedByZhejiang(List.of(ANHUI)));
    }

    @Test
    void rejectionBeforeAnySignatureVoidsNone() {
        fixture.given(scenario.openForSignature())
                .when(new RejectAgreementCommand(AGREEMENT_ID, ZHEJIANG, REASON))
                .expectEvents(rejectedByZhejiang(List.of()));
    }

    @Test
    void aRejectedAgreementCanBeOpenedAgainAndSignedAfresh() {
        fixture.given(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI), rejectedByZhejiang(List.of(ANHUI)))
                .when(new OpenAgreementForSignatureCommand(AGREEMENT_ID, ANHUI))
                .expectEvents(scenario.opened());
    }

    @Test
    void aVoidedSignerSignsAgainAfterReopening() {
        fixture.given(scenario.drafted(), scenario.opened(), scenario.signed(ANHUI), rejectedByZhejiang(List.of(ANHUI)),
                        scenario.opened())
                .when(scenario.sign(ANHUI))
                .expectEvents(scenario.signed(ANHUI));
    }

    @Test
    void refusesARejectionByANonParty() {
        fixture.given(scenario.openForSignature())
                .when(new RejectAgreementCommand(AGREEMENT_ID, OUTSIDER, REASON))
                .expectException(NotPermittedException.class);
    }

    @Test
    void refusesToRejectADraft() {
        fixture.given(scenario.drafted())
                .when(new RejectAgreementCommand(AGREEMENT_ID, ZHEJIANG, REASON))
                .expectException(InvalidStateException.class);
    }

    @Test
    void refusesToRejectASignedAgreement() {
        fixture.given(scenario.signedByBoth())
                .when(new RejectAgreementCommand(AGREEMENT_ID, ZHEJIANG, REASON))
                .expectException(InvalidStateException.class);
    }

    @Test
    void refusesARejectionWithoutReason() {
        fixture.given(scenario.openForSignature())
                .when(new RejectAgreementCommand(AGREEMENT_ID, ZHEJIANG, "  "))
                .expectException(InvalidInputException.class);
    }

    @Test
    void terminatesAnAgreementInForce() {
        fixture.given(scenario.inForce())
                .when(new TerminateAgreementCommand(AGREEMENT_ID, ANHUI, REASON))
                .expectEvents(new AgreementTerminatedEvent(AGREEMENT_ID, ANHUI, REASON));
    }

    @Test
    void terminatesASignedAgreementNotYetInForce() {
        fixture.given(scenario.signedByBoth())
                .when(new TerminateAgreementCommand(AGREEMENT_ID, ANHUI, REASON))
                .expectEvents(new AgreementTerminatedEvent(AGREEMENT_ID, ANHUI, REASON));
    }

    @Test
    void refusesToTerminateAnAgreementOpenForSignature() {
        fixture.given(scenario.openForSignature())
                .when(new TerminateAgreementCommand(AGREEMENT_ID, ANHUI, REASON))
                .expectException(InvalidStateException.class);
    }

    @Test
    void refusesToTerminateTwice() {
        fixture.given(scenario.inForce())
                .andGiven(new AgreementTerminatedEvent(AGREEMENT_ID, ZHEJIANG, REASON))
                .when(new TerminateAgreementCommand(AGREEMENT_ID, ANHUI, REASON))
                .expectException(InvalidStateException.class);
    }

    @Test
    void refusesATerminationByANonParty() {
        fixture.given(scenario.inForce())
                .when(new TerminateAgreementCommand(AGREEMENT_ID, OUTSIDER, REASON))
                .expectException(NotPermittedException.class);
    }

    @Test
    void refusesATerminationWithoutReason() {
        fixture.given(scenario.inForce())
                .when(new TerminateAgreementCommand(AGREEMENT_ID, ANHUI, null))
                .expectException(InvalidInputException.class);
    }
}
