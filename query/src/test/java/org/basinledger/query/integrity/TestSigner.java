package org.basinledger.query.integrity;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

import org.basinledger.api.registry.KeyIds;

/** An Ed25519 key made for a test, signing as the application's key does. */
final class TestSigner implements LedgerSigner {

    private final KeyPair pair;

    TestSigner() {
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String keyId() {
        return KeyIds.of(pair.getPublic().getEncoded());
    }

    @Override
    public String publicKey() {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
