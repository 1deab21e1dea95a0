package org.basinledger.command.agreement;

import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.OBLIGATION;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.basinledger.api.agreement.AgreementExpiredEvent;
import org.basinledger.api.agreement.FulfilObligationCommand;
import org.basinledger.api.agreement.ObligationFulfilledEvent;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgreementObligationTest {

    private static final Evidence REPORT = new Evidence(
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "https://sthjt.ah.gov.cn/jiekou/2025-06.pdf", "joint monitoring report, June 2025");

    private final AgreementScenario scenario = AgreementScenario.twoParties();
    private FixtureConfiguration<Agreement> fixture;

    @BeforeEach
    void setUp() {
        fixture = scenario.fixture();
    }

    private static FulfilObligationCommand fulfil(String by, List<Evidence> evidence) {
        return new FulfilObligationCommand(AGREEMENT_ID, OBLIGATION, by, evidence, null);
    }

    @Test
    void theObligatedPartyFulfilsOnTime() {
        fixture.given(scenario.inForce())
                .when(fulfil(ANHUI, List.of(REPORT)))
                .expectEvents(new ObligationFulfilledEvent(AGREEMENT_ID, OBLIGATION, ANHUI, List.of(REPORT), null, false));
    }

    @Test
    void anOverdueObligationIsFulfilledLate() {
        fixture.given(scenario.inForce())
                .andGiven(scenario.obligationOverdue())
                .when(fulfil(ANHUI, List.of(REPORT)))
                .expectEvents(new ObligationFulfilledEvent(AGREEMENT_ID, OBLIGATION, ANHUI, List.of(REPORT), null, true));
    }

    @Test
    void refusesAnUnknownObligation() {
        fixture.given(scenario.inForce())
                .when(new FulfilObligationCommand(AGREEMENT_ID, "NO-SUCH-DUTY", ANHUI, List.of(REPORT), null))
                .expectException(NotFoundException.class);
    }

    @Test
    void refusesFulfilmentByAnotherParty() {
        fixture.given(scenario.inForce())
                .when(fulfil(ZHEJIANG, List.of(REPORT)))
                .expectException(NotPermittedException.class);
    }

    @Test
    void refusesFulfilmentBeforeTheAgreementIsInForce() {
        fixture.given(scenario.signedByBoth())
                .when(fulfil(ANHUI, List.of(REPORT)))
                .expectException(InvalidStateException.class);
    }

    @Test
    void refusesFulfilmentAfterExpiry() {
        fixture.given(scenario.inForce())
                .andGiven(new AgreementExpiredEvent(AGREEMENT_ID, AgreementSamples.UNTIL))
                .when(fulfil(ANHUI, List.of(REPORT)))
                .expectException(InvalidStateException.class);
    }

    @Test
    void refusesToFulfilTwice() {
        fixture.given(scenario.inForce())
                .andGiven(new ObligationFulfilledEvent(AGREEMENT_ID, OBLIGATION, ANHUI, List.of(REPORT), null, false))
                .when(fulfil(ANHUI, List.of(REPORT)))
                .expectException(InvalidStateException.class)
                .expectNoEvents();
    }

    @Test
    void refusesFulfilmentWithoutEvidence() {
        fixture.given(scenario.inForce())
                .when(fulfil(ANHUI, List.of()))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("evidence"));
    }

    @Test
    void refusesEvidenceWhoseHashIsNotLowercaseSha256Hex() {
        Evidence upperCase = new Evidence(REPORT.sha256().toUpperCase(), REPORT.uri(), null);
        fixture.given(scenario.inForce())
                .when(fulfil(ANHUI, List.of(upperCase)))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("evidence[0].sha256"));
    }

    @Test
    void refusesEvidenceWithoutUri() {
        Evidence noUri = new Evidence(REPORT.sha256(), " ", null);
        fixture.given(scenario.inForce())
                .when(fulfil(ANHUI, List.of(REPORT, noUri)))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("evidence[1].uri"));
    }

    @Test
    void refusesEvidenceThatIsNotAnHttpAddress() {
        for (String uri : List.of("javascript:alert(1)", "data:text/html,<script>x</script>", "/relative/path.pdf",
                "file:///etc/passwd", "https://")) {
            Evidence unsafe = new Evidence(REPORT.sha256(), uri, null);
            fixture.given(scenario.inForce())
                    .when(fulfil(ANHUI, List.of(REPORT, unsafe)))
                    .expectException(InvalidInputException.class)
                    .expectExceptionMessage(containsString("evidence[1].uri"));
        }
    }
}
