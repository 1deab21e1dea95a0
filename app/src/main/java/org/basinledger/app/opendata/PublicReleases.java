package org.basinledger.app.opendata;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What of each event of an agreement's history the public may read, as a whitelist of the event's top-level
 * fields per event type. A release depends on its event alone, so a published release never changes.
 * <ul>
 * <li>Drafting and amending happen before the terms are public: their releases are markers (who, when) without
 * the draft. The terms become public with {@code AgreementOpenedForSignature}, whose canonical document is
 * exactly what was signed.</li>
 * <li>Dispute statements are never published, not even as markers; a raised or withdrawn dispute is a marker
 * (its id and subject), without the claim; a ruling is published with its reasoning.</li>
 * <li>An event type this class does not know is published as a marker: a new event type or field is private
 * until someone decides otherwise here.</li>
 * </ul>
 */
public final class PublicReleases {

    /** What a type of event publishes. */
    public enum Disclosure {
        /** The whitelisted fields. */
        CONTENT,
        /** Only the identifying fields; the release says its content is withheld. */
        MARKER,
        /** No release at all. */
        OMITTED
    }

    /** The policy for one event type: the disclosure and the fields it publishes. */
    public record Policy(Disclosure disclosure, List<String> fields) {
    }

    private static final Policy OMIT = new Policy(Disclosure.OMITTED, List.of());
    private static final Policy UNKNOWN = new Policy(Disclosure.MARKER, List.of("agreementId"));

    private static final Map<String, Policy> POLICIES = Map.ofEntries(
            marker("AgreementDrafted", "agreementId", "draftedBy"),
            marker("AgreementAmended", "agreementId", "amendedBy"),
            content("AgreementOpenedForSignature", "agreementId", "openedBy", "canonicalDocument", "termsHash"),
            content("AgreementSigned", "agreementId", "jurisdictionId", "keyId", "publicKey", "signature", "termsHash"),
            content("AgreementFullySigned", "agreementId", "termsHash"),
            content("AgreementRejected", "agreementId", "rejectedBy", "reason", "voidedSignatures"),
            content("AgreementEnteredIntoForce", "agreementId", "effectiveFrom"),
            // an amendment's document is its signatories' until adopted: the proposal is published without it
            content("AmendmentProposed", "agreementId", "number", "proposedBy", "reason", "validFrom", "signatories",
                    "termsHash", "replacesTermsHash"),
            content("AmendmentSigned", "agreementId", "number", "jurisdictionId", "keyId", "publicKey", "signature",
                    "termsHash"),
            content("AmendmentAdopted", "agreementId", "number", "termsHash", "validFrom"),
            content("AmendmentRejected", "agreementId", "number", "rejectedBy", "reason", "voidedSignatures"),
            content("AmendmentTookEffect", "agreementId", "number", "termsHash", "validFrom", "draft", "signatures"),
            content("AgreementTerminationNoticeGiven", "agreementId", "givenBy", "reason", "effectiveAt"),
            content("AgreementTerminationNoticeWithdrawn", "agreementId", "withdrawnBy", "reason"),
            content("AgreementTerminated", "agreementId", "terminatedBy", "reason"),
            content("AgreementExpired", "agreementId", "effectiveUntil"),
            content("ObligationFulfilled", "agreementId", "obligationId", "party", "evidence", "note", "late"),
            content("ObligationOverdue", "agreementId", "obligationId", "party", "dueDate"),
            content("MonitoringReportSubmitted", "agreementId", "reportId", "submittedBy", "sectionId", "period",
                    "samples", "flowCubicMetresPerSecond"),
            content("AssessmentRecorded", "agreementId", "assessmentId", "assessedBy", "sectionId", "rule", "period",
                    "inputs", "result", "transferId"),
            content("FixedContributionFellDue", "agreementId", "ruleIndex", "year", "period", "payer", "payee",
                    "amount", "dueAt", "transferId"),
            content("TransferCreated", "transferId", "agreementId", "payer", "payee", "amount", "reason", "source",
                    "sourceId", "dueDate", "lateInterestDailyRate"),
            content("TransferOverdue", "transferId", "agreementId", "payer", "payee", "dueDate"),
            content("LateInterestCharged", "transferId", "agreementId", "payer", "payee", "amount", "dueDate", "paidOn",
                    "daysLate", "dailyRate", "interest", "interestTransferId"),
            content("TransferAcknowledged", "transferId", "agreementId", "payer"),
            content("TransferPaid", "transferId", "agreementId", "payer", "reference", "paidAt"),
            content("TransferSettled", "transferId", "agreementId", "payee"),
            content("TransferDisputed", "transferId", "agreementId", "disputeId", "previousStatus"),
            content("TransferReleased", "transferId", "agreementId", "disputeId", "status"),
            content("TransferAdjusted", "transferId", "agreementId", "disputeId", "previousAmount", "amount"),
            content("TransferCancelled", "transferId", "agreementId", "disputeId"),
            marker("DisputeRaised", "disputeId", "agreementId", "subject"),
            content("MediatorAssigned", "disputeId", "agreementId", "mediatorId"),
            Map.entry("StatementAdded", OMIT),
            content("DisputeRuled", "disputeId", "agreementId", "subject", "mediatorId", "outcome", "reasoning",
                    "adjustedAmount"),
            marker("DisputeWithdrawn", "disputeId", "agreementId", "subject"),
            content("SubjectDisputed", "agreementId", "disputeId", "subject", "relatedTransferId"),
            content("SubjectDisputeClosed", "agreementId", "disputeId", "subject", "outcome", "consequence"));

    private PublicReleases() {
    }

    /** The policy for an event type as the history names it ({@code AgreementSigned}). */
    public static Policy policy(String eventType) {
        return POLICIES.getOrDefault(eventType, UNKNOWN);
    }

    /** The public part of an event's payload, or empty when the event is not published at all. */
    public static Optional<ObjectNode> publicContent(String eventType, JsonNode payload) {
        Policy policy = policy(eventType);
        if (policy.disclosure() == Disclosure.OMITTED) {
            return Optional.empty();
        }
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        for (String field : policy.fields()) {
            if (payload != null && payload.has(field)) {
                content.set(field, payload.get(field).deepCopy());
            }
        }
        return Optional.of(content);
    }

    private static Map.Entry<String, Policy> content(String type, String... fields) {
        return Map.entry(type, new Policy(Disclosure.CONTENT, List.of(fields)));
    }

    private static Map.Entry<String, Policy> marker(String type, String... fields) {
        return Map.entry(type, new Policy(Disclosure.MARKER, List.of(fields)));
    }
}
