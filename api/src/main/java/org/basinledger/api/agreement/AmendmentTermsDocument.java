package org.basinledger.api.agreement;

/**
 * An amendment's canonical document (RFC 8785 JSON) exactly as hashed and signed, its SHA-256 in lowercase hex, and
 * the amendment it belongs to (for who may read it: its signatories until adopted, then everyone).
 */
public record AmendmentTermsDocument(String agreementId, int number, String canonicalDocument, String termsHash,
                                     AmendmentView amendment) {
}
