package org.basinledger.command.registry;

import static org.hamcrest.Matchers.containsString;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.basinledger.api.common.AlreadyExistsException;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.registry.AddJurisdictionKeyCommand;
import org.basinledger.api.registry.JurisdictionKeyAddedEvent;
import org.basinledger.api.registry.JurisdictionKeyRevokedEvent;
import org.basinledger.api.registry.JurisdictionLevel;
import org.basinledger.api.registry.JurisdictionRegisteredEvent;
import org.basinledger.api.registry.RegisterJurisdictionCommand;
import org.basinledger.api.registry.RevokeJurisdictionKeyCommand;
import org.basinledger.command.support.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JurisdictionTest {

    private static final String HANGZHOU = "CN-ZJ-HZ";

    private final TestKeys firstKey = TestKeys.generate();
    private final TestKeys secondKey = TestKeys.generate();
    private FixtureConfiguration<Jurisdiction> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Jurisdiction.class);
    }

    private Object[] registered() {
        return new Object[] {
                new JurisdictionRegisteredEvent(HANGZHOU, "Hangzhou", JurisdictionLevel.CITY, "CN-ZJ"),
                new JurisdictionKeyAddedEvent(HANGZHOU, firstKey.keyId(), firstKey.publicKeyBase64())};
    }

    @Test
    void registersAJurisdictionWithItsFirstKey() {
        fixture.givenNoPriorActivity()
                .when(new RegisterJurisdictionCommand(HANGZHOU, "Hangzhou", JurisdictionLevel.CITY, "CN-ZJ",
                        firstKey.publicKeyBase64()))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(HANGZHOU)
                .expectEvents(registered());
    }

    @Test
    void storesAPemKeyAsBase64Der() {
        fixture.givenNoPriorActivity()
                .when(new RegisterJurisdictionCommand(HANGZHOU, "Hangzhou", JurisdictionLevel.CITY, "CN-ZJ",
                        firstKey.publicKeyPem()))
                .expectEvents(registered());
    }

    @Test
    void refusesAnIdOfTheWrongShape() {
        fixture.givenNoPriorActivity()
                .when(new RegisterJurisdictionCommand("cn-zj-hz", "Hangzhou", JurisdictionLevel.CITY, null,
                        firstKey.publicKeyBase64()))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("id:"))
                .expectNoEvents();
    }

    @Test
    void refusesABlankName() {
        fixture.givenNoPriorActivity()
                .when(new RegisterJurisdictionCommand(HANGZHOU, " ", JurisdictionLevel.CITY, null,
                        firstKey.publicKeyBase64()))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("name:"));
    }

    @Test
    void refusesANameLongerThan200Characters() {
        fixture.givenNoPriorActivity()
                .when(new RegisterJurisdictionCommand(HANGZHOU, "x".repeat(201), JurisdictionLevel.CITY, null,
                        firstKey.publicKeyBase64()))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("name:"));
    }

    @Test
    void refusesAMissingLevel() {
        fixture.givenNoPriorActivity()
                .when(new RegisterJurisdictionCommand(HANGZHOU, "Hangzhou", null, null, firstKey.publicKeyBase64()))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("level:"));
    }

    @Test
    void refusesAKeyThatIsNotEd25519() {
        fixture.givenNoPriorActivity()
                .when(new RegisterJurisdictionCommand(HANGZHOU, "Hangzhou", JurisdictionLevel.CITY, null,
                        TestKeys.generate("RSA").publicKeyBase64()))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("publicKey:"));
    }

    @Test
    void refusesAKeyOfSmallOrderUnderWhichAnyoneCouldSign() {
        byte[] der = java.util.HexFormat.of().parseHex("302a300506032b6570032100" + "00".repeat(32));
        fixture.givenNoPriorActivity()
                .when(new RegisterJurisdictionCommand(HANGZHOU, "Hangzhou", JurisdictionLevel.CITY, null,
                        java.util.Base64.getEncoder().encodeToString(der)))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("small order"));
        byte[] neutral = der.clone();
        neutral[12] = 1;
        fixture.given(registered())
                .when(new AddJurisdictionKeyCommand(HANGZHOU, java.util.Base64.getEncoder().encodeToString(neutral)))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("publicKey:"));
    }

    @Test
    void refusesItselfAsParent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterJurisdictionCommand(HANGZHOU, "Hangzhou", JurisdictionLevel.CITY, HANGZHOU,
                        firstKey.publicKeyBase64()))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("parentId:"));
    }

    @Test
    void addsAKeyAndAnswersItsId() {
        fixture.given(registered())
                .when(new AddJurisdictionKeyCommand(HANGZHOU, secondKey.publicKeyPem()))
                .expectResultMessagePayload(secondKey.keyId())
                .expectEvents(new JurisdictionKeyAddedEvent(HANGZHOU, secondKey.keyId(), secondKey.publicKeyBase64()));
    }

    @Test
    void refusesToAddTheSameKeyTwice() {
        fixture.given(registered())
                .when(new AddJurisdictionKeyCommand(HANGZHOU, firstKey.publicKeyPem()))
                .expectException(AlreadyExistsException.class)
                .expectNoEvents();
    }

    @Test
    void refusesToAddARevokedKeyAgain() {
        fixture.given(registered())
                .andGiven(new JurisdictionKeyRevokedEvent(HANGZHOU, firstKey.keyId()))
                .when(new AddJurisdictionKeyCommand(HANGZHOU, firstKey.publicKeyBase64()))
                .expectException(AlreadyExistsException.class);
    }

    @Test
    void refusesToAddAnInvalidKey() {
        fixture.given(registered())
                .when(new AddJurisdictionKeyCommand(HANGZHOU, "not a key"))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("publicKey:"));
    }

    @Test
    void revokesAKey() {
        fixture.given(registered())
                .when(new RevokeJurisdictionKeyCommand(HANGZHOU, firstKey.keyId()))
                .expectEvents(new JurisdictionKeyRevokedEvent(HANGZHOU, firstKey.keyId()));
    }

    @Test
    void refusesToRevokeAnUnknownKey() {
        fixture.given(registered())
                .when(new RevokeJurisdictionKeyCommand(HANGZHOU, secondKey.keyId()))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void refusesToRevokeAKeyTwice() {
        fixture.given(registered())
                .andGiven(new JurisdictionKeyRevokedEvent(HANGZHOU, firstKey.keyId()))
                .when(new RevokeJurisdictionKeyCommand(HANGZHOU, firstKey.keyId()))
                .expectException(InvalidStateException.class)
                .expectNoEvents();
    }
}
