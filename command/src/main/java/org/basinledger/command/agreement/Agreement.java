package org.basinledger.command.agreement;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.basinledger.api.agreement.AgreementAmendedEvent;
import org.basinledger.api.agreement.AmendmentAdoptedEvent;
import org.basinledger.api.agreement.AmendmentProposedEvent;
import org.basinledger.api.agreement.AmendmentRejectedEvent;
import org.basinledger.api.agreement.AmendmentSignedEvent;
import org.basinledger.api.agreement.AmendmentTookEffectEvent;
import org.basinledger.api.agreement.AmendmentTookEffectEvent.AmendmentSignature;
import org.basinledger.api.agreement.Party;
import org.basinledger.api.agreement.ProposeAmendmentCommand;
import org.basinledger.api.agreement.RejectAmendmentCommand;
import org.basinledger.api.agreement.SignAmendmentCommand;
import java.util.LinkedHashSet;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementDraftedEvent;
import org.basinledger.api.agreement.AgreementEnteredIntoForceEvent;
import org.basinledger.api.agreement.AgreementExpiredEvent;
import org.basinledger.api.agreement.AgreementFullySignedEvent;
import org.basinledger.api.agreement.AgreementOpenedForSignatureEvent;
import org.basinledger.api.agreement.AgreementRejectedEvent;
import org.basinledger.api.agreement.AgreementSignedEvent;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.AgreementTerminatedEvent;
import org.basinledger.api.agreement.AgreementTerminationNoticeGivenEvent;
import org.basinledger.api.agreement.AgreementTerminationNoticeWithdrawnEvent;
import org.basinledger.api.agreement.AssessmentPeriod;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.AmendAgreementCommand;
import org.basinledger.api.agreement.DraftAgreementCommand;
import org.basinledger.api.agreement.FulfilObligationCommand;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.ObligationFulfilledEvent;
import org.basinledger.api.agreement.ObligationOverdueEvent;
import org.basinledger.api.agreement.ObligationStatus;
import org.basinledger.api.agreement.ObligationTerm;
import org.basinledger.api.agreement.OpenAgreementForSignatureCommand;
import org.basinledger.api.agreement.RejectAgreementCommand;
import org.basinledger.api.agreement.SignAgreementCommand;
import org.basinledger.api.agreement.TerminateAgreementCommand;
import org.basinledger.api.agreement.WithdrawTerminationNoticeCommand;
import org.basinledger.api.common.Actor;
import org.basinledger.api.common.AlreadyExistsException;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.common.ReportingPeriod;
import org.basinledger.api.common.SignatureRejectedException;
import org.basinledger.api.common.StaleVersionException;
import org.basinledger.api.common.UnderDisputeException;
import org.basinledger.api.compliance.AssessSectionCommand;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.FixedContributionFellDueEvent;
import org.basinledger.api.compliance.MonitoringReportSubmittedEvent;
import org.basinledger.api.compliance.SubmitMonitoringReportCommand;
import org.basinledger.api.dispute.CloseSubjectDisputeCommand;
import org.basinledger.api.dispute.OpenSubjectDisputeCommand;
import org.basinledger.api.dispute.RemedyType;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectConsequence;
import org.basinledger.api.dispute.SubjectDisputeClosedEvent;
import org.basinledger.api.dispute.SubjectDisputedEvent;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.command.agreement.AgreementDirectory.AgreementFacts;
import org.basinledger.command.agreement.ComplianceRecord.Archive;
import org.basinledger.command.agreement.ComplianceRecord.ReportSummary;
import org.basinledger.command.agreement.ComplianceRecord.StoredReport;
import org.basinledger.command.registry.Ed25519Keys;
import org.basinledger.command.registry.JurisdictionDirectory;
import org.basinledger.command.registry.JurisdictionDirectory.SigningKey;

/**
 * An agreement between jurisdictions, from draft to its end. Invariants: only parties act on it; its terms
 * change only in {@code DRAFT} (a rejection is the only road back there, voiding every signature); every
 * signature verifies over the frozen canonical document with a key of its signer that was active when it
 * signed; it enters into force only once every party has signed and {@code effectiveFrom} has begun; only the
 * obligated party fulfils an obligation, and only while the agreement is in force. A party terminates it at once,
 * or, when the terms ask for notice, by one notice at a time that takes effect on a deadline unless the party
 * that gave it withdraws it before. Monitoring reports are
 * accepted in force and for {@code reportingGraceDays} after its end, for its sections and effective dates (after a
 * termination, for periods begun and samples taken before it; samples only on days in force); a section is
 * assessed once per rule and period, over the period's days in force (cut by the effective dates or a
 * termination) once they have ended, from every sample of the period not left out; each fixed contribution falls due once, on its anniversary, while in force. A
 * subject of the agreement (itself, an obligation of its terms, one of its reports or assessments) is under at
 * most one open dispute at a time, a rejected report or an annulled assessment under none: a disputed report
 * is left out of assessments until the ruling (for good when the ruling rejects it), a period is not assessed
 * while a report of its section and of a period overlapping it is under dispute, and an annulled assessment frees
 * its period to be assessed again.
 *
 * <p>Its state stays small as its history grows: of each report it keeps a summary ({@link ComplianceRecord}),
 * never the samples, and only while an assessment may still need it: once every period covering the report's
 * months is assessed (or can never be), only the report's place in the stream is kept, and the few commands that
 * need it after all read it back ({@link StoredReports}, a handler parameter). A command reads only the months it
 * concerns. Its stream still grows with every report, so it is snapshotted ({@link AgreementSnapshots}; the state
 * is Jackson-serializable field by field): a load reads the latest snapshot and the few events after it. The
 * snapshot's revision ({@link Revision}) is that of this state's shape: Axon ignores snapshots of another revision
 * (its {@code RevisionSnapshotFilter}) and reads the events instead.
 *
 * <p>In force, it changes only by a signed amendment: a party proposes one (one open at a time), every party of
 * the old and of the new list signs its canonical document, and from {@code validFrom} it is the version in effect
 * ({@code draft}: who the parties are, the sections, the end date, what the next contributions pay); a rejection by
 * any of them leaves the terms as they were. Every version is kept: a period is assessed, and a year's fixed
 * contribution paid, under the version in effect on its first day, found by date ({@link #versionOn}), never by
 * when the command runs. An amendment applies from a day it can still be adopted on: its last signature must come
 * before {@code validFrom} has ended, so no period beginning under it can have been assessed before.
 */
@Aggregate(cache = "agreementCache", snapshotTriggerDefinition = AgreementSnapshots.TRIGGER)
@Revision("3")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class Agreement {

    /** Deadline: the signed agreement's {@code effectiveFrom} begins. Payload: the agreement id. */
    public static final String ENTERS_INTO_FORCE = "agreement-enters-into-force";
    /** Deadline: the (inclusive) {@code effectiveUntil} has passed. Payload: the agreement id. */
    public static final String EXPIRES = "agreement-expires";
    /** Deadline: an obligation's (inclusive) due date has passed. Payload: the obligation id. */
    public static final String OBLIGATION_DUE = "agreement-obligation-due";
    /**
     * Deadline: a notice of termination takes effect. Payload: the instant it takes effect, as text (a withdrawn
     * notice's deadline is cancelled, and would find no notice taking effect then if it ran).
     */
    public static final String TERMINATION_TAKES_EFFECT = "agreement-termination-takes-effect";
    /** Deadline: an adopted amendment's {@code validFrom} begins. Payload: the amendment's number, as text. */
    public static final String AMENDMENT_TAKES_EFFECT = "agreement-amendment-takes-effect";
    /** Deadline: a fixed contribution's anniversary has come. Payload: a {@link FixedContributionDue}. */
    public static final String FIXED_CONTRIBUTION_DUE = "fixed-contribution-due";
    /**
     * Deadline: contributions whose anniversaries passed before the agreement entered into force are still to fall
     * due. Payload: the agreement id.
     */
    public static final String CATCH_UP = "fixed-contributions-catch-up";
    /**
     * How many passed contributions fall due in one transaction: an agreement signed decades late (up to 50 rules
     * over 100 years) catches up in bounded steps, each its own deadline, never in one unbounded transaction.
     */
    static final int CATCH_UP_BATCH = 50;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final MetaData BY_LEDGER = MetaData.with(Actor.ACTOR, Actor.LEDGER);

    @AggregateIdentifier
    private String agreementId;
    private AgreementStatus status;
    /** The agreement as drafted, then as signed, then as the last amendment in effect made it. */
    private AgreementDraft draft;
    /** Every version signed, in order: version 0 from its signature, then each adopted amendment (in effect or not). */
    private final List<TermsVersion> versions = new ArrayList<>();
    /** The number of the version in effect (0 until an amendment takes effect). */
    private int termsVersion;
    /** The number of the last amendment proposed (0: none). */
    private int lastAmendmentNumber;
    /** The amendment open for signature, null when none is. */
    private OpenAmendment openAmendment;
    private CanonicalTerms canonicalTerms;
    /** Signer jurisdiction id → key id, in signing order. */
    private final Map<String, String> signatures = new LinkedHashMap<>();
    private final Map<String, Obligation> obligations = new LinkedHashMap<>();
    private boolean hasBeenInForce;
    /** When a party terminated it (or its notice took effect); periods ending later cannot be assessed. */
    private Instant terminatedAt;
    /** The notice of termination given and not yet in effect nor withdrawn; null when there is none. */
    private TerminationNotice terminationNotice;
    private final ComplianceRecord compliance = new ComplianceRecord();
    /** Dispute id → the subject it holds, for every open dispute on a subject of the agreement. */
    private final Map<String, Subject> openDisputes = new LinkedHashMap<>();

    protected Agreement() {
        // for Axon
    }

    /** Answers the agreement id. */
    @CommandHandler
    public Agreement(DraftAgreementCommand command, JurisdictionDirectory directory, AgreementDirectory agreements) {
        checkDraft(command.draft(), command.actingJurisdiction(), directory);
        checkPredecessor(command.agreementId(), command.draft(), agreements);
        apply(new AgreementDraftedEvent(command.agreementId(), command.actingJurisdiction(), command.draft()));
    }

    @CommandHandler
    public void handle(AmendAgreementCommand command, JurisdictionDirectory directory, AgreementDirectory agreements) {
        requireParty(command.actingJurisdiction());
        requireStatus(AgreementStatus.DRAFT, "amended");
        long version = AggregateLifecycle.getVersion();
        if (command.expectedVersion() != version) {
            throw new StaleVersionException(command.expectedVersion(), version);
        }
        checkDraft(command.draft(), command.actingJurisdiction(), directory);
        checkPredecessor(agreementId, command.draft(), agreements);
        apply(new AgreementAmendedEvent(agreementId, command.actingJurisdiction(), command.draft()));
    }

    @CommandHandler
    public void handle(OpenAgreementForSignatureCommand command) {
        requireParty(command.actingJurisdiction());
        requireStatus(AgreementStatus.DRAFT, "opened for signature");
        CanonicalTerms terms = CanonicalTerms.of(agreementId, draft);
        apply(new AgreementOpenedForSignatureEvent(agreementId, command.actingJurisdiction(), terms.document(),
                terms.termsHash()));
    }

    @CommandHandler
    public void handle(SignAgreementCommand command, JurisdictionDirectory directory, DeadlineManager deadlines) {
        String signer = command.actingJurisdiction();
        requireParty(signer);
        requireStatus(AgreementStatus.OPEN_FOR_SIGNATURE, "signed");
        if (signatures.containsKey(signer)) {
            throw new InvalidStateException(signer + " has already signed agreement " + agreementId);
        }
        if (command.signature() == null || command.signature().isBlank()) {
            throw new InvalidInputException("signature", "must not be blank");
        }
        SigningKey key = verifyingKey(signer, command.keyId(), command.signature(), directory.activeKeys(signer),
                canonicalTerms);
        apply(new AgreementSignedEvent(agreementId, signer, key.keyId(), key.publicKeyBase64Der(),
                command.signature(), canonicalTerms.termsHash()));
        if (signatures.size() == draft.parties().size()) {
            apply(new AgreementFullySignedEvent(agreementId, canonicalTerms.termsHash()));
            Instant now = GenericEventMessage.clock.instant();
            Instant startsAt = LedgerCalendar.startOf(draft.effectiveFrom());
            if (now.isBefore(startsAt)) {
                deadlines.schedule(startsAt, ENTERS_INTO_FORCE, agreementId);
            } else {
                enterIntoForce(now, deadlines, MetaData.emptyInstance());
            }
        }
    }

    @CommandHandler
    public void handle(RejectAgreementCommand command) {
        requireParty(command.actingJurisdiction());
        requireStatus(AgreementStatus.OPEN_FOR_SIGNATURE, "rejected");
        requireReason(command.reason());
        apply(new AgreementRejectedEvent(agreementId, command.actingJurisdiction(), command.reason(),
                List.copyOf(signatures.keySet())));
    }

    /**
     * Ends the agreement at once when its terms ask for no notice; otherwise gives notice, which takes effect at the
     * start of the day {@code terminationNoticeDays} after today (basin time), on a deadline. One notice at a time.
     */
    @CommandHandler
    public void handle(TerminateAgreementCommand command, DeadlineManager deadlines) {
        requireParty(command.actingJurisdiction());
        if (status != AgreementStatus.SIGNED && status != AgreementStatus.IN_FORCE) {
            throw new InvalidStateException("only a signed or in-force agreement can be terminated; "
                    + agreementId + " is " + status);
        }
        if (terminationNotice != null) {
            throw new InvalidStateException(terminationNotice.givenBy() + " has already given notice of termination of "
                    + agreementId + ": it takes effect at " + terminationNotice.effectiveAt());
        }
        requireReason(command.reason());
        int noticeDays = draft.terms().noticeDays();
        if (noticeDays == 0) {
            apply(new AgreementTerminatedEvent(agreementId, command.actingJurisdiction(), command.reason()));
            return;
        }
        LocalDate today = LedgerCalendar.dateOf(GenericEventMessage.clock.instant());
        Instant effectiveAt = LedgerCalendar.startOf(today.plusDays(noticeDays));
        apply(new AgreementTerminationNoticeGivenEvent(agreementId, command.actingJurisdiction(), command.reason(),
                effectiveAt));
        deadlines.schedule(effectiveAt, TERMINATION_TAKES_EFFECT, effectiveAt.toString());
    }

    /** The party that gave notice of termination withdraws it before it takes effect; its deadline is cancelled. */
    @CommandHandler
    public void handle(WithdrawTerminationNoticeCommand command, DeadlineManager deadlines) {
        requireParty(command.actingJurisdiction());
        if (terminationNotice == null) {
            throw new InvalidStateException("agreement " + agreementId + " (" + status
                    + ") has no notice of termination to withdraw");
        }
        if (!terminationNotice.givenBy().equals(command.actingJurisdiction())) {
            throw new NotPermittedException("only " + terminationNotice.givenBy()
                    + ", who gave the notice of termination, can withdraw it");
        }
        if (!GenericEventMessage.clock.instant().isBefore(terminationNotice.effectiveAt())) {
            throw new InvalidStateException("the notice of termination of " + agreementId + " took effect at "
                    + terminationNotice.effectiveAt() + " and can no longer be withdrawn");
        }
        String reason = command.reason() == null || command.reason().isBlank() ? null : command.reason();
        apply(new AgreementTerminationNoticeWithdrawnEvent(agreementId, command.actingJurisdiction(), reason));
        deadlines.cancelAllWithinScope(TERMINATION_TAKES_EFFECT);
    }

    /**
     * A party of the version in effect proposes amendment {@code n} (answered): one open at a time, while in force;
     * what the proposal leaves out is copied from the latest version signed; the amended agreement passes the
     * draft's rules, and {@code validFrom} is today or later (basin time), after the latest version's and no later
     * than the end of the terms it amends.
     */
    @CommandHandler
    public int handle(ProposeAmendmentCommand command, JurisdictionDirectory directory) {
        requireParty(command.actingJurisdiction());
        requireStatus(AgreementStatus.IN_FORCE, "amended");
        if (openAmendment != null) {
            throw new InvalidStateException("amendment " + openAmendment.number() + " of agreement " + agreementId
                    + " is open for signature: one amendment at a time (it must be adopted or rejected first)");
        }
        requireReason(command.reason());
        TermsVersion latest = versions.get(versions.size() - 1);
        LocalDate validFrom = command.validFrom();
        LocalDate today = LedgerCalendar.dateOf(GenericEventMessage.clock.instant());
        if (validFrom == null) {
            throw new InvalidInputException("validFrom", "is required: the day from which the amended terms apply");
        }
        if (validFrom.isBefore(today)) {
            throw new InvalidInputException("validFrom", "must be today (" + today
                    + " in China Standard Time) or later");
        }
        if (!validFrom.isAfter(latest.validFrom())) {
            throw new InvalidInputException("validFrom", "must be after " + latest.validFrom()
                    + ", from which version " + latest.number() + " of the terms applies");
        }
        if (validFrom.isAfter(latest.draft().effectiveUntil())) {
            throw new InvalidInputException("validFrom", "must be on or before " + latest.draft().effectiveUntil()
                    + ", the end of the terms it amends (amend them while they still run)");
        }
        if (command.terms() == null && command.effectiveUntil() == null && command.parties() == null) {
            throw new InvalidInputException("terms", "an amendment changes terms, effectiveUntil or parties: "
                    + "none was given");
        }
        AgreementDraft base = latest.draft();
        AgreementDraft amended = new AgreementDraft(base.title(), base.basin(),
                command.parties() == null ? base.parties() : command.parties(), base.effectiveFrom(),
                command.effectiveUntil() == null ? base.effectiveUntil() : command.effectiveUntil(),
                command.terms() == null ? base.terms() : command.terms(), base.predecessorId());
        AgreementDraftRules.validate(amended, directory::exists);
        if (amended.effectiveUntil().isBefore(validFrom)) {
            throw new InvalidInputException("effectiveUntil", "must not be before validFrom (" + validFrom + ")");
        }
        LinkedHashSet<String> signatories = new LinkedHashSet<>();
        base.parties().forEach(p -> signatories.add(p.jurisdictionId()));
        amended.parties().forEach(p -> signatories.add(p.jurisdictionId()));
        int number = lastAmendmentNumber + 1;
        CanonicalTerms document = CanonicalTerms.ofAmendment(agreementId, number, latest.termsHash(), validFrom,
                command.reason(), amended);
        apply(new AmendmentProposedEvent(agreementId, number, command.actingJurisdiction(), command.reason(),
                validFrom, amended, List.copyOf(signatories), document.document(), document.termsHash(),
                latest.termsHash()));
        return number;
    }

    /**
     * A signatory (a party of the old or of the new list) signs the open amendment with its own key, before the end
     * of its {@code validFrom}; the last signature adopts it, and it takes effect as {@code validFrom} begins (at
     * once when that has begun).
     */
    @CommandHandler
    public void handle(SignAmendmentCommand command, JurisdictionDirectory directory, DeadlineManager deadlines) {
        OpenAmendment amendment = requireOpenAmendment(command.number(), "signed");
        String signer = command.actingJurisdiction();
        if (signer == null || !amendment.signatories().contains(signer)) {
            throw new NotPermittedException(signer + " is not a party of agreement " + agreementId
                    + " before or after amendment " + amendment.number() + ", and does not sign it");
        }
        requireStatus(AgreementStatus.IN_FORCE, "amended");
        if (amendment.signatures().containsKey(signer)) {
            throw new InvalidStateException(signer + " has already signed amendment " + amendment.number()
                    + " of agreement " + agreementId);
        }
        Instant now = GenericEventMessage.clock.instant();
        if (!now.isBefore(LedgerCalendar.endOf(amendment.validFrom()))) {
            throw new InvalidStateException("amendment " + amendment.number() + " was to apply from "
                    + amendment.validFrom() + ", which has passed: it can no longer be adopted (reject it, and "
                    + "propose it again from a later day)");
        }
        if (command.signature() == null || command.signature().isBlank()) {
            throw new InvalidInputException("signature", "must not be blank");
        }
        SigningKey key = verifyingKey(signer, command.keyId(), command.signature(), directory.activeKeys(signer),
                amendment.canonical());
        apply(new AmendmentSignedEvent(agreementId, amendment.number(), signer, key.keyId(), key.publicKeyBase64Der(),
                command.signature(), amendment.canonical().termsHash()));
        if (openAmendment.signatures().size() == amendment.signatories().size()) {
            apply(new AmendmentAdoptedEvent(agreementId, amendment.number(), amendment.canonical().termsHash(),
                    amendment.validFrom()));
            Instant startsAt = LedgerCalendar.startOf(amendment.validFrom());
            if (now.isBefore(startsAt)) {
                deadlines.schedule(startsAt, AMENDMENT_TAKES_EFFECT, Integer.toString(amendment.number()));
            } else {
                takeEffect(amendment.number(), now, deadlines, MetaData.emptyInstance());
            }
        }
    }

    /** A signatory rejects the open amendment: it is closed, its signatures void, the terms stay as they are. */
    @CommandHandler
    public void handle(RejectAmendmentCommand command) {
        OpenAmendment amendment = requireOpenAmendment(command.number(), "rejected");
        String party = command.actingJurisdiction();
        if (party == null || !amendment.signatories().contains(party)) {
            throw new NotPermittedException(party + " is not a party of agreement " + agreementId
                    + " before or after amendment " + amendment.number() + ", and cannot reject it");
        }
        requireReason(command.reason());
        apply(new AmendmentRejectedEvent(agreementId, amendment.number(), party, command.reason(),
                List.copyOf(amendment.signatures().keySet())));
    }

    /** The open amendment numbered so: 404 for a number never proposed, 409 for one adopted or rejected. */
    private OpenAmendment requireOpenAmendment(int number, String action) {
        if (number < 1 || number > lastAmendmentNumber) {
            throw new NotFoundException("agreement " + agreementId + " has no amendment " + number);
        }
        if (openAmendment == null || openAmendment.number() != number) {
            throw new InvalidStateException("amendment " + number + " of agreement " + agreementId
                    + " is no longer open for signature and cannot be " + action);
        }
        return openAmendment;
    }

    /**
     * The adopted amendments up to {@code number} not yet in effect take effect, in order, and what follows from
     * each is arranged: the new end's expiry, the new obligations' due dates, the new contributions' anniversaries
     * (deadlines set before stay: each handler checks what still applies).
     */
    private void takeEffect(int number, Instant now, DeadlineManager deadlines, MetaData metaData) {
        for (TermsVersion version : List.copyOf(versions)) {
            if (version.number() <= termsVersion || version.number() > number) {
                continue;
            }
            Map<String, Obligation> before = Map.copyOf(obligations);
            apply(new AmendmentTookEffectEvent(agreementId, version.number(), version.termsHash(),
                    version.validFrom(), version.draft(), version.signatures()), metaData);
            deadlines.schedule(LedgerCalendar.endOf(draft.effectiveUntil()), EXPIRES, agreementId);
            for (Obligation obligation : List.copyOf(obligations.values())) {
                if (before.containsKey(obligation.id()) || obligation.status() != ObligationStatus.PENDING) {
                    continue;
                }
                Instant dueBy = LedgerCalendar.endOf(obligation.dueDate());
                if (now.isBefore(dueBy)) {
                    deadlines.schedule(dueBy, OBLIGATION_DUE, obligation.id());
                } else {
                    apply(new ObligationOverdueEvent(agreementId, obligation.id(), obligation.party(),
                            obligation.dueDate()), metaData);
                }
            }
            for (Contribution contribution : contributions()) {
                if (now.isBefore(contribution.dueAt()) && !compliance.hasFallenDue(contribution.due())) {
                    deadlines.schedule(contribution.dueAt(), FIXED_CONTRIBUTION_DUE, contribution.due());
                }
            }
        }
    }

    /** The version of the terms in effect on {@code day}: the last signed one whose {@code validFrom} has begun. */
    private TermsVersion versionOn(LocalDate day) {
        List<TermsVersion> all = signedVersions();
        TermsVersion found = all.get(0);
        for (TermsVersion version : all) {
            if (!version.validFrom().isAfter(day)) {
                found = version;
            }
        }
        return found;
    }

    /** Every version signed; before the first signature, the draft as version 0. */
    private List<TermsVersion> signedVersions() {
        return versions.isEmpty()
                ? List.of(new TermsVersion(0, draft.effectiveFrom(), draft, null, List.of()))
                : versions;
    }

    @CommandHandler
    public void handle(FulfilObligationCommand command) {
        Obligation obligation = obligations.get(command.obligationId());
        if (obligation == null) {
            throw new NotFoundException("agreement " + agreementId + " has no obligation " + command.obligationId());
        }
        if (!obligation.party().equals(command.actingJurisdiction())) {
            throw new NotPermittedException("only " + obligation.party() + " can fulfil obligation "
                    + command.obligationId());
        }
        requireStatus(AgreementStatus.IN_FORCE, "have obligations fulfilled");
        if (obligation.status() == ObligationStatus.FULFILLED) {
            throw new InvalidStateException("obligation " + command.obligationId() + " is already fulfilled");
        }
        checkEvidence(command.evidence());
        apply(new ObligationFulfilledEvent(agreementId, command.obligationId(), obligation.party(),
                List.copyOf(command.evidence()), command.note(), obligation.status() == ObligationStatus.OVERDUE));
    }

    /** Answers the report id. */
    @CommandHandler
    public String handle(SubmitMonitoringReportCommand command, StoredReports stored) {
        requireParty(command.actingJurisdiction());
        requireReportsAccepted();
        requireId(command.reportId(), "reportId");
        if (compliance.hasReport(command.reportId())) {
            throw new AlreadyExistsException("agreement " + agreementId + " already has report " + command.reportId());
        }
        ReportingPeriod period = MonitoringReportRules.validate(command, draft, endedAt());
        ExceedanceBound.check(new StoredReport(command.reportId(), command.sectionId(), period,
                        List.copyOf(command.samples()), command.flowCubicMetresPerSecond()),
                month -> compliance.reportsThatMayCount(command.sectionId(), month, archive(stored)),
                draft.terms().compensation());
        apply(new MonitoringReportSubmittedEvent(agreementId, command.reportId(), command.actingJurisdiction(),
                command.sectionId(), period.toString(), List.copyOf(command.samples()),
                command.flowCubicMetresPerSecond()));
        return command.reportId();
    }

    /**
     * Reports are accepted in force, and after the end (expired or terminated, once in force) for the terms'
     * {@code reportingGraceDays}; otherwise refused (409).
     */
    private void requireReportsAccepted() {
        Instant ended = endedAt();
        if (status == AgreementStatus.IN_FORCE || ended == null || !hasBeenInForce) {
            requireStatus(AgreementStatus.IN_FORCE, "sent monitoring reports");
            return;
        }
        int graceDays = draft.terms().graceDays();
        Instant graceEnds = ended.plus(Duration.ofDays(graceDays));
        if (!GenericEventMessage.clock.instant().isBefore(graceEnds)) {
            throw new InvalidStateException("agreement " + agreementId + " is " + status + " since " + ended
                    + ": monitoring reports were accepted until " + graceEnds + " (" + graceDays
                    + " days of reporting grace)");
        }
    }

    /** When the agreement ended: its termination (or its notice's day) or the end of its last day; null before. */
    private Instant endedAt() {
        return switch (status) {
            case TERMINATED -> terminatedAt;
            case EXPIRED -> LedgerCalendar.endOf(draft.effectiveUntil());
            default -> null;
        };
    }

    /** Answers the assessment id. */
    @CommandHandler
    public String handle(AssessSectionCommand command, StoredReports stored) {
        requireParty(command.actingJurisdiction());
        if (!hasBeenInForce) {
            throw new InvalidStateException("agreement " + agreementId + " is " + status
                    + ": sections are assessed only once it has been in force");
        }
        requireId(command.assessmentId(), "assessmentId");
        if (compliance.hasAssessment(command.assessmentId())) {
            throw new AlreadyExistsException("agreement " + agreementId + " already has assessment "
                    + command.assessmentId());
        }
        ReportingPeriod period = ReportingPeriod.parse(command.period(), "period");
        // the terms in effect on the period's first day
        TermsVersion terms = versionOn(period.firstDay());
        MonitoringSection section = section(terms.draft(), command.sectionId())
                .orElseThrow(() -> new InvalidInputException("sectionId", command.sectionId()
                        + " is not a section of the agreement" + (terms.number() == 0 ? ""
                        : " under version " + terms.number() + " of its terms, in effect on " + period.firstDay())));
        CompensationRule rule = assessable(period, section, terms);
        if (compliance.isAssessed(section.id(), rule.rule(), period)) {
            throw new AlreadyExistsException(section.id() + " is already assessed for " + period + " by the "
                    + rule.rule() + " rule");
        }
        refuseWhileAReportIsDisputed(section, period, archive(stored));
        InForce window = inForce(period);
        SectionAssessment.Outcome outcome = SectionAssessment.assess(section, rule, period, window.from(),
                window.until(), compliance.reportsForAssessment(section.id(), period, archive(stored)));
        String transferId = outcome.result().amount() == null ? null : UUID.nameUUIDFromBytes(
                ("assessment-transfer:" + command.assessmentId()).getBytes(StandardCharsets.UTF_8)).toString();
        apply(new AssessmentRecordedEvent(agreementId, command.assessmentId(), command.actingJurisdiction(),
                section.id(), rule.rule(), period.toString(), outcome.inputs(), outcome.result(), transferId,
                terms.number()));
        return command.assessmentId();
    }

    /**
     * Puts a subject of the agreement under a dispute (sent by the ledger when the dispute is raised). A disputed
     * assessment names the transfer it created, which the dispute holds too.
     */
    @CommandHandler
    public void handle(OpenSubjectDisputeCommand command) {
        Subject subject = command.subject();
        if (subject == null || subject.type() == null || subject.type() == SubjectType.TRANSFER) {
            throw new InvalidInputException("subject.type", "must be AGREEMENT, OBLIGATION, MONITORING_REPORT or "
                    + "ASSESSMENT to be disputed on the agreement");
        }
        if (!isPartOfAgreement(subject)) {
            throw new InvalidInputException("subject.id", "subject " + subject.type() + " " + subject.id()
                    + " is not part of agreement " + agreementId);
        }
        if (openDisputes.containsKey(command.disputeId())) {
            throw new InvalidStateException("dispute " + command.disputeId() + " already holds a subject of agreement "
                    + agreementId);
        }
        for (Map.Entry<String, Subject> open : openDisputes.entrySet()) {
            if (open.getValue().equals(subject)) {
                throw new InvalidStateException(subject.type() + " " + subject.id() + " is already under dispute "
                        + open.getKey());
            }
        }
        if (subject.type() == SubjectType.MONITORING_REPORT && compliance.isRejected(subject.id())) {
            throw new InvalidStateException("report " + subject.id() + " was rejected by a ruling and cannot be "
                    + "disputed again");
        }
        if (subject.type() == SubjectType.ASSESSMENT && compliance.isAnnulled(subject.id())) {
            throw new InvalidStateException("assessment " + subject.id() + " was annulled by a ruling and cannot be "
                    + "disputed again");
        }
        String relatedTransferId = subject.type() == SubjectType.ASSESSMENT ? compliance.transferOf(subject.id()) : null;
        apply(new SubjectDisputedEvent(agreementId, command.disputeId(), subject, relatedTransferId));
    }

    /**
     * Ends the dispute on a subject (sent by the ledger on the ruling, or with no outcome on the withdrawal): an
     * upheld claim applies its remedy, rejecting a report or annulling an assessment (an upheld claim to adjust an
     * assessment's transfer leaves the assessment standing); any other end releases the subject; for the agreement
     * or an obligation the ruling is recorded.
     */
    @CommandHandler
    public void handle(CloseSubjectDisputeCommand command) {
        Subject subject = openDisputes.get(command.disputeId());
        if (subject == null) {
            throw new InvalidStateException("no subject of agreement " + agreementId + " is under dispute "
                    + command.disputeId());
        }
        RulingOutcome outcome = command.outcome();
        if (outcome == RulingOutcome.ADJUSTED && subject.type() != SubjectType.ASSESSMENT) {
            throw new InvalidInputException("outcome", "ADJUSTED sets an amount anew: not for a " + subject.type());
        }
        if (outcome == RulingOutcome.ADJUSTED && compliance.transferOf(subject.id()) == null) {
            throw new InvalidInputException("adjustedAmount", "assessment " + subject.id()
                    + " owed nothing: it has no transfer whose amount could be adjusted");
        }
        // an upheld claim applies its remedy: without one (as before remedies existed) the subject's default
        RemedyType remedy = outcome == RulingOutcome.UPHELD && command.remedy() == null
                ? RemedyType.defaultFor(subject.type()) : command.remedy();
        if (remedy != null && !remedy.appliesTo(subject.type())) {
            throw new InvalidInputException("remedy.type", remedy + " does not apply to " + subject.type());
        }
        if (outcome == RulingOutcome.UPHELD && remedy == RemedyType.ADJUST
                && compliance.transferOf(subject.id()) == null) {
            throw new InvalidInputException("remedy.type", "assessment " + subject.id()
                    + " owed nothing: it has no transfer whose amount could be adjusted");
        }
        SubjectConsequence consequence = switch (subject.type()) {
            case MONITORING_REPORT -> outcome == RulingOutcome.UPHELD && remedy == RemedyType.REJECT
                    ? SubjectConsequence.REPORT_REJECTED : SubjectConsequence.RELEASED;
            case ASSESSMENT -> outcome == RulingOutcome.UPHELD && remedy == RemedyType.ANNUL
                    ? SubjectConsequence.ASSESSMENT_ANNULLED : SubjectConsequence.RELEASED;
            case AGREEMENT, OBLIGATION -> outcome == null ? SubjectConsequence.RELEASED : SubjectConsequence.RECORDED;
            case TRANSFER -> throw new IllegalStateException("a transfer is never disputed on its agreement");
        };
        apply(new SubjectDisputeClosedEvent(agreementId, command.disputeId(), subject, outcome, consequence));
    }

    /**
     * An assessment decides for good on the reports of its period: while one of them (same section, period
     * overlapping) is under dispute, the ruling could still put it back in, so the assessment waits (409 naming
     * the dispute).
     */
    private void refuseWhileAReportIsDisputed(MonitoringSection section, ReportingPeriod period, Archive archive) {
        for (Map.Entry<String, Subject> open : openDisputes.entrySet()) {
            Subject subject = open.getValue();
            if (subject.type() != SubjectType.MONITORING_REPORT) {
                continue;
            }
            ReportSummary report = compliance.report(subject.id(), archive);
            if (report != null && report.sectionId().equals(section.id())
                    && overlap(report.reportingPeriod(), period)) {
                throw new UnderDisputeException(section.id() + " " + period + " cannot be assessed while monitoring "
                        + "report " + report.reportId() + " (" + report.period() + ") is under dispute "
                        + open.getKey() + ": assess it after the ruling or the withdrawal", open.getKey());
            }
        }
    }

    /** The agreement's archived reports, read back from its stream by {@code stored}. */
    private Archive archive(StoredReports stored) {
        return sequenceNumbers -> stored.read(agreementId, sequenceNumbers).stream()
                .map(e -> ReportSummary.of(e.event(), e.eventId(), e.sequenceNumber()))
                .toList();
    }

    /** {@link ComplianceRecord.MonthNeed}: whether an assessment may still need the section's reports of the month. */
    private boolean mayNeed(String sectionId, ReportingPeriod month) {
        for (AssessmentPeriod kind : AssessmentPeriod.values()) {
            ReportingPeriod period = ReportingPeriod.of(kind, month.firstDay());
            Optional<CompensationRule> rule = assessableRule(versionOn(period.firstDay()).draft(), sectionId, kind);
            if (rule.isEmpty()) {
                continue;
            }
            boolean beyondAssessing = inForce(period) == null;
            if (!beyondAssessing && !compliance.isAssessed(sectionId, rule.get().rule(), period)) {
                return true;
            }
        }
        return false;
    }

    /** The rule a section's periods of this kind are assessed by: the first assessable one of the terms. */
    private static Optional<CompensationRule> assessableRule(AgreementDraft terms, String sectionId,
                                                             AssessmentPeriod kind) {
        return terms.terms().compensation().stream()
                .filter(r -> r.rule() == CompensationRuleType.WATER_QUALITY_INDEX
                        || r.rule() == CompensationRuleType.EXCEEDANCE_PER_TONNE)
                .filter(r -> sectionId.equals(r.sectionId()) && r.period() == kind)
                .findFirst();
    }

    private static boolean overlap(ReportingPeriod a, ReportingPeriod b) {
        return a.start().isBefore(b.end()) && b.start().isBefore(a.end());
    }

    private boolean isPartOfAgreement(Subject subject) {
        String id = subject.id();
        if (id == null) {
            return false;
        }
        return switch (subject.type()) {
            case AGREEMENT -> id.equals(agreementId);
            case OBLIGATION -> obligations.containsKey(id);
            case MONITORING_REPORT -> compliance.hasReport(id);
            case ASSESSMENT -> compliance.hasAssessment(id);
            case TRANSFER -> false;
        };
    }

    /**
     * The section's assessable rule for the period, once the period's days in force ({@link #inForce}) have ended;
     * refuses (409) a period with none, one not ended yet, and a section without a rule of its kind.
     */
    private CompensationRule assessable(ReportingPeriod period, MonitoringSection section, TermsVersion terms) {
        InForce window = inForce(period);
        if (window == null) {
            throw new InvalidStateException(period + " has no day in force: the agreement's effective dates are "
                    + draft.effectiveFrom() + " to " + draft.effectiveUntil()
                    + (terminatedAt == null ? "" : ", and it was terminated at " + terminatedAt));
        }
        Instant now = GenericEventMessage.clock.instant();
        if (now.isBefore(window.until())) {
            throw new InvalidStateException(period + " has not ended yet: it can be assessed from " + window.until());
        }
        return assessableRule(terms.draft(), section.id(), period.kind())
                .orElseThrow(() -> new InvalidStateException("agreement " + agreementId + " has no rule assessing "
                        + section.id() + " by " + period.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + (terms.number() == 0 ? "" : " under version " + terms.number() + " of its terms")));
    }

    /**
     * The part of the period the agreement is in force: from the later of its start and {@code effectiveFrom}, to
     * the earlier of its end, the end of {@code effectiveUntil} and the termination; null when that is empty. A
     * period cut at either end is assessed over this part only.
     */
    private InForce inForce(ReportingPeriod period) {
        Instant from = max(period.start(), LedgerCalendar.startOf(draft.effectiveFrom()));
        Instant until = min(period.end(), LedgerCalendar.endOf(draft.effectiveUntil()));
        if (terminatedAt != null) {
            until = min(until, terminatedAt);
        }
        return from.isBefore(until) ? new InForce(from, until) : null;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Optional<MonitoringSection> section(AgreementDraft terms, String sectionId) {
        return terms.terms().sections().stream().filter(s -> s.id().equals(sectionId)).findFirst();
    }

    /** What other aggregates' handlers may know of the agreement ({@link AgreementDirectory}). */
    AgreementFacts facts() {
        return new AgreementFacts(agreementId, status,
                draft.parties().stream().map(p -> p.jurisdictionId()).collect(Collectors.toSet()),
                AgreementDraftRules.currency(draft.terms()), draft.terms().payment(),
                draft.terms().sections().stream().map(MonitoringSection::id).collect(Collectors.toSet()),
                draft.terms().emergency());
    }

    // Deadlines are not relied on to be cancelled (only a withdrawn notice's is): each handler re-checks the state and
    // does nothing when it no longer applies.
    // "Now" in a deadline handler is the deadline message's timestamp (when it fell due, or when the deadline manager
    // ran it): never earlier than due, never the wall clock, and pinned by the test fixture.

    @DeadlineHandler(deadlineName = ENTERS_INTO_FORCE)
    void onEntersIntoForce(String scheduledFor, @Timestamp Instant dueAt, DeadlineManager deadlines) {
        if (status == AgreementStatus.SIGNED) {
            enterIntoForce(dueAt, deadlines, BY_LEDGER);
        }
    }

    @DeadlineHandler(deadlineName = AMENDMENT_TAKES_EFFECT)
    void onAmendmentTakesEffect(String number, @Timestamp Instant now, DeadlineManager deadlines) {
        if (status == AgreementStatus.IN_FORCE) {
            takeEffect(Integer.parseInt(number), now, deadlines, BY_LEDGER);
        }
    }

    @DeadlineHandler(deadlineName = EXPIRES)
    void onExpires(String scheduledFor, @Timestamp Instant now) {
        // an amendment that moved effectiveUntil leaves the old deadline behind: it ends nothing before the end
        if (status == AgreementStatus.IN_FORCE && !now.isBefore(LedgerCalendar.endOf(draft.effectiveUntil()))) {
            // The last year's contribution falls due at this same instant; its deadline may run after this one.
            for (Contribution contribution : contributions()) {
                fallDueOnce(contribution);
            }
            apply(new AgreementExpiredEvent(agreementId, draft.effectiveUntil()), BY_LEDGER);
        }
    }

    /**
     * The notice of termination takes effect, if it is still the one pending: the contributions due up to that
     * instant fall due (as at expiry), then the agreement is terminated by the ledger in the name of the party that
     * gave notice, with its reason.
     */
    @DeadlineHandler(deadlineName = TERMINATION_TAKES_EFFECT)
    void onTerminationTakesEffect(String effectiveAt) {
        TerminationNotice notice = terminationNotice;
        if (notice == null || !notice.effectiveAt().toString().equals(effectiveAt)
                || (status != AgreementStatus.IN_FORCE && status != AgreementStatus.SIGNED)) {
            return;
        }
        if (status == AgreementStatus.IN_FORCE) {
            for (Contribution contribution : contributions()) {
                if (!contribution.dueAt().isAfter(notice.effectiveAt())) {
                    fallDueOnce(contribution);
                }
            }
        }
        apply(new AgreementTerminatedEvent(agreementId, notice.givenBy(), notice.reason()), BY_LEDGER);
    }

    @DeadlineHandler(deadlineName = FIXED_CONTRIBUTION_DUE)
    void onFixedContributionDue(FixedContributionDue due) {
        if (status == AgreementStatus.IN_FORCE) {
            // an amendment may have changed the rules since the deadline was set: only what the versions still pay
            contributions().stream().filter(c -> c.due().equals(due)).findFirst().ifPresent(this::fallDueOnce);
        }
    }

    @DeadlineHandler(deadlineName = CATCH_UP)
    void onCatchUp(String scheduledFor, @Timestamp Instant now, DeadlineManager deadlines) {
        if (status != AgreementStatus.IN_FORCE) {
            return;
        }
        List<Contribution> passed = contributions().stream()
                .filter(c -> !now.isBefore(c.dueAt()) && !compliance.hasFallenDue(c.due()))
                .toList();
        if (catchUp(passed, BY_LEDGER)) {
            if (!now.isBefore(LedgerCalendar.endOf(draft.effectiveUntil()))) {
                apply(new AgreementExpiredEvent(agreementId, draft.effectiveUntil()), BY_LEDGER);
            }
        } else {
            deadlines.schedule(now, CATCH_UP, agreementId);
        }
    }

    /** Applies at most {@link #CATCH_UP_BATCH} of the passed contributions; answers whether that was all of them. */
    private boolean catchUp(List<Contribution> passed, MetaData metaData) {
        int batch = Math.min(passed.size(), CATCH_UP_BATCH);
        for (Contribution contribution : passed.subList(0, batch)) {
            apply(FixedContributions.fellDue(agreementId, contribution.terms(), contribution.due()), metaData);
        }
        return batch == passed.size();
    }

    private void fallDueOnce(Contribution contribution) {
        if (!compliance.hasFallenDue(contribution.due())) {
            apply(FixedContributions.fellDue(agreementId, contribution.terms(), contribution.due()), BY_LEDGER);
        }
    }

    /**
     * Every fixed contribution of the agreement's life and the terms it is paid under, in the order they fall due:
     * year {@code n} under the version in effect on the year's first day, and only while every later version
     * still runs to its anniversary (an amendment that ends the agreement earlier ends what falls due after).
     */
    private List<Contribution> contributions() {
        List<TermsVersion> all = signedVersions();
        List<Contribution> contributions = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            TermsVersion version = all.get(i);
            LocalDate nextFrom = i + 1 < all.size() ? all.get(i + 1).validFrom() : null;
            Instant endsAt = LedgerCalendar.endOf(version.draft().effectiveUntil());
            for (int j = i + 1; j < all.size(); j++) {
                endsAt = min(endsAt, LedgerCalendar.endOf(all.get(j).draft().effectiveUntil()));
            }
            for (FixedContributions.Scheduled scheduled : FixedContributions.schedule(version.draft())) {
                LocalDate yearBegins = version.draft().effectiveFrom().plusYears(scheduled.due().year() - 1L);
                boolean ownYear = (i == 0 || !yearBegins.isBefore(version.validFrom()))
                        && (nextFrom == null || yearBegins.isBefore(nextFrom));
                if (ownYear && !scheduled.dueAt().isAfter(endsAt)) {
                    contributions.add(new Contribution(scheduled.due(), scheduled.dueAt(), version.draft()));
                }
            }
        }
        contributions.sort(java.util.Comparator.comparing(Contribution::dueAt)
                .thenComparing(c -> c.due().ruleIndex()));
        return contributions;
    }

    @DeadlineHandler(deadlineName = OBLIGATION_DUE)
    void onObligationDue(String obligationId) {
        Obligation obligation = obligations.get(obligationId);
        if (status == AgreementStatus.IN_FORCE && obligation != null && obligation.status() == ObligationStatus.PENDING) {
            apply(new ObligationOverdueEvent(agreementId, obligationId, obligation.party(), obligation.dueDate()),
                    BY_LEDGER);
        }
    }

    /**
     * Applies the entry into force and arranges what follows from it: each pending obligation falls overdue at
     * the end of its due date, each fixed contribution falls due on its anniversary, the agreement expires at the
     * end of {@code effectiveUntil}. Whatever has already passed by {@code now} (signed late) happens at once, in
     * that order, except that at most {@link #CATCH_UP_BATCH} passed contributions fall due here: the rest follow
     * in bounded steps ({@link #CATCH_UP}), and then the expiry if the end has passed.
     */
    private void enterIntoForce(Instant now, DeadlineManager deadlines, MetaData metaData) {
        apply(new AgreementEnteredIntoForceEvent(agreementId, draft.effectiveFrom()), metaData);
        for (Obligation obligation : List.copyOf(obligations.values())) {
            if (obligation.status() != ObligationStatus.PENDING) {
                continue;
            }
            Instant dueBy = LedgerCalendar.endOf(obligation.dueDate());
            if (now.isBefore(dueBy)) {
                deadlines.schedule(dueBy, OBLIGATION_DUE, obligation.id());
            } else {
                apply(new ObligationOverdueEvent(agreementId, obligation.id(), obligation.party(),
                        obligation.dueDate()), metaData);
            }
        }
        List<Contribution> passed = new ArrayList<>();
        for (Contribution contribution : contributions()) {
            if (now.isBefore(contribution.dueAt())) {
                deadlines.schedule(contribution.dueAt(), FIXED_CONTRIBUTION_DUE, contribution.due());
            } else {
                passed.add(contribution);
            }
        }
        boolean caughtUp = catchUp(passed, metaData);
        if (!caughtUp) {
            // the rest in bounded steps; the last step also expires an agreement whose end has passed
            deadlines.schedule(now, CATCH_UP, agreementId);
        }
        Instant endsAt = LedgerCalendar.endOf(draft.effectiveUntil());
        if (now.isBefore(endsAt)) {
            deadlines.schedule(endsAt, EXPIRES, agreementId);
        } else if (caughtUp) {
            apply(new AgreementExpiredEvent(agreementId, draft.effectiveUntil()), metaData);
        }
    }

    private static SigningKey verifyingKey(String signer, String keyId, String signature, List<SigningKey> activeKeys,
                                           CanonicalTerms canonicalTerms) {
        byte[] signed = canonicalTerms.bytes();
        if (keyId == null) {
            return activeKeys.stream()
                    .filter(k -> Ed25519Keys.verify(k.publicKeyBase64Der(), signed, signature))
                    .findFirst()
                    .orElseThrow(() -> new SignatureRejectedException(
                            "no active key of " + signer + " verifies the signature over the terms " + canonicalTerms.termsHash()));
        }
        Optional<SigningKey> key = activeKeys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
        if (key.isEmpty()) {
            throw new SignatureRejectedException("key " + keyId + " is not an active key of " + signer
                    + " (unknown or revoked)");
        }
        if (!Ed25519Keys.verify(key.get().publicKeyBase64Der(), signed, signature)) {
            throw new SignatureRejectedException("the signature does not verify with key " + keyId
                    + " over the terms " + canonicalTerms.termsHash());
        }
        return key.get();
    }

    private static void checkDraft(AgreementDraft draft, String actingJurisdiction, JurisdictionDirectory directory) {
        AgreementDraftRules.validate(draft, directory::exists);
        if (!draft.hasParty(actingJurisdiction)) {
            throw new NotPermittedException(actingJurisdiction + " can only draft agreements it is a party to");
        }
    }

    /**
     * A draft that continues an earlier round names an agreement that exists and has been public (opened for
     * signature and not back in draft): an unknown id and another's private draft get the same answer, so the
     * answer tells nobody that a private draft exists. An agreement cannot continue itself.
     */
    private static void checkPredecessor(String agreementId, AgreementDraft draft, AgreementDirectory agreements) {
        String predecessorId = draft.predecessorId();
        if (predecessorId == null) {
            return;
        }
        if (predecessorId.isBlank() || predecessorId.equals(agreementId)) {
            throw new InvalidInputException("predecessorId", "must name another agreement, the round this one "
                    + "continues");
        }
        boolean known = agreements.find(predecessorId)
                .filter(facts -> facts.status() != AgreementStatus.DRAFT)
                .isPresent();
        if (!known) {
            throw new InvalidInputException("predecessorId", "no agreement " + predecessorId
                    + " has been opened for signature: a round continues an agreement the public can see");
        }
    }

    private static void checkEvidence(List<Evidence> evidence) {
        if (evidence == null || evidence.isEmpty()) {
            throw new InvalidInputException("evidence", "at least one piece of evidence is required");
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < evidence.size(); i++) {
            Evidence item = evidence.get(i);
            String path = "evidence[" + i + "]";
            if (item == null) {
                errors.add(new FieldError(path, "is required"));
                continue;
            }
            if (item.sha256() == null || !SHA256_HEX.matcher(item.sha256()).matches()) {
                errors.add(new FieldError(path + ".sha256", "must be 64 lowercase hex digits"));
            }
            if (item.uri() == null || item.uri().isBlank()) {
                errors.add(new FieldError(path + ".uri", "must not be blank"));
            } else if (!Evidence.isFetchableUri(item.uri())) {
                errors.add(new FieldError(path + ".uri", "must be an absolute https or http address"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private void requireParty(String jurisdictionId) {
        if (jurisdictionId == null || !draft.hasParty(jurisdictionId)) {
            throw new NotPermittedException(jurisdictionId + " is not a party to agreement " + agreementId);
        }
    }

    private void requireStatus(AgreementStatus required, String action) {
        if (status != required) {
            throw new InvalidStateException("agreement " + agreementId + " is " + status + " and cannot be " + action
                    + " (only when " + required + ")");
        }
    }

    private static void requireId(String id, String field) {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException(field, "must not be blank");
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "must not be blank");
        }
    }

    @EventSourcingHandler
    void on(AgreementDraftedEvent event) {
        agreementId = event.agreementId();
        status = AgreementStatus.DRAFT;
        replaceDraft(event.draft());
    }

    @EventSourcingHandler
    void on(AgreementAmendedEvent event) {
        replaceDraft(event.draft());
    }

    @EventSourcingHandler
    void on(AgreementOpenedForSignatureEvent event) {
        status = AgreementStatus.OPEN_FOR_SIGNATURE;
        canonicalTerms = new CanonicalTerms(event.canonicalDocument(), event.termsHash());
    }

    @EventSourcingHandler
    void on(AgreementSignedEvent event) {
        signatures.put(event.jurisdictionId(), event.keyId());
    }

    @EventSourcingHandler
    void on(AgreementFullySignedEvent event) {
        status = AgreementStatus.SIGNED;
        versions.clear();
        versions.add(new TermsVersion(0, draft.effectiveFrom(), draft, event.termsHash(), List.of()));
    }

    @EventSourcingHandler
    void on(AgreementRejectedEvent event) {
        status = AgreementStatus.DRAFT;
        canonicalTerms = null;
        signatures.clear();
    }

    @EventSourcingHandler
    void on(AgreementEnteredIntoForceEvent event) {
        status = AgreementStatus.IN_FORCE;
        hasBeenInForce = true;
    }

    @EventSourcingHandler
    void on(AgreementTerminationNoticeGivenEvent event) {
        terminationNotice = new TerminationNotice(event.givenBy(), event.reason(), event.effectiveAt());
    }

    @EventSourcingHandler
    void on(AgreementTerminationNoticeWithdrawnEvent event) {
        terminationNotice = null;
    }

    @EventSourcingHandler
    void on(AgreementTerminatedEvent event, @Timestamp Instant at) {
        status = AgreementStatus.TERMINATED;
        // a notice ends the agreement when it takes effect, even when its deadline ran later
        terminatedAt = terminationNotice == null ? at : terminationNotice.effectiveAt();
        terminationNotice = null;
        // periods ending later can never be assessed now: their reports are needed no more
        compliance.archiveUnneeded(this::mayNeed);
    }

    @EventSourcingHandler
    void on(AmendmentProposedEvent event) {
        lastAmendmentNumber = event.number();
        openAmendment = new OpenAmendment(event.number(), event.validFrom(), event.draft(),
                new CanonicalTerms(event.canonicalDocument(), event.termsHash()), List.copyOf(event.signatories()),
                Map.of());
    }

    @EventSourcingHandler
    void on(AmendmentSignedEvent event, @Timestamp Instant at) {
        Map<String, AmendmentSignature> signed = new LinkedHashMap<>(openAmendment.signatures());
        signed.put(event.jurisdictionId(), new AmendmentSignature(event.jurisdictionId(), event.keyId(), at));
        openAmendment = openAmendment.withSignatures(signed);
    }

    @EventSourcingHandler
    void on(AmendmentAdoptedEvent event) {
        versions.add(new TermsVersion(event.number(), event.validFrom(), openAmendment.draft(), event.termsHash(),
                List.copyOf(openAmendment.signatures().values())));
        openAmendment = null;
    }

    @EventSourcingHandler
    void on(AmendmentRejectedEvent event) {
        openAmendment = null;
    }

    @EventSourcingHandler
    void on(AmendmentTookEffectEvent event) {
        termsVersion = event.number();
        draft = event.draft();
        // obligations kept keep their state; new ones are pending; those the amendment dropped are gone
        Map<String, Obligation> kept = new LinkedHashMap<>();
        for (ObligationTerm term : event.draft().terms().obligations()) {
            Obligation known = obligations.get(term.id());
            kept.put(term.id(), known != null && known.party().equals(term.party())
                    ? new Obligation(term.id(), term.party(), term.dueDate(), known.status())
                    : new Obligation(term.id(), term.party(), term.dueDate(), ObligationStatus.PENDING));
        }
        obligations.clear();
        obligations.putAll(kept);
    }

    @EventSourcingHandler
    void on(AgreementExpiredEvent event) {
        status = AgreementStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(ObligationOverdueEvent event) {
        obligations.computeIfPresent(event.obligationId(), (id, o) -> o.withStatus(ObligationStatus.OVERDUE));
    }

    @EventSourcingHandler
    void on(ObligationFulfilledEvent event) {
        obligations.computeIfPresent(event.obligationId(), (id, o) -> o.withStatus(ObligationStatus.FULFILLED));
    }

    @EventSourcingHandler
    void on(MonitoringReportSubmittedEvent event, @MessageIdentifier String eventId,
            @SequenceNumber Long sequenceNumber) {
        compliance.record(event, eventId, sequenceNumber, this::mayNeed);
    }

    @EventSourcingHandler
    void on(AssessmentRecordedEvent event) {
        compliance.record(event);
        compliance.archiveUnneeded(event.sectionId(), ReportingPeriod.parse(event.period(), "period"), this::mayNeed);
    }

    @EventSourcingHandler
    void on(SubjectDisputedEvent event) {
        openDisputes.put(event.disputeId(), event.subject());
        if (event.subject().type() == SubjectType.MONITORING_REPORT) {
            compliance.exclude(event.subject().id());
        }
    }

    @EventSourcingHandler
    void on(SubjectDisputeClosedEvent event) {
        openDisputes.remove(event.disputeId());
        String id = event.subject().id();
        switch (event.consequence()) {
            case REPORT_REJECTED -> compliance.reject(id);
            case ASSESSMENT_ANNULLED -> compliance.annul(id);
            case RELEASED -> {
                if (event.subject().type() == SubjectType.MONITORING_REPORT) {
                    compliance.include(id);
                }
            }
            case RECORDED -> {
                // the ruling is on record; nothing of the agreement changes
            }
        }
    }

    @EventSourcingHandler
    void on(FixedContributionFellDueEvent event) {
        compliance.recordFallenDue(new FixedContributionDue(event.ruleIndex(), event.year()));
    }

    private void replaceDraft(AgreementDraft newDraft) {
        draft = newDraft;
        obligations.clear();
        for (ObligationTerm term : newDraft.terms().obligations()) {
            obligations.put(term.id(), new Obligation(term.id(), term.party(), term.dueDate(), ObligationStatus.PENDING));
        }
    }

    /** The instants, {@code from} inclusive and {@code until} exclusive, of a period the agreement is in force. */
    private record InForce(Instant from, Instant until) {
    }

    private record TerminationNotice(String givenBy, String reason, Instant effectiveAt) {
    }

    /**
     * A version of the terms: 0 as first signed, {@code n} as amendment {@code n} made it, applying from
     * {@code validFrom} (version 0: from {@code effectiveFrom}); its hash and who signed it (version 0: the
     * agreement's signatures, kept elsewhere).
     */
    private record TermsVersion(int number, LocalDate validFrom, AgreementDraft draft, String termsHash,
                                List<AmendmentSignature> signatures) {
    }

    /** The amendment open for signature: what every signatory signs, and who has. */
    private record OpenAmendment(int number, LocalDate validFrom, AgreementDraft draft, CanonicalTerms canonical,
                                 List<String> signatories, Map<String, AmendmentSignature> signatures) {
        OpenAmendment withSignatures(Map<String, AmendmentSignature> newSignatures) {
            return new OpenAmendment(number, validFrom, draft, canonical, signatories, newSignatures);
        }
    }

    /** A fixed contribution, when it falls due, and the version of the terms it is paid under. */
    private record Contribution(FixedContributionDue due, Instant dueAt, AgreementDraft terms) {
    }

    private record Obligation(String id, String party, LocalDate dueDate, ObligationStatus status) {
        Obligation withStatus(ObligationStatus newStatus) {
            return new Obligation(id, party, dueDate, newStatus);
        }
    }
}
