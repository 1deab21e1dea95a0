package org.basinledger.query.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.basinledger.query.support.Agreements.HS;
import static org.basinledger.query.support.Agreements.HZ;
import static org.basinledger.query.support.Agreements.SH;
import static org.basinledger.query.support.Agreements.draft;
import static org.basinledger.query.support.Events.at;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.basinledger.api.agreement.AgreementAmendedEvent;
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
import org.basinledger.api.agreement.AgreementStatusView.PartyStatus;
import org.basinledger.api.agreement.AgreementStatusView.Rejection;
import org.basinledger.api.agreement.AgreementTerminatedEvent;
import org.basinledger.api.agreement.AgreementTerminationNoticeGivenEvent;
import org.basinledger.api.agreement.AgreementTerminationNoticeWithdrawnEvent;
import org.basinledger.api.agreement.ObligationFulfilledEvent;
import org.basinledger.api.agreement.ObligationOverdueEvent;
import org.basinledger.api.agreement.ObligationStatus;
import org.basinledger.api.agreement.PartyRole;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.Money;
import org.basinledger.api.compliance.FixedContributionFellDueEvent;
import org.basinledger.api.dispute.DisputeRaisedEvent;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectConsequence;
import org.basinledger.api.dispute.SubjectDisputeClosedEvent;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.api.registry.JurisdictionRegisteredEvent;
import org.basinledger.query.support.Compliance;
import org.junit.jupiter.api.Test;

class AgreementStatusFoldTest {

    private static final String ID = "AG-1";

    private static AgreementStatusView drafted() {
        return AgreementStatusFold.apply(null,
                new AgreementDraftedEvent(ID, HZ, draft("Xin'an compensation", "XINAN", HZ, HS)), at(0), 0);
    }

    private static AgreementStatusView opened() {
        return AgreementStatusFold.apply(drafted(), new AgreementOpenedForSignatureEvent(ID, HZ, "{}", "hash-1"),
                at(10), 1);
    }

    private static AgreementStatusView signedByBoth() {
        AgreementStatusView v = AgreementStatusFold.apply(opened(),
                new AgreementSignedEvent(ID, HZ, "key-hz", "pk-hz", "sig-hz", "hash-1"), at(20), 2);
        return AgreementStatusFold.apply(v, new AgreementSignedEvent(ID, HS, "key-hs", "pk-hs", "sig-hs", "hash-1"),
                at(30), 3);
    }

    private static AgreementStatusView inForce() {
        AgreementStatusView v = AgreementStatusFold.apply(signedByBoth(), new AgreementFullySignedEvent(ID, "hash-1"),
                at(30), 4);
        return AgreementStatusFold.apply(v, new AgreementEnteredIntoForceEvent(ID, LocalDate.of(2026, 1, 1)),
                at(40), 5);
    }

    @Test
    void draftedStartsADraftFromTheDraft() {
        AgreementStatusView v = drafted();

        assertThat(v.id()).isEqualTo(ID);
        assertThat(v.title()).isEqualTo("Xin'an compensation");
        assertThat(v.basin()).isEqualTo("XINAN");
        assertThat(v.status()).isEqualTo(AgreementStatus.DRAFT);
        assertThat(v.version()).isZero();
        assertThat(v.termsHash()).isNull();
        assertThat(v.parties()).containsExactly(new PartyStatus(HZ, PartyRole.UPSTREAM, null, null),
                new PartyStatus(HS, PartyRole.DOWNSTREAM, null, null));
        assertThat(v.effectiveFrom()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(v.effectiveUntil()).isEqualTo(LocalDate.of(2030, 12, 31));
        assertThat(v.openDisputes()).isZero();
        assertThat(v.outstanding().count()).isZero();
        assertThat(v.outstanding().total().amount()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(v.outstanding().total().currency()).isEqualTo("CNY");
        assertThat(v.lastAssessment()).isNull();
        assertThat(v.obligations()).extracting(ObligationView::id, ObligationView::status)
                .containsExactly(tuple("OB-1", ObligationStatus.PENDING),
                        tuple("OB-2", ObligationStatus.PENDING));
        assertThat(v.draftedBy()).isEqualTo(HZ);
        assertThat(v.draftedAt()).isEqualTo(at(0));
        assertThat(v.updatedAt()).isEqualTo(at(0));
        assertThat(v.publicSince()).isNull();
        assertThat(v.signedAt()).isNull();
        assertThat(v.inForceAt()).isNull();
        assertThat(v.endedAt()).isNull();
        assertThat(v.lastRejection()).isNull();
    }

    @Test
    void amendedReplacesTheDraftAndKeepsTheDraftingFacts() {
        AgreementStatusView v = AgreementStatusFold.apply(drafted(),
                new AgreementAmendedEvent(ID, HS, draft("Xin'an compensation II", "XINAN-2", HS, SH)), at(5), 1);

        assertThat(v.title()).isEqualTo("Xin'an compensation II");
        assertThat(v.basin()).isEqualTo("XINAN-2");
        assertThat(v.parties()).extracting(PartyStatus::jurisdictionId).containsExactly(HS, SH);
        assertThat(v.obligations()).extracting(ObligationView::party).containsOnly(HS);
        assertThat(v.status()).isEqualTo(AgreementStatus.DRAFT);
        assertThat(v.version()).isEqualTo(1);
        assertThat(v.updatedAt()).isEqualTo(at(5));
        assertThat(v.draftedBy()).isEqualTo(HZ);
        assertThat(v.draftedAt()).isEqualTo(at(0));
    }

    @Test
    void openedFreezesTheTermsAndMakesTheAgreementPublic() {
        AgreementStatusView v = opened();

        assertThat(v.status()).isEqualTo(AgreementStatus.OPEN_FOR_SIGNATURE);
        assertThat(v.termsHash()).isEqualTo("hash-1");
        assertThat(v.publicSince()).isEqualTo(at(10));
        assertThat(v.version()).isEqualTo(1);
    }

    @Test
    void signedRecordsWhenAndWithWhichKeyThatPartySigned() {
        AgreementStatusView v = AgreementStatusFold.apply(opened(),
                new AgreementSignedEvent(ID, HS, "key-hs", "pk-hs", "sig-hs", "hash-1"), at(20), 2);

        assertThat(v.parties()).containsExactly(new PartyStatus(HZ, PartyRole.UPSTREAM, null, null),
                new PartyStatus(HS, PartyRole.DOWNSTREAM, at(20), "key-hs"));
        assertThat(v.status()).isEqualTo(AgreementStatus.OPEN_FOR_SIGNATURE);
        assertThat(v.signedAt()).isNull();
    }

    @Test
    void fullySignedMakesItSigned() {
        AgreementStatusView v = AgreementStatusFold.apply(signedByBoth(), new AgreementFullySignedEvent(ID, "hash-1"),
                at(31), 4);

        assertThat(v.status()).isEqualTo(AgreementStatus.SIGNED);
        assertThat(v.signedAt()).isEqualTo(at(31));
        assertThat(v.version()).isEqualTo(4);
    }

    @Test
    void enteredIntoForceMakesItInForce() {
        AgreementStatusView v = inForce();

        assertThat(v.status()).isEqualTo(AgreementStatus.IN_FORCE);
        assertThat(v.inForceAt()).isEqualTo(at(40));
        assertThat(v.version()).isEqualTo(5);
    }

    @Test
    void rejectedVoidsEverySignatureAndTheTermsHash() {
        AgreementStatusView v = AgreementStatusFold.apply(signedByBoth(),
                new AgreementRejectedEvent(ID, HS, "wrong baseline", List.of(HZ, HS)), at(35), 4);

        assertThat(v.status()).isEqualTo(AgreementStatus.DRAFT);
        assertThat(v.termsHash()).isNull();
        assertThat(v.parties()).allSatisfy(p -> {
            assertThat(p.signedAt()).isNull();
            assertThat(p.keyId()).isNull();
        });
        assertThat(v.lastRejection()).isEqualTo(new Rejection(HS, "wrong baseline", at(35)));
        assertThat(v.publicSince()).isEqualTo(at(10));
    }

    @Test
    void reopeningKeepsTheFirstPublicSince() {
        AgreementStatusView rejected = AgreementStatusFold.apply(opened(),
                new AgreementRejectedEvent(ID, HS, "no", List.of()), at(15), 2);
        AgreementStatusView reopened = AgreementStatusFold.apply(rejected,
                new AgreementOpenedForSignatureEvent(ID, HZ, "{\"v\":2}", "hash-2"), at(50), 3);

        assertThat(reopened.publicSince()).isEqualTo(at(10));
        assertThat(reopened.termsHash()).isEqualTo("hash-2");
        assertThat(reopened.status()).isEqualTo(AgreementStatus.OPEN_FOR_SIGNATURE);
        assertThat(reopened.lastRejection()).isEqualTo(new Rejection(HS, "no", at(15)));
    }

    @Test
    void terminatedEndsItWithTheReason() {
        AgreementStatusView v = AgreementStatusFold.apply(inForce(),
                new AgreementTerminatedEvent(ID, HS, "basin plan replaced"), at(60), 6);

        assertThat(v.status()).isEqualTo(AgreementStatus.TERMINATED);
        assertThat(v.endedAt()).isEqualTo(at(60));
        assertThat(v.endReason()).isEqualTo("basin plan replaced");
    }

    @Test
    void aNoticeOfTerminationKeepsItInForceAndShowsWhenItTakesEffect() {
        AgreementStatusView v = AgreementStatusFold.apply(inForce(),
                new AgreementTerminationNoticeGivenEvent(ID, HS, "basin plan replaced", at(1000)), at(60), 6);

        assertThat(v.status()).isEqualTo(AgreementStatus.IN_FORCE);
        assertThat(v.terminationEffectiveAt()).isEqualTo(at(1000));
        assertThat(v.endedAt()).isNull();
        assertThat(v.version()).isEqualTo(6);
    }

    @Test
    void aWithdrawnNoticeLeavesNoDateOfEffect() {
        AgreementStatusView noticed = AgreementStatusFold.apply(inForce(),
                new AgreementTerminationNoticeGivenEvent(ID, HS, "basin plan replaced", at(1000)), at(60), 6);
        AgreementStatusView v = AgreementStatusFold.apply(noticed,
                new AgreementTerminationNoticeWithdrawnEvent(ID, HS, null), at(70), 7);

        assertThat(v.status()).isEqualTo(AgreementStatus.IN_FORCE);
        assertThat(v.terminationEffectiveAt()).isNull();
    }

    @Test
    void aNoticeThatTookEffectEndsItWhenItTookEffectEvenIfRecordedLater() {
        AgreementStatusView noticed = AgreementStatusFold.apply(inForce(),
                new AgreementTerminationNoticeGivenEvent(ID, HS, "basin plan replaced", at(1000)), at(60), 6);
        AgreementStatusView v = AgreementStatusFold.apply(noticed,
                new AgreementTerminatedEvent(ID, HS, "basin plan replaced"), at(1003), 7);

        assertThat(v.status()).isEqualTo(AgreementStatus.TERMINATED);
        assertThat(v.endedAt()).isEqualTo(at(1000));
        assertThat(v.terminationEffectiveAt()).isEqualTo(at(1000));
        assertThat(v.endReason()).isEqualTo("basin plan replaced");
    }

    @Test
    void expiredEndsItAtItsEffectiveUntil() {
        AgreementStatusView v = AgreementStatusFold.apply(inForce(),
                new AgreementExpiredEvent(ID, LocalDate.of(2030, 12, 31)), at(70), 6);

        assertThat(v.status()).isEqualTo(AgreementStatus.EXPIRED);
        assertThat(v.endedAt()).isEqualTo(at(70));
        assertThat(v.endReason()).contains("2030-12-31");
    }

    @Test
    void overdueMarksOnlyThatObligation() {
        AgreementStatusView v = AgreementStatusFold.apply(inForce(),
                new ObligationOverdueEvent(ID, "OB-1", HZ, LocalDate.of(2026, 6, 30)), at(80), 6);

        assertThat(v.obligations()).extracting(ObligationView::status)
                .containsExactly(ObligationStatus.OVERDUE, ObligationStatus.PENDING);
    }

    @Test
    void fulfilledRecordsEvidenceAndNoteAlsoWhenLate() {
        Evidence evidence = new Evidence("ab".repeat(32), "https://example.org/report.pdf", "acceptance report");
        AgreementStatusView overdue = AgreementStatusFold.apply(inForce(),
                new ObligationOverdueEvent(ID, "OB-1", HZ, LocalDate.of(2026, 6, 30)), at(80), 6);
        AgreementStatusView v = AgreementStatusFold.apply(overdue,
                new ObligationFulfilledEvent(ID, "OB-1", HZ, List.of(evidence), "late but done", true), at(90), 7);

        ObligationView ob = v.obligations().get(0);
        assertThat(ob.status()).isEqualTo(ObligationStatus.FULFILLED);
        assertThat(ob.fulfilledAt()).isEqualTo(at(90));
        assertThat(ob.evidence()).containsExactly(evidence);
        assertThat(ob.note()).isEqualTo("late but done");
        assertThat(v.obligations().get(1).status()).isEqualTo(ObligationStatus.PENDING);
        assertThat(v.version()).isEqualTo(7);
    }

    @Test
    void anOlderOrRepeatedSequenceIsARedeliveryAndChangesNothing() {
        AgreementStatusView v = opened();

        assertThat(AgreementStatusFold.apply(v, new AgreementOpenedForSignatureEvent(ID, HZ, "{}", "other"), at(99), 1))
                .isSameAs(v);
        assertThat(AgreementStatusFold.apply(v,
                new AgreementDraftedEvent(ID, HZ, draft("Other", "OTHER", SH)), at(99), 0)).isSameAs(v);
    }

    @Test
    void eventsOfOtherKindsLeaveTheViewAlone() {
        AgreementStatusView v = drafted();

        assertThat(AgreementStatusFold.apply(v, new JurisdictionRegisteredEvent(HZ, "Hangzhou", null, null), at(1), 7))
                .isSameAs(v);
        assertThat(AgreementStatusFold.apply(null, "not an event", at(1), 0)).isNull();
        assertThat(AgreementStatusFold.folds(new JurisdictionRegisteredEvent(HZ, "Hangzhou", null, null))).isFalse();
    }

    @Test
    void reportsAssessmentsAndContributionsFallingDueMoveOnlyTheVersion() {
        AgreementStatusView v = inForce();
        List<Object> events = List.of(
                Compliance.report(ID, "R-1", "JIEKOU", "2025", "10"),
                Compliance.assessment(ID, "AS-1", "JIEKOU", "2025", false, "TR-1"),
                new FixedContributionFellDueEvent(ID, 2, 1, "2026", "CN-MOF", HS,
                        Money.of("300000000.00", Money.CNY), at(60), "TR-2"));
        long sequence = v.version();
        for (Object event : events) {
            assertThat(AgreementStatusFold.folds(event)).isTrue();
            AgreementStatusView next = AgreementStatusFold.apply(v, event, at(50 + sequence), sequence + 1);
            assertThat(next.version()).isEqualTo(sequence + 1);
            assertThat(next.updatedAt()).isEqualTo(at(50 + sequence));
            assertThat(next).usingRecursiveComparison().ignoringFields("version", "updatedAt").isEqualTo(inForce());
            assertThat(AgreementStatusFold.apply(next, event, at(99), sequence + 1)).isSameAs(next);
            v = next;
            sequence++;
        }
        assertThat(v.outstanding()).isEqualTo(inForce().outstanding());
        assertThat(v.lastAssessment()).isNull();
    }

    @Test
    void aSubjectDisputedAndItsDisputeClosedMoveOnlyTheVersion() {
        Subject report = new Subject(SubjectType.MONITORING_REPORT, "R-1");
        AgreementStatusView v = inForce();
        List<Object> events = List.of(
                new SubjectDisputedEvent(ID, "D-1", report, null),
                new SubjectDisputeClosedEvent(ID, "D-1", report, RulingOutcome.UPHELD,
                        SubjectConsequence.REPORT_REJECTED),
                new SubjectDisputedEvent(ID, "D-2", new Subject(SubjectType.ASSESSMENT, "AS-1"), "TR-1"),
                new SubjectDisputeClosedEvent(ID, "D-2", new Subject(SubjectType.ASSESSMENT, "AS-1"), null,
                        SubjectConsequence.RELEASED));
        long sequence = v.version();
        for (Object event : events) {
            assertThat(AgreementStatusFold.folds(event)).isTrue();
            AgreementStatusView next = AgreementStatusFold.apply(v, event, at(70 + sequence), sequence + 1);
            assertThat(next.version()).isEqualTo(sequence + 1);
            assertThat(next.updatedAt()).isEqualTo(at(70 + sequence));
            assertThat(next).usingRecursiveComparison().ignoringFields("version", "updatedAt").isEqualTo(inForce());
            assertThat(AgreementStatusFold.apply(next, event, at(99), sequence + 1)).isSameAs(next);
            v = next;
            sequence++;
        }
        assertThat(v.openDisputes()).isZero();
        // dispute events of the Dispute aggregate are not the agreement's: not folded
        assertThat(AgreementStatusFold.folds(new DisputeRaisedEvent("D-3", ID, HZ, report, List.of(HS), "c")))
                .isFalse();
    }

    @Test
    void anAgreementEventBeforeTheDraftIsRefused() {
        assertThatThrownBy(() -> AgreementStatusFold.apply(null,
                new AgreementOpenedForSignatureEvent(ID, HZ, "{}", "hash-1"), at(0), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never drafted");
    }

    @Test
    void aFullLifecycleFoldsToTheEndedAgreement() {
        List<Object> events = List.of(
                new AgreementDraftedEvent(ID, HZ, draft("Xin'an compensation", "XINAN", HZ, HS)),
                new AgreementAmendedEvent(ID, HS, draft("Xin'an compensation, final", "XINAN", HZ, HS)),
                new AgreementOpenedForSignatureEvent(ID, HZ, "{}", "hash-1"),
                new AgreementSignedEvent(ID, HZ, "key-hz", "pk", "sig", "hash-1"),
                new AgreementRejectedEvent(ID, HS, "typo in annex", List.of(HZ)),
                new AgreementAmendedEvent(ID, HS, draft("Xin'an compensation, final 2", "XINAN", HZ, HS)),
                new AgreementOpenedForSignatureEvent(ID, HS, "{\"v\":2}", "hash-2"),
                new AgreementSignedEvent(ID, HZ, "key-hz", "pk", "sig", "hash-2"),
                new AgreementSignedEvent(ID, HS, "key-hs", "pk", "sig", "hash-2"),
                new AgreementFullySignedEvent(ID, "hash-2"),
                new AgreementEnteredIntoForceEvent(ID, LocalDate.of(2026, 1, 1)),
                new ObligationFulfilledEvent(ID, "OB-2", HZ, List.of(), null, false),
                new ObligationOverdueEvent(ID, "OB-1", HZ, LocalDate.of(2026, 6, 30)),
                new AgreementTerminatedEvent(ID, HS, "superseded"));

        AgreementStatusView v = null;
        for (int i = 0; i < events.size(); i++) {
            v = AgreementStatusFold.apply(v, events.get(i), at(i), i);
        }

        assertThat(v.title()).isEqualTo("Xin'an compensation, final 2");
        assertThat(v.status()).isEqualTo(AgreementStatus.TERMINATED);
        assertThat(v.version()).isEqualTo(events.size() - 1);
        assertThat(v.termsHash()).isEqualTo("hash-2");
        assertThat(v.publicSince()).isEqualTo(at(2));
        assertThat(v.parties()).extracting(PartyStatus::signedAt).containsExactly(at(7), at(8));
        assertThat(v.signedAt()).isEqualTo(at(9));
        assertThat(v.inForceAt()).isEqualTo(at(10));
        assertThat(v.obligations()).extracting(ObligationView::status)
                .containsExactly(ObligationStatus.OVERDUE, ObligationStatus.FULFILLED);
        assertThat(v.lastRejection()).isEqualTo(new Rejection(HS, "typo in annex", at(4)));
        assertThat(v.endedAt()).isEqualTo(at(13));
        assertThat(v.endReason()).isEqualTo("superseded");
        assertThat(v.updatedAt()).isEqualTo(at(13));
    }

    @Test
    void anAmendmentMovesOnlyTheVersionUntilItTakesEffectThenItsTermsPartiesAndSignaturesAreTheViews() {
        AgreementStatusView v = inForce();
        org.basinledger.api.agreement.AgreementDraft before = draft("Xin'an compensation", "XINAN", HZ, HS);
        List<org.basinledger.api.agreement.Party> parties = new java.util.ArrayList<>(before.parties());
        parties.add(new org.basinledger.api.agreement.Party(SH, PartyRole.MEMBER));
        org.basinledger.api.agreement.AgreementTerms terms = new org.basinledger.api.agreement.AgreementTerms(
                before.terms().text(), List.of(), List.of(before.terms().obligations().get(0),
                new org.basinledger.api.agreement.ObligationTerm("OB-3", SH, "Join the monitoring",
                        LocalDate.of(2027, 6, 30))), List.of());
        org.basinledger.api.agreement.AgreementDraft amended = new org.basinledger.api.agreement.AgreementDraft(
                before.title(), before.basin(), parties, before.effectiveFrom(), LocalDate.of(2032, 12, 31), terms);
        v = AgreementStatusFold.apply(v, new ObligationFulfilledEvent(ID, "OB-1", HZ, List.of(), "done", false),
                at(45), 6);
        AgreementStatusView proposed = AgreementStatusFold.apply(v,
                new org.basinledger.api.agreement.AmendmentProposedEvent(ID, 1, HZ, "Shanghai joins",
                        LocalDate.of(2026, 6, 1), amended, List.of(HZ, HS, SH), "{}", "hash-2", "hash-1"), at(50), 7);
        assertThat(proposed.version()).isEqualTo(7);
        assertThat(proposed.termsVersion()).isZero();
        assertThat(proposed.termsHash()).isEqualTo("hash-1");
        assertThat(proposed.parties()).hasSize(2);

        AgreementStatusView inEffect = AgreementStatusFold.apply(proposed,
                new org.basinledger.api.agreement.AmendmentTookEffectEvent(ID, 1, "hash-2", LocalDate.of(2026, 6, 1),
                        amended, List.of(
                        new org.basinledger.api.agreement.AmendmentTookEffectEvent.AmendmentSignature(HZ, "k-hz", at(51)),
                        new org.basinledger.api.agreement.AmendmentTookEffectEvent.AmendmentSignature(HS, "k-hs", at(52)),
                        new org.basinledger.api.agreement.AmendmentTookEffectEvent.AmendmentSignature(SH, "k-sh", at(53)))),
                at(60), 8);
        assertThat(inEffect.termsVersion()).isEqualTo(1);
        assertThat(inEffect.termsHash()).isEqualTo("hash-2");
        assertThat(inEffect.effectiveUntil()).isEqualTo(LocalDate.of(2032, 12, 31));
        assertThat(inEffect.parties()).containsExactly(new PartyStatus(HZ, PartyRole.UPSTREAM, at(51), "k-hz"),
                new PartyStatus(HS, PartyRole.DOWNSTREAM, at(52), "k-hs"), new PartyStatus(SH, PartyRole.MEMBER, at(53), "k-sh"));
        // a kept obligation keeps its state, a new one is pending, a dropped one is gone
        assertThat(inEffect.obligations()).extracting(ObligationView::id, ObligationView::status)
                .containsExactly(tuple("OB-1", ObligationStatus.FULFILLED), tuple("OB-3", ObligationStatus.PENDING));
        assertThat(inEffect.status()).isEqualTo(AgreementStatus.IN_FORCE);
    }
}
