package org.basinledger.api.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.Money;

/**
 * An agreement's current status as API.md describes it. {@code version} is the aggregate version (the
 * sequence number of its last event), the value for {@code If-Match}. {@code publicSince} is when it was
 * first opened for signature (null while it never was): from then on the public may read it.
 * {@code terminationEffectiveAt} is when a pending notice of termination takes effect (null without one; once it
 * has taken effect, the instant the agreement ended, as {@code endedAt}).
 * {@code predecessorId} is the round this agreement continues (as drafted), {@code successorId} the public round
 * that names it as its predecessor (null while none does). {@code termsVersion} is the version of the terms in
 * effect: 0 the terms signed first, {@code n} once amendment {@code n} has taken effect; {@code termsHash},
 * {@code parties} and {@code effectiveUntil} are that version's (the parties with their signatures of it).
 */
public record AgreementStatusView(
        String id,
        String title,
        String basin,
        AgreementStatus status,
        long version,
        String termsHash,
        List<PartyStatus> parties,
        LocalDate effectiveFrom,
        LocalDate effectiveUntil,
        int openDisputes,
        Outstanding outstanding,
        LastAssessment lastAssessment,
        List<ObligationView> obligations,
        String draftedBy,
        Instant draftedAt,
        Instant publicSince,
        Instant signedAt,
        Instant inForceAt,
        Instant endedAt,
        String endReason,
        Rejection lastRejection,
        Instant updatedAt,
        Instant terminationEffectiveAt,
        String predecessorId,
        String successorId,
        int termsVersion) {

    /** A view of terms never amended (version 0). */
    public AgreementStatusView(String id, String title, String basin, AgreementStatus status, long version,
                               String termsHash, List<PartyStatus> parties, LocalDate effectiveFrom,
                               LocalDate effectiveUntil, int openDisputes, Outstanding outstanding,
                               LastAssessment lastAssessment, List<ObligationView> obligations, String draftedBy,
                               Instant draftedAt, Instant publicSince, Instant signedAt, Instant inForceAt,
                               Instant endedAt, String endReason, Rejection lastRejection, Instant updatedAt,
                               Instant terminationEffectiveAt, String predecessorId, String successorId) {
        this(id, title, basin, status, version, termsHash, parties, effectiveFrom, effectiveUntil, openDisputes,
                outstanding, lastAssessment, obligations, draftedBy, draftedAt, publicSince, signedAt, inForceAt,
                endedAt, endReason, lastRejection, updatedAt, terminationEffectiveAt, predecessorId, successorId, 0);
    }

    /** A view of an agreement that is part of no chain of rounds. */
    public AgreementStatusView(String id, String title, String basin, AgreementStatus status, long version,
                               String termsHash, List<PartyStatus> parties, LocalDate effectiveFrom,
                               LocalDate effectiveUntil, int openDisputes, Outstanding outstanding,
                               LastAssessment lastAssessment, List<ObligationView> obligations, String draftedBy,
                               Instant draftedAt, Instant publicSince, Instant signedAt, Instant inForceAt,
                               Instant endedAt, String endReason, Rejection lastRejection, Instant updatedAt,
                               Instant terminationEffectiveAt) {
        this(id, title, basin, status, version, termsHash, parties, effectiveFrom, effectiveUntil, openDisputes,
                outstanding, lastAssessment, obligations, draftedBy, draftedAt, publicSince, signedAt, inForceAt,
                endedAt, endReason, lastRejection, updatedAt, terminationEffectiveAt, null, null);
    }

    /** A party, its role, and when and with which key it signed the current terms (null while unsigned). */
    public record PartyStatus(String jurisdictionId, PartyRole role, Instant signedAt, String keyId) {
    }

    /** Money owed under the agreement and not yet settled. */
    public record Outstanding(int count, Money total) {
    }

    /** An obligation's current state. */
    public record ObligationView(String id, String party, String description, LocalDate dueDate,
                                 ObligationStatus status, Instant fulfilledAt, List<Evidence> evidence,
                                 String note) {
    }

    /** The most recent assessment of the agreement (compliance work fills this in). */
    public record LastAssessment(String assessmentId, String sectionId, String period, boolean met,
                                 Instant assessedAt) {
    }

    /** The last rejection: who, why, when. */
    public record Rejection(String by, String reason, Instant at) {
    }

    public boolean hasParty(String jurisdictionId) {
        return parties.stream().anyMatch(p -> p.jurisdictionId().equals(jurisdictionId));
    }
}
