package org.basinledger.api.agreement;

/**
 * The canonical document (RFC 8785 JSON) exactly as hashed and signed, and its SHA-256 in lowercase hex.
 * {@code current} is false when a rejection has sent the agreement back to draft since it was frozen.
 */
public record AgreementTermsDocument(String agreementId, String canonicalDocument, String termsHash,
                                     boolean current) {
}
