package org.basinledger.query.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.basinledger.api.agreement.AgreementAmendedEvent;
import org.basinledger.api.agreement.AmendmentAdoptedEvent;
import org.basinledger.api.agreement.AmendmentProposedEvent;
import org.basinledger.api.agreement.AmendmentRejectedEvent;
import org.basinledger.api.agreement.AmendmentSignedEvent;
import org.basinledger.api.agreement.AmendmentTookEffectEvent;
import org.basinledger.api.agreement.AmendmentTookEffectEvent.AmendmentSignature;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementDraftedEvent;
import org.basinledger.api.agreement.AgreementEnteredIntoForceEvent;
import org.basinledger.api.agreement.AgreementExpiredEvent;
import org.basinledger.api.agreement.AgreementFullySignedEvent;
import org.basinledger.api.agreement.AgreementOpenedForSignatureEvent;
import org.basinledger.api.agreement.AgreementRejectedEvent;
import org.basinledger.api.agreement.AgreementSignedEvent;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.AgreementStatusView.ObligationView;
import org.basinledger.api.agreement.AgreementStatusView.Outstanding;
import org.basinledger.api.agreement.AgreementStatusView.PartyStatus;
import org.basinledger.api.agreement.AgreementStatusView.Rejection;
import org.basinledger.api.agreement.AgreementTerminatedEvent;
import org.basinledger.api.agreement.AgreementTerminationNoticeGivenEvent;
import org.basinledger.api.agreement.AgreementTerminationNoticeWithdrawnEvent;
import org.basinledger.api.agreement.ObligationFulfilledEvent;
import org.basinledger.api.agreement.ObligationOverdueEvent;
import org.basinledger.api.agreement.ObligationStatus;
import org.basinledger.api.common.Money;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.FixedContributionFellDueEvent;
import org.basinledger.api.compliance.MonitoringReportSubmittedEvent;
import org.basinledger.api.dispute.SubjectDisputeClosedEvent;
import org.basinledger.api.dispute.SubjectDisputedEvent;

/**
 * The agreement status as a pure left fold over the events of the {@code Agreement} aggregate: the same
 * function builds the stored current view and the point-in-time ({@code asOf}) view, so both always agree.
 *
 * <p>Contract of {@link #apply}: events the fold does not know (those of other aggregates, even when they
 * implement {@code AgreementEvent}) return {@code current} unchanged; an agreement event whose aggregate
 * sequence is not newer than {@code current.version()} is a redelivery and also returns {@code current}
 * unchanged (same instance), so callers can detect a no-op by identity. {@code version} becomes the
 * aggregate sequence and {@code updatedAt} the timestamp of the last event applied.
 *
 * <p>Monitoring reports, assessments, fixed contributions falling due and the opening and closing of a dispute
 * on a subject of the agreement are events of the {@code Agreement} aggregate too: they move {@code version} and
 * {@code updatedAt} (the view's version stays the aggregate's, the value for {@code If-Match}) and change nothing
 * else. What they lead to ({@code outstanding}, {@code lastAssessment}, {@code openDisputes}) is computed by the
 * projection from its tables, not folded here.
 */
public final class AgreementStatusFold {

    private static final Outstanding NOTHING_OUTSTANDING = new Outstanding(0, Money.zero(Money.CNY));

    private AgreementStatusFold() {
    }

    /** Whether {@code payload} is an event of the {@code Agreement} aggregate that this fold applies. */
    public static boolean folds(Object payload) {
        return payload instanceof AgreementDraftedEvent
                || payload instanceof AgreementAmendedEvent
                || payload instanceof AgreementOpenedForSignatureEvent
                || payload instanceof AgreementSignedEvent
                || payload instanceof AgreementFullySignedEvent
                || payload instanceof AgreementEnteredIntoForceEvent
                || payload instanceof AgreementRejectedEvent
                || payload instanceof AgreementTerminationNoticeGivenEvent
                || payload instanceof AgreementTerminationNoticeWithdrawnEvent
                || payload instanceof AgreementTerminatedEvent
                || payload instanceof AgreementExpiredEvent
                || payload instanceof ObligationOverdueEvent
                || payload instanceof ObligationFulfilledEvent
                || payload instanceof AmendmentTookEffectEvent
                || movesVersionOnly(payload);
    }

    /** Events of the {@code Agreement} aggregate that change nothing in the view but its version. */
    private static boolean movesVersionOnly(Object payload) {
        return payload instanceof MonitoringReportSubmittedEvent
                || payload instanceof AssessmentRecordedEvent
                || payload instanceof FixedContributionFellDueEvent
                || payload instanceof SubjectDisputedEvent
                || payload instanceof SubjectDisputeClosedEvent
                // an amendment changes the view only when it takes effect
                || payload instanceof AmendmentProposedEvent
                || payload instanceof AmendmentSignedEvent
                || payload instanceof AmendmentAdoptedEvent
                || payload instanceof AmendmentRejectedEvent;
    }

    /**
     * The view after {@code eventPayload}.
     *
     * @param current           the view before the event, {@code null} before the agreement was drafted
     * @param eventPayload      the event's payload
     * @param timestamp         when the event happened
     * @param aggregateSequence the event's sequence number in the agreement aggregate
     * @return the new view; {@code current} itself when the event is unknown or already applied
     * @throws IllegalStateException when an agreement event other than the draft comes before the draft
     */
    public static AgreementStatusView apply(AgreementStatusView current, Object eventPayload, Instant timestamp,
                                            long aggregateSequence) {
        if (!folds(eventPayload)) {
            return current;
        }
        if (current != null && aggregateSequence <= current.version()) {
            return current;
        }
        if (eventPayload instanceof AgreementDraftedEvent e) {
            return drafted(e, timestamp, aggregateSequence);
        }
        if (current == null) {
            throw new IllegalStateException(eventPayload.getClass().getSimpleName()
                    + " at sequence " + aggregateSequence + " for an agreement that was never drafted");
        }
        Builder b = new Builder(current);
        b.version = aggregateSequence;
        b.updatedAt = timestamp;
        if (eventPayload instanceof AgreementAmendedEvent e) {
            b.draft(e.draft());
        } else if (eventPayload instanceof AgreementOpenedForSignatureEvent e) {
            b.status = AgreementStatus.OPEN_FOR_SIGNATURE;
            b.termsHash = e.termsHash();
            if (b.publicSince == null) {
                b.publicSince = timestamp;
            }
        } else if (eventPayload instanceof AgreementSignedEvent e) {
            b.parties = b.parties.stream()
                    .map(p -> p.jurisdictionId().equals(e.jurisdictionId())
                            ? new PartyStatus(p.jurisdictionId(), p.role(), timestamp, e.keyId())
                            : p)
                    .toList();
        } else if (eventPayload instanceof AgreementFullySignedEvent) {
            b.status = AgreementStatus.SIGNED;
            b.signedAt = timestamp;
        } else if (eventPayload instanceof AgreementEnteredIntoForceEvent) {
            b.status = AgreementStatus.IN_FORCE;
            b.inForceAt = timestamp;
        } else if (eventPayload instanceof AgreementRejectedEvent e) {
            b.status = AgreementStatus.DRAFT;
            b.termsHash = null;
            b.signedAt = null;
            b.parties = b.parties.stream()
                    .map(p -> new PartyStatus(p.jurisdictionId(), p.role(), null, null))
                    .toList();
            b.lastRejection = new Rejection(e.rejectedBy(), e.reason(), timestamp);
        } else if (eventPayload instanceof AgreementTerminationNoticeGivenEvent e) {
            b.terminationEffectiveAt = e.effectiveAt();
        } else if (eventPayload instanceof AgreementTerminationNoticeWithdrawnEvent) {
            b.terminationEffectiveAt = null;
        } else if (eventPayload instanceof AgreementTerminatedEvent e) {
            b.status = AgreementStatus.TERMINATED;
            // a notice ends the agreement when it takes effect, even when the ledger recorded it later
            b.endedAt = b.terminationEffectiveAt == null ? timestamp : b.terminationEffectiveAt;
            b.endReason = e.reason();
        } else if (eventPayload instanceof AgreementExpiredEvent e) {
            b.status = AgreementStatus.EXPIRED;
            b.endedAt = timestamp;
            b.endReason = "expired: effective until " + e.effectiveUntil();
        } else if (eventPayload instanceof ObligationOverdueEvent e) {
            b.obligation(e.obligationId(), o -> o.status() == ObligationStatus.FULFILLED ? o
                    : new ObligationView(o.id(), o.party(), o.description(), o.dueDate(), ObligationStatus.OVERDUE,
                    null, o.evidence(), o.note()));
        } else if (eventPayload instanceof AmendmentTookEffectEvent e) {
            b.tookEffect(e);
        } else if (eventPayload instanceof ObligationFulfilledEvent e) {
            b.obligation(e.obligationId(), o -> new ObligationView(o.id(), o.party(), o.description(), o.dueDate(),
                    ObligationStatus.FULFILLED, timestamp, e.evidence() == null ? List.of() : List.copyOf(e.evidence()),
                    e.note()));
        }
        // movesVersionOnly events end here: version and updatedAt are all they change
        return b.build();
    }

    private static AgreementStatusView drafted(AgreementDraftedEvent e, Instant timestamp, long sequence) {
        Builder b = new Builder();
        b.id = e.agreementId();
        b.status = AgreementStatus.DRAFT;
        b.version = sequence;
        b.outstanding = NOTHING_OUTSTANDING;
        b.draftedBy = e.draftedBy();
        b.draftedAt = timestamp;
        b.updatedAt = timestamp;
        b.draft(e.draft());
        return b.build();
    }

    /** Mutable copy of a view: records have no withers, and most events change two or three fields. */
    private static final class Builder {
        String id;
        String title;
        String basin;
        AgreementStatus status;
        long version;
        String termsHash;
        List<PartyStatus> parties = List.of();
        LocalDate effectiveFrom;
        LocalDate effectiveUntil;
        int openDisputes;
        Outstanding outstanding;
        AgreementStatusView.LastAssessment lastAssessment;
        List<ObligationView> obligations = List.of();
        String draftedBy;
        Instant draftedAt;
        Instant publicSince;
        Instant signedAt;
        Instant inForceAt;
        Instant endedAt;
        String endReason;
        Rejection lastRejection;
        Instant updatedAt;
        Instant terminationEffectiveAt;
        String predecessorId;
        int termsVersion;

        Builder() {
        }

        Builder(AgreementStatusView v) {
            id = v.id();
            title = v.title();
            basin = v.basin();
            status = v.status();
            version = v.version();
            termsHash = v.termsHash();
            parties = v.parties() == null ? List.of() : v.parties();
            effectiveFrom = v.effectiveFrom();
            effectiveUntil = v.effectiveUntil();
            openDisputes = v.openDisputes();
            outstanding = v.outstanding();
            lastAssessment = v.lastAssessment();
            obligations = v.obligations() == null ? List.of() : v.obligations();
            draftedBy = v.draftedBy();
            draftedAt = v.draftedAt();
            publicSince = v.publicSince();
            signedAt = v.signedAt();
            inForceAt = v.inForceAt();
            endedAt = v.endedAt();
            endReason = v.endReason();
            lastRejection = v.lastRejection();
            updatedAt = v.updatedAt();
            terminationEffectiveAt = v.terminationEffectiveAt();
            predecessorId = v.predecessorId();
            termsVersion = v.termsVersion();
        }

        /**
         * The amended agreement in effect: its version and hash, end, parties (with their signatures of this
         * version) and obligations (those kept keep their state, new ones are pending, dropped ones are gone).
         */
        void tookEffect(AmendmentTookEffectEvent e) {
            termsVersion = e.number();
            termsHash = e.termsHash();
            effectiveUntil = e.draft().effectiveUntil();
            Map<String, AmendmentSignature> signed = e.signatures().stream()
                    .collect(Collectors.toMap(AmendmentSignature::jurisdictionId, Function.identity(), (a, c) -> a));
            parties = e.draft().parties().stream()
                    .map(p -> {
                        AmendmentSignature s = signed.get(p.jurisdictionId());
                        return new PartyStatus(p.jurisdictionId(), p.role(), s == null ? null : s.signedAt(),
                                s == null ? null : s.keyId());
                    })
                    .toList();
            Map<String, ObligationView> known = obligations.stream()
                    .collect(Collectors.toMap(ObligationView::id, Function.identity(), (a, c) -> a));
            obligations = e.draft().terms().obligations().stream()
                    .map(o -> {
                        ObligationView kept = known.get(o.id());
                        return kept != null && kept.party().equals(o.party())
                                ? new ObligationView(o.id(), o.party(), o.description(), o.dueDate(), kept.status(),
                                kept.fulfilledAt(), kept.evidence(), kept.note())
                                : new ObligationView(o.id(), o.party(), o.description(), o.dueDate(),
                                ObligationStatus.PENDING, null, List.of(), null);
                    })
                    .toList();
        }

        void draft(AgreementDraft draft) {
            title = draft.title();
            basin = draft.basin();
            effectiveFrom = draft.effectiveFrom();
            effectiveUntil = draft.effectiveUntil();
            predecessorId = draft.predecessorId();
            parties = draft.parties() == null ? List.of() : draft.parties().stream()
                    .map(p -> new PartyStatus(p.jurisdictionId(), p.role(), null, null))
                    .toList();
            obligations = draft.terms() == null ? List.of() : draft.terms().obligations().stream()
                    .map(o -> new ObligationView(o.id(), o.party(), o.description(), o.dueDate(),
                            ObligationStatus.PENDING, null, List.of(), null))
                    .toList();
        }

        void obligation(String obligationId, UnaryOperator<ObligationView> change) {
            List<ObligationView> changed = new ArrayList<>(obligations.size());
            for (ObligationView o : obligations) {
                changed.add(o.id().equals(obligationId) ? change.apply(o) : o);
            }
            obligations = List.copyOf(changed);
        }

        AgreementStatusView build() {
            return new AgreementStatusView(id, title, basin, status, version, termsHash, List.copyOf(parties),
                    effectiveFrom, effectiveUntil, openDisputes, outstanding, lastAssessment, List.copyOf(obligations),
                    draftedBy, draftedAt, publicSince, signedAt, inForceAt, endedAt, endReason, lastRejection,
                    updatedAt, terminationEffectiveAt, predecessorId, null, termsVersion);
        }
    }
}
