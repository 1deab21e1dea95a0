package org.basinledger.query.integrity;

/**
 * The ledger's own Ed25519 key, as the integrity log needs it: the application provides it (it knows where the
 * key lives). Implementations never expose the private key.
 */
public interface LedgerSigner {

    /** First 16 hex digits of SHA-256 over the public key's DER bytes. */
    String keyId();

    /** The public key, base64 DER (X.509 SubjectPublicKeyInfo). */
    String publicKey();

    /** An Ed25519 signature over {@code message}. */
    byte[] sign(byte[] message);
}
