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
 */
@Aggregate(cache = "agreementCache", snapshotTriggerDefinition = AgreementSnapshots.TRIGGER)
@Revision("2")
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
    private AgreementDraft draft;
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
        SigningKey key = verifyingKey(signer, command.keyId(), command.signature(), directory.activeKeys(signer));
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
        MonitoringSection section = section(command.sectionId())
                .orElseThrow(() -> new InvalidInputException("sectionId", command.sectionId()
                        + " is not a section of the agreement"));
        ReportingPeriod period = ReportingPeriod.parse(command.period(), "period");
        CompensationRule rule = assessable(period, section);
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
                section.id(), rule.rule(), period.toString(), outcome.inputs(), outcome.result(), transferId));
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
            Optional<CompensationRule> rule = assessableRule(sectionId, kind);
            if (rule.isEmpty()) {
                continue;
            }
            ReportingPeriod period = ReportingPeriod.of(kind, month.firstDay());
            boolean beyondAssessing = inForce(period) == null;
            if (!beyondAssessing && !compliance.isAssessed(sectionId, rule.get().rule(), period)) {
                return true;
            }
        }
        return false;
    }

    /** The rule a section's periods of this kind are assessed by: the first assessable one of the terms. */
    private Optional<CompensationRule> assessableRule(String sectionId, AssessmentPeriod kind) {
        return draft.terms().compensation().stream()
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
    private CompensationRule assessable(ReportingPeriod period, MonitoringSection section) {
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
        return assessableRule(section.id(), period.kind())
                .orElseThrow(() -> new InvalidStateException("agreement " + agreementId + " has no rule assessing "
                        + section.id() + " by " + period.kind().name().toLowerCase(java.util.Locale.ROOT)));
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

    private Optional<MonitoringSection> section(String sectionId) {
        return draft.terms().sections().stream().filter(s -> s.id().equals(sectionId)).findFirst();
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

    @DeadlineHandler(deadlineName = EXPIRES)
    void onExpires(String scheduledFor) {
        if (status == AgreementStatus.IN_FORCE) {
            // The last year's contribution falls due at this same instant; its deadline may run after this one.
            for (FixedContributions.Scheduled scheduled : FixedContributions.schedule(draft)) {
                fallDueOnce(scheduled.due());
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
            for (FixedContributions.Scheduled scheduled : FixedContributions.schedule(draft)) {
                if (!scheduled.dueAt().isAfter(notice.effectiveAt())) {
                    fallDueOnce(scheduled.due());
                }
            }
        }
        apply(new AgreementTerminatedEvent(agreementId, notice.givenBy(), notice.reason()), BY_LEDGER);
    }

    @DeadlineHandler(deadlineName = FIXED_CONTRIBUTION_DUE)
    void onFixedContributionDue(FixedContributionDue due) {
        if (status == AgreementStatus.IN_FORCE) {
            fallDueOnce(due);
        }
    }

    @DeadlineHandler(deadlineName = CATCH_UP)
    void onCatchUp(String scheduledFor, @Timestamp Instant now, DeadlineManager deadlines) {
        if (status != AgreementStatus.IN_FORCE) {
            return;
        }
        List<FixedContributionDue> passed = FixedContributions.schedule(draft).stream()
                .filter(s -> !now.isBefore(s.dueAt()) && !compliance.hasFallenDue(s.due()))
                .map(FixedContributions.Scheduled::due)
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
    private boolean catchUp(List<FixedContributionDue> passed, MetaData metaData) {
        int batch = Math.min(passed.size(), CATCH_UP_BATCH);
        for (FixedContributionDue due : passed.subList(0, batch)) {
            apply(FixedContributions.fellDue(agreementId, draft, due), metaData);
        }
        return batch == passed.size();
    }

    private void fallDueOnce(FixedContributionDue due) {
        if (!compliance.hasFallenDue(due)) {
            apply(FixedContributions.fellDue(agreementId, draft, due), BY_LEDGER);
        }
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
        List<FixedContributionDue> passed = new ArrayList<>();
        for (FixedContributions.Scheduled scheduled : FixedContributions.schedule(draft)) {
            if (now.isBefore(scheduled.dueAt())) {
                deadlines.schedule(scheduled.dueAt(), FIXED_CONTRIBUTION_DUE, scheduled.due());
            } else {
                passed.add(scheduled.due());
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

    private SigningKey verifyingKey(String signer, String keyId, String signature, List<SigningKey> activeKeys) {
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

    private record Obligation(String id, String party, LocalDate dueDate, ObligationStatus status) {
        Obligation withStatus(ObligationStatus newStatus) {
            return new Obligation(id, party, dueDate, newStatus);
        }
    }
}
