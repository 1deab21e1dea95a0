package org.basinledger.api.ledger;

/**
 * The ledger's own public key, which signs its tree heads.
 *
 * @param keyId     the first 16 hex digits of SHA-256 over the DER bytes of the public key (as for jurisdictions' keys)
 * @param algorithm always {@code Ed25519}
 * @param publicKey base64 DER (X.509 SubjectPublicKeyInfo)
 */
public record LedgerKeyView(String keyId, String algorithm, String publicKey) {

    public static final String ED25519 = "Ed25519";
}
