package org.basinledger.api.agreement;

/**
 * The draft was frozen. {@code canonicalDocument} is the RFC 8785 JSON every party signs (as UTF-8 bytes);
 * {@code termsHash} is its SHA-256 in lowercase hex.
 */
public record AgreementOpenedForSignatureEvent(String agreementId, String openedBy, String canonicalDocument,
                                               String termsHash) implements AgreementEvent {
}
