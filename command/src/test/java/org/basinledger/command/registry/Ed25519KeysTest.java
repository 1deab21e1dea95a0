package org.basinledger.command.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.basinledger.command.support.TestKeys;
import org.junit.jupiter.api.Test;

class Ed25519KeysTest {

    private static final byte[] MESSAGE = "{\"agreementId\":\"A-1\"}".getBytes(StandardCharsets.UTF_8);

    private final TestKeys keys = TestKeys.generate();

    @Test
    void normalisesBase64DerToItself() {
        assertThat(Ed25519Keys.normalise(keys.publicKeyBase64())).isEqualTo(keys.publicKeyBase64());
    }

    @Test
    void normalisesPemToBase64Der() {
        assertThat(Ed25519Keys.normalise(keys.publicKeyPem())).isEqualTo(keys.publicKeyBase64());
    }

    @Test
    void refusesAnRsaKey() {
        String rsa = TestKeys.generate("RSA").publicKeyBase64();
        assertThatThrownBy(() -> Ed25519Keys.parse(rsa)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnEd448Key() {
        String ed448 = TestKeys.generate("Ed448").publicKeyBase64();
        assertThatThrownBy(() -> Ed25519Keys.parse(ed448)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnX25519Key() {
        String x25519 = TestKeys.generate("X25519").publicKeyBase64();
        assertThatThrownBy(() -> Ed25519Keys.parse(x25519)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesTextThatIsNotBase64() {
        assertThatThrownBy(() -> Ed25519Keys.parse("not a key!")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBase64ThatIsNotAKey() {
        String junk = Base64.getEncoder().encodeToString(new byte[44]);
        assertThatThrownBy(() -> Ed25519Keys.parse(junk)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBlankAndMissingKeys() {
        assertThatThrownBy(() -> Ed25519Keys.parse(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ed25519Keys.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verifiesASignatureOfTheMessage() {
        assertThat(Ed25519Keys.verify(keys.publicKeyBase64(), MESSAGE, keys.sign(MESSAGE))).isTrue();
    }

    @Test
    void doesNotVerifyASignatureOfAnotherMessage() {
        String signature = keys.sign("{\"agreementId\":\"A-2\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(Ed25519Keys.verify(keys.publicKeyBase64(), MESSAGE, signature)).isFalse();
    }

    @Test
    void doesNotVerifyASignatureByAnotherKey() {
        String signature = TestKeys.generate().sign(MESSAGE);
        assertThat(Ed25519Keys.verify(keys.publicKeyBase64(), MESSAGE, signature)).isFalse();
    }

    @Test
    void badBase64SignatureDoesNotVerify() {
        assertThat(Ed25519Keys.verify(keys.publicKeyBase64(), MESSAGE, "%%% not base64 %%%")).isFalse();
    }

    @Test
    void signatureOfTheWrongLengthDoesNotVerify() {
        String tooShort = Base64.getEncoder().encodeToString(new byte[10]);
        assertThat(Ed25519Keys.verify(keys.publicKeyBase64(), MESSAGE, tooShort)).isFalse();
    }

    @Test
    void malformedKeyDoesNotVerify() {
        assertThat(Ed25519Keys.verify("AAAA", MESSAGE, keys.sign(MESSAGE))).isFalse();
    }
}
