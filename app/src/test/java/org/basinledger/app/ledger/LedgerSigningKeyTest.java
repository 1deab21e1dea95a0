package org.basinledger.app.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Random;

import org.basinledger.api.registry.KeyIds;
import org.basinledger.app.config.LedgerSigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerSigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void isGeneratedOwnerOnlyOnFirstStartAndTheSameKeyAfter() throws Exception {
        LedgerSigningKey first = LedgerSigningKey.load(dir, null);
        Path file = dir.resolve(LedgerSigningKey.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        LedgerSigningKey again = LedgerSigningKey.load(dir, "");
        assertThat(again.keyId()).isEqualTo(first.keyId()).isEqualTo(KeyIds.of(first.publicKey()));
        assertThat(again.publicKey()).isEqualTo(first.publicKey());

        byte[] message = "basin-ledger:tree-head:v1:1:ab:2025-03-01T08:00:00Z".getBytes(StandardCharsets.UTF_8);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(first.publicKey()))));
        verifier.update(message);
        assertThat(verifier.verify(again.sign(message))).isTrue();
    }

    @Test
    void signsExactlyAsTheJdkDoesWithTheSameKey() throws Exception {
        LedgerSigningKey key = LedgerSigningKey.load(dir, null);
        String pem = Files.readString(dir.resolve(LedgerSigningKey.FILE_NAME));
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", ""));
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der)));
        for (int length : new int[] {0, 1, 64, 1000}) {
            byte[] message = new byte[length];
            new Random(length).nextBytes(message);
            jdk.update(message);
            assertThat(key.sign(message)).as("%d bytes", length).isEqualTo(jdk.sign());
        }
    }

    @Test
    void aConfiguredKeyFileIsUsedAndMustExist() throws Exception {
        LedgerSigningKey generated = LedgerSigningKey.load(dir.resolve("elsewhere"), null);
        Path configured = dir.resolve("elsewhere").resolve(LedgerSigningKey.FILE_NAME);
        LedgerSigningKey loaded = LedgerSigningKey.load(dir, configured.toString());
        assertThat(loaded.keyId()).isEqualTo(generated.keyId());
        assertThat(Files.exists(dir.resolve(LedgerSigningKey.FILE_NAME))).isFalse();
        assertThatThrownBy(() -> LedgerSigningKey.load(dir, dir.resolve("missing.pem").toString()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no such file");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key");
        assertThatThrownBy(() -> LedgerSigningKey.load(dir, garbage.toString()))
                .isInstanceOf(IllegalStateException.class);
    }
}
