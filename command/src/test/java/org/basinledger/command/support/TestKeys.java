package org.basinledger.command.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import org.basinledger.api.registry.KeyIds;
import org.basinledger.command.registry.JurisdictionDirectory.SigningKey;

/** An Ed25519 key pair made with the JDK for a test, in the forms the ledger takes. */
public record TestKeys(KeyPair pair) {

    public static TestKeys generate() {
        return generate("Ed25519");
    }

    public static TestKeys generate(String algorithm) {
        try {
            return new TestKeys(KeyPairGenerator.getInstance(algorithm).generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    public String keyId() {
        return KeyIds.of(publicKeyBase64());
    }

    public SigningKey signingKey() {
        return new SigningKey(keyId(), publicKeyBase64());
    }

    public String sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(message);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String sign(String document) {
        return sign(document.getBytes(StandardCharsets.UTF_8));
    }
}
