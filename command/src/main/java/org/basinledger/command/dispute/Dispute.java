package org.basinledger.command.dispute;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.dispute.AddStatementCommand;
import org.basinledger.api.dispute.AssignMediatorCommand;
import org.basinledger.api.dispute.DisputeRaisedEvent;
import org.basinledger.api.dispute.DisputeRuledEvent;
import org.basinledger.api.dispute.DisputeStatus;
import org.basinledger.api.dispute.DisputeWithdrawnEvent;
import org.basinledger.api.dispute.MediatorAssignedEvent;
import org.basinledger.api.dispute.RaiseDisputeCommand;
import org.basinledger.api.dispute.Remedy;
import org.basinledger.api.dispute.RemedyType;
import org.basinledger.api.dispute.RuleOnDisputeCommand;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.StatementAddedEvent;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.api.dispute.WithdrawDisputeCommand;
import org.basinledger.command.agreement.AgreementDirectory;
import org.basinledger.command.agreement.AgreementDirectory.AgreementFacts;
import org.basinledger.command.agreement.AgreementDraftRules;
import org.basinledger.command.registry.MediatorDirectory;

/**
 * A dispute between parties of one agreement over one subject of it, {@code OPEN → UNDER_MEDIATION → RULED}, or
 * {@code WITHDRAWN} by its claimant before the ruling. Invariants: the claimant and every respondent are
 * distinct parties of the agreement; a registered mediator is assigned once, only while {@code OPEN}; only the
 * claimant, the respondents and the assigned mediator add statements, numbered from 1, and only while the
 * dispute is open; only the assigned mediator rules, once, while {@code UNDER_MEDIATION}, and an amount is set
 * anew ({@code ADJUSTED}) only for a transfer or an assessment; only the claimant withdraws, only while open. The
 * claim's remedy, if it names one, fits the subject ({@link RemedyType#appliesTo}) and an {@code UPHELD} ruling
 * applies it (the subject's default remedy when it names none).
 * The effects on the subject (and the refusal of a subject that is not the agreement's or is disputed already)
 * belong to {@link DisputeEffectsSaga}, in the same transaction.
 */
@Aggregate(cache = "disputeCache")
public class Dispute {

    static final int MAX_CLAIM = 5000;
    static final int MAX_TEXT = 10000;
    static final String CLAIMANT = "CLAIMANT";
    static final String RESPONDENT = "RESPONDENT";
    static final String MEDIATOR = "MEDIATOR";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    @AggregateIdentifier
    private String disputeId;
    private String agreementId;
    private String claimant;
    private Set<String> respondents;
    private Subject subject;
    private DisputeStatus status;
    private String mediatorId;
    private int statements;
    /** What the claim asked for; null when it named nothing. */
    private Remedy remedy;

    protected Dispute() {
        // for Axon
    }

    /** Answers the dispute id. */
    @CommandHandler
    public Dispute(RaiseDisputeCommand command, AgreementDirectory agreements) {
        if (command.disputeId() == null || command.disputeId().isBlank()) {
            throw new InvalidInputException("disputeId", "must not be blank");
        }
        if (command.agreementId() == null || command.agreementId().isBlank()) {
            throw new InvalidInputException("agreementId", "must not be blank");
        }
        AgreementFacts agreement = agreements.find(command.agreementId())
                .orElseThrow(() -> new NotFoundException("no agreement " + command.agreementId()));
        if (!agreement.hasParty(command.actingJurisdiction())) {
            throw new NotPermittedException(command.actingJurisdiction() + " is not a party to agreement "
                    + command.agreementId() + " and cannot raise a dispute under it");
        }
        List<FieldError> errors = new ArrayList<>();
        checkSubject(command.subject(), errors);
        checkRespondents(command.respondents(), command.actingJurisdiction(), agreement, errors);
        checkText(command.claim(), "claim", MAX_CLAIM, errors);
        checkRemedy(command.remedy(), command.subject(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        apply(new DisputeRaisedEvent(command.disputeId(), command.agreementId(), command.actingJurisdiction(),
                command.subject(), List.copyOf(command.respondents()), command.claim(), command.remedy()));
    }

    @CommandHandler
    public void handle(AssignMediatorCommand command, MediatorDirectory mediators) {
        if (status != DisputeStatus.OPEN) {
            throw new InvalidStateException("dispute " + disputeId + " is " + status
                    + ": a mediator is assigned only to an OPEN dispute");
        }
        if (!mediators.exists(command.mediatorId())) {
            throw new InvalidInputException("mediatorId", command.mediatorId() + " is not a registered mediator");
        }
        apply(new MediatorAssignedEvent(disputeId, agreementId, command.mediatorId()));
    }

    /** Answers the number of the statement added. */
    @CommandHandler
    public int handle(AddStatementCommand command) {
        Author author = author(command.actingJurisdiction(), command.actingMediator());
        requireOpen("receive statements");
        List<FieldError> errors = new ArrayList<>();
        checkText(command.text(), "text", MAX_TEXT, errors);
        List<Evidence> evidence = command.evidence() == null ? List.of() : command.evidence();
        checkEvidence(evidence, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        int number = statements + 1;
        apply(new StatementAddedEvent(disputeId, agreementId, number, author.role(), author.id(), command.text(),
                List.copyOf(evidence)));
        return number;
    }

    @CommandHandler
    public void handle(RuleOnDisputeCommand command) {
        if (mediatorId != null && !mediatorId.equals(command.actingMediator())) {
            throw new NotPermittedException("only the assigned mediator " + mediatorId + " may rule on dispute "
                    + disputeId);
        }
        if (status != DisputeStatus.UNDER_MEDIATION) {
            throw new InvalidStateException("dispute " + disputeId + " is " + status
                    + " and cannot be ruled on (only when UNDER_MEDIATION)");
        }
        List<FieldError> errors = new ArrayList<>();
        RulingOutcome outcome = command.outcome();
        if (outcome == null) {
            errors.add(new FieldError("outcome", "is required"));
        }
        checkText(command.reasoning(), "reasoning", MAX_TEXT, errors);
        Money adjusted = command.adjustedAmount();
        if (outcome == RulingOutcome.ADJUSTED) {
            if (subject.type() != SubjectType.TRANSFER && subject.type() != SubjectType.ASSESSMENT) {
                errors.add(new FieldError("outcome", "ADJUSTED sets an amount anew: only for a transfer or an "
                        + "assessment, not a " + subject.type()));
            }
            if (adjusted == null || !adjusted.greaterThanZero()
                    || adjusted.amount().compareTo(AgreementDraftRules.MAX_AMOUNT) > 0) {
                errors.add(new FieldError("adjustedAmount", "an ADJUSTED ruling needs an amount above 0 and at most "
                        + AgreementDraftRules.MAX_AMOUNT.toPlainString()));
            }
        } else if (adjusted != null) {
            errors.add(new FieldError("adjustedAmount", "is given only with the outcome ADJUSTED"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        apply(new DisputeRuledEvent(disputeId, agreementId, subject, mediatorId, outcome, command.reasoning(),
                adjusted, appliedRemedy(outcome, adjusted)));
    }

    @CommandHandler
    public void handle(WithdrawDisputeCommand command) {
        if (!claimant.equals(command.actingJurisdiction())) {
            throw new NotPermittedException("only the claimant " + claimant + " may withdraw dispute " + disputeId);
        }
        requireOpen("withdrawn");
        apply(new DisputeWithdrawnEvent(disputeId, agreementId, subject, claimant));
    }

    /** What the ruling does to the subject: the claim's remedy when upheld, an adjustment when adjusted, or nothing. */
    private Remedy appliedRemedy(RulingOutcome outcome, Money adjusted) {
        return switch (outcome) {
            case UPHELD -> {
                if (remedy != null) {
                    yield remedy;
                }
                RemedyType fallback = RemedyType.defaultFor(subject.type());
                yield fallback == null ? null : new Remedy(fallback, null);
            }
            case ADJUSTED -> new Remedy(RemedyType.ADJUST, adjusted);
            case DISMISSED, SETTLED_BY_CONSENT -> null;
        };
    }

    /** The author's role and id; refuses (403) anyone but the claimant, a respondent or the assigned mediator. */
    private Author author(String actingJurisdiction, String actingMediator) {
        if (actingJurisdiction != null && actingMediator == null) {
            if (claimant.equals(actingJurisdiction)) {
                return new Author(CLAIMANT, actingJurisdiction);
            }
            if (respondents.contains(actingJurisdiction)) {
                return new Author(RESPONDENT, actingJurisdiction);
            }
        } else if (actingMediator != null && actingJurisdiction == null && actingMediator.equals(mediatorId)) {
            return new Author(MEDIATOR, actingMediator);
        }
        throw new NotPermittedException("only the claimant, a respondent or the assigned mediator may add a "
                + "statement to dispute " + disputeId);
    }

    private record Author(String role, String id) {
    }

    private void requireOpen(String action) {
        if (!status.isOpen()) {
            throw new InvalidStateException("dispute " + disputeId + " is " + status + " and cannot be " + action
                    + " (only when OPEN or UNDER_MEDIATION)");
        }
    }

    private static void checkSubject(Subject subject, List<FieldError> errors) {
        if (subject == null) {
            errors.add(new FieldError("subject", "is required"));
            return;
        }
        if (subject.type() == null) {
            errors.add(new FieldError("subject.type", "is required"));
        }
        if (subject.id() == null || subject.id().isBlank()) {
            errors.add(new FieldError("subject.id", "must not be blank"));
        }
    }

    private static void checkRemedy(Remedy remedy, Subject subject, List<FieldError> errors) {
        if (remedy == null || subject == null || subject.type() == null) {
            return;
        }
        List<RemedyType> fitting = RemedyType.forSubject(subject.type());
        if (remedy.type() == null) {
            errors.add(new FieldError("remedy.type", "is required"));
        } else if (!remedy.type().appliesTo(subject.type())) {
            errors.add(new FieldError("remedy.type", fitting.isEmpty()
                    ? "a claim on " + subject.type() + " has no remedy the ledger applies: leave remedy out"
                    : remedy.type() + " does not apply to " + subject.type() + " (one of " + fitting + ")"));
        }
        Money amount = remedy.amount();
        if (remedy.type() == RemedyType.ADJUST) {
            if (amount == null || !amount.greaterThanZero()
                    || amount.amount().compareTo(AgreementDraftRules.MAX_AMOUNT) > 0) {
                errors.add(new FieldError("remedy.amount", "ADJUST needs an amount above 0 and at most "
                        + AgreementDraftRules.MAX_AMOUNT.toPlainString()));
            }
        } else if (amount != null && remedy.type() != null) {
            errors.add(new FieldError("remedy.amount", "is given only with ADJUST"));
        }
    }

    private static void checkRespondents(List<String> respondents, String claimant, AgreementFacts agreement,
                                         List<FieldError> errors) {
        if (respondents == null || respondents.isEmpty()) {
            errors.add(new FieldError("respondents", "at least one respondent is required"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < respondents.size(); i++) {
            String respondent = respondents.get(i);
            String path = "respondents[" + i + "]";
            if (respondent == null || respondent.isBlank()) {
                errors.add(new FieldError(path, "must not be blank"));
            } else if (respondent.equals(claimant)) {
                errors.add(new FieldError(path, "the claimant cannot be a respondent"));
            } else if (!agreement.hasParty(respondent)) {
                errors.add(new FieldError(path, respondent + " is not a party to agreement "
                        + agreement.agreementId()));
            } else if (!seen.add(respondent)) {
                errors.add(new FieldError(path, respondent + " is named twice"));
            }
        }
    }

    private static void checkText(String text, String field, int max, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
        } else if (text.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static void checkEvidence(List<Evidence> evidence, List<FieldError> errors) {
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
    }

    @EventSourcingHandler
    void on(DisputeRaisedEvent event) {
        disputeId = event.disputeId();
        agreementId = event.agreementId();
        claimant = event.claimant();
        respondents = Set.copyOf(event.respondents());
        subject = event.subject();
        remedy = event.remedy();
        status = DisputeStatus.OPEN;
    }

    @EventSourcingHandler
    void on(MediatorAssignedEvent event) {
        mediatorId = event.mediatorId();
        status = DisputeStatus.UNDER_MEDIATION;
    }

    @EventSourcingHandler
    void on(StatementAddedEvent event) {
        statements = event.number();
    }

    @EventSourcingHandler
    void on(DisputeRuledEvent event) {
        status = DisputeStatus.RULED;
    }

    @EventSourcingHandler
    void on(DisputeWithdrawnEvent event) {
        status = DisputeStatus.WITHDRAWN;
    }
}
