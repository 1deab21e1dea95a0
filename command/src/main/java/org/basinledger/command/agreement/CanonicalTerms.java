package org.basinledger.command.agreement;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementTerms;
import org.basinledger.api.agreement.Party;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The document every party signs: the agreement id and its draft as RFC 8785 (JCS) JSON, and the lowercase hex
 * SHA-256 of its UTF-8 bytes. Decimals (also money amounts) are JSON strings in plain notation, so no reader
 * ever passes them through binary floating point; dates are ISO; null fields are left out, empty lists kept,
 * so adding an optional field to the terms later does not change the hash of existing documents.
 */
public record CanonicalTerms(String document, String termsHash) {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule().addSerializer(BigDecimal.class, new PlainDecimalSerializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            // Record components only: helper methods such as Money.greaterThanZero() must not become signed fields.
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .build();

    /** The canonical document and hash of the agreement's draft. */
    public static CanonicalTerms of(String agreementId, AgreementDraft draft) {
        Document document = new Document(agreementId, draft.title(), draft.basin(), draft.parties(),
                draft.effectiveFrom(), draft.effectiveUntil(), draft.terms(), draft.predecessorId());
        try {
            String canonical = new JsonCanonicalizer(MAPPER.writeValueAsString(document)).getEncodedString();
            return new CanonicalTerms(canonical, sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("the terms of " + agreementId + " cannot be written as JSON", e);
        }
    }

    /**
     * The canonical document and hash of amendment {@code number}: the agreement id, the number, the hash of the
     * terms it replaces, the day from which it applies and why, and the whole amended agreement as in
     * {@link #of}; signed by every party of the old and the new list.
     */
    public static CanonicalTerms ofAmendment(String agreementId, int number, String replacesTermsHash,
                                             LocalDate validFrom, String reason, AgreementDraft draft) {
        AmendmentDocument document = new AmendmentDocument(agreementId, number, replacesTermsHash, validFrom, reason,
                draft.title(), draft.basin(), draft.parties(), draft.effectiveFrom(), draft.effectiveUntil(),
                draft.terms(), draft.predecessorId());
        return canonical(agreementId, document);
    }

    private static CanonicalTerms canonical(String agreementId, Object document) {
        try {
            String canonical = new JsonCanonicalizer(MAPPER.writeValueAsString(document)).getEncodedString();
            return new CanonicalTerms(canonical, sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("the terms of " + agreementId + " cannot be written as JSON", e);
        }
    }

    /** The exact bytes that are hashed and signed. */
    public byte[] bytes() {
        return document.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** {@code predecessorId}: the round it continues, signed with the rest (left out when there is none). */
    private record Document(String agreementId, String title, String basin, List<Party> parties,
                            LocalDate effectiveFrom, LocalDate effectiveUntil, AgreementTerms terms,
                            String predecessorId) {
    }

    /** An amendment: {@code amendment} its number, {@code replacesTermsHash} the version it amends. */
    private record AmendmentDocument(String agreementId, int amendment, String replacesTermsHash, LocalDate validFrom,
                                     String reason, String title, String basin, List<Party> parties,
                                     LocalDate effectiveFrom, LocalDate effectiveUntil, AgreementTerms terms,
                                     String predecessorId) {
    }

    private static final class PlainDecimalSerializer extends JsonSerializer<BigDecimal> {
        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider serializers)
                throws IOException {
            generator.writeString(value.toPlainString());
        }
    }
}
