package org.basinledger.command.transfer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.PaymentTerms;
import org.basinledger.api.common.Actor;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.transfer.AcknowledgeTransferCommand;
import org.basinledger.api.transfer.AdjustTransferCommand;
import org.basinledger.api.transfer.CancelTransferCommand;
import org.basinledger.api.transfer.ConfirmTransferReceiptCommand;
import org.basinledger.api.transfer.CreateTransferCommand;
import org.basinledger.api.transfer.DisputeTransferCommand;
import org.basinledger.api.transfer.LateInterestChargedEvent;
import org.basinledger.api.transfer.RecordTransferPaymentCommand;
import org.basinledger.api.transfer.ReleaseTransferCommand;
import org.basinledger.api.transfer.TransferAcknowledgedEvent;
import org.basinledger.api.transfer.TransferAdjustedEvent;
import org.basinledger.api.transfer.TransferCancelledEvent;
import org.basinledger.api.transfer.TransferCorrectedEvent;
import org.basinledger.api.transfer.TransferCreatedEvent;
import org.basinledger.api.transfer.TransferDisputedEvent;
import org.basinledger.api.transfer.TransferOverdueEvent;
import org.basinledger.api.transfer.TransferPaidEvent;
import org.basinledger.api.transfer.TransferReleasedEvent;
import org.basinledger.api.transfer.TransferSettledEvent;
import org.basinledger.api.transfer.TransferSource;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.command.agreement.AgreementDirectory;
import org.basinledger.command.agreement.AgreementDirectory.AgreementFacts;
import org.basinledger.command.agreement.AgreementDraftRules;
import org.basinledger.command.compensation.LateInterest;

/**
 * Money one jurisdiction owes another under an agreement. Invariants: the amount is positive (at most 10^13)
 * and payer and payee differ; a party's transfer is in its agreement's currency (a real ISO 4217 code), the
 * ledger's in the currency of the rule it comes from. It moves only forward,
 * {@code DUE → ACKNOWLEDGED → PAID → SETTLED}, each step taken once; only the payer acknowledges and pays, only
 * the payee confirms receipt. The ledger creates the
 * transfers of assessments, fixed contributions and the refunds and top-ups of rulings (each of those names the
 * transfer it corrects); a party creates one only as its payer, under an agreement in force to which both payer
 * and payee are parties. One dispute at a time holds it {@code DISPUTED} (only a transfer of that dispute's
 * agreement that is not cancelled): nothing moves it forward then, and only that dispute's ruling or withdrawal
 * ends it, restoring the status it had, setting a new amount or cancelling it. Nobody pays twice: a transfer not
 * yet paid takes the new amount ({@code DUE} again) or is cancelled for good; one already paid ({@code PAID} or
 * {@code SETTLED}) keeps what was paid and its status, and the difference between what a ruling sets and what
 * stood before becomes a transfer of its own, a refund or a top-up whose id derives from the dispute and this
 * transfer (so a ruling delivered twice creates one).
 *
 * <p>Under an agreement with payment terms a transfer has a {@code dueDate}: the day it fell due (a fixed
 * contribution's anniversary, otherwise the day it was created) plus {@code dueDays}; {@code LATE_INTEREST} is due
 * the day it is created. Unpaid after that day (basin time) it is overdue, recorded once by a deadline, or at
 * creation when the day has already passed. A payment dated after the due date owes late interest,
 * {@code amount × rate × days late} (exact, rounded once): the ledger creates it as a transfer of its own, whose id
 * derives from this transfer, and never charges interest on interest.
 */
@Aggregate(cache = "transferCache")
public class CompensationTransfer {

    static final int MAX_REASON = 500;
    static final int MAX_REFERENCE = 200;
    /** How far ahead of the ledger's clock a payer's own clock may be when it says when it paid. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);
    /** Deadline: the end of the transfer's due date has come. Payload: the transfer id. */
    public static final String OVERDUE = "transfer-overdue";
    private static final MetaData BY_LEDGER = MetaData.with(Actor.ACTOR, Actor.LEDGER);

    @AggregateIdentifier
    private String transferId;
    private String agreementId;
    private String payer;
    private String payee;
    private Money amount;
    /** What is owed under it: its amount, or what the last ruling set once it had been paid. */
    private Money ruledAmount;
    private TransferStatus status;
    /** The dispute holding the transfer while {@code DISPUTED}, and the status it had before. */
    private String disputeId;
    private TransferStatus statusBeforeDispute;
    /** The last day to pay without being late (basin time); null without payment terms. */
    private LocalDate dueDate;
    /** Late interest per day of delay; null when none is charged. */
    private BigDecimal lateInterestDailyRate;
    private boolean overdue;

    protected CompensationTransfer() {
        // for Axon
    }

    /** Answers the transfer id. */
    @CommandHandler
    public CompensationTransfer(CreateTransferCommand command, AgreementDirectory agreements,
                                DeadlineManager deadlines) {
        if (command.source() == TransferSource.PARTY) {
            checkPartyMayCreate(command, agreements);
        } else if (command.actingJurisdiction() != null) {
            throw new NotPermittedException("only the ledger creates transfers for assessments, fixed contributions, "
                    + "refunds, top-ups and late interest");
        }
        checkContent(command);
        Instant now = GenericEventMessage.clock.instant();
        PaymentTerms terms = command.agreementId() == null ? null
                : agreements.find(command.agreementId()).map(AgreementFacts::payment).orElse(null);
        LocalDate due = null;
        BigDecimal rate = null;
        if (terms != null && terms.dueDays() != null) {
            LocalDate fellDueOn = command.fellDueOn() != null ? command.fellDueOn()
                    : LocalDate.ofInstant(now, LedgerCalendar.ZONE);
            if (command.source() == TransferSource.LATE_INTEREST) {
                due = fellDueOn; // due at once, and no interest on interest
            } else {
                due = fellDueOn.plusDays(terms.dueDays());
                BigDecimal dailyRate = terms.lateInterestDailyRate();
                rate = dailyRate != null && dailyRate.signum() > 0 ? dailyRate : null;
            }
        }
        apply(new TransferCreatedEvent(command.transferId(), command.agreementId(), command.payer(), command.payee(),
                command.amount(), command.reason(), command.source(), command.sourceId(),
                command.correctsTransferId(), due, rate, command.schemeId()));
        if (due != null) {
            Instant lateFrom = LedgerCalendar.endOf(due);
            if (now.isBefore(lateFrom)) {
                deadlines.schedule(lateFrom, OVERDUE, command.transferId());
            } else {
                // the aggregate's fields are set once the constructor has returned: the command says it all
                apply(new TransferOverdueEvent(command.transferId(), command.agreementId(), command.payer(),
                        command.payee(), due), BY_LEDGER);
            }
        }
    }

    @CommandHandler
    public void handle(AcknowledgeTransferCommand command) {
        requireActor(payer, command.actingJurisdiction(), "payer", "acknowledge");
        requireNotDisputed("acknowledged");
        requireStatus(TransferStatus.DUE, "acknowledged");
        apply(new TransferAcknowledgedEvent(transferId, agreementId, payer));
    }

    @CommandHandler
    public void handle(RecordTransferPaymentCommand command) {
        requireActor(payer, command.actingJurisdiction(), "payer", "record the payment of");
        requireNotDisputed("paid");
        requireStatus(TransferStatus.ACKNOWLEDGED, "paid");
        List<FieldError> errors = new ArrayList<>();
        if (command.reference() == null || command.reference().isBlank()) {
            errors.add(new FieldError("reference", "must not be blank"));
        } else if (command.reference().length() > MAX_REFERENCE) {
            errors.add(new FieldError("reference", "must be at most " + MAX_REFERENCE + " characters"));
        }
        Instant latest = GenericEventMessage.clock.instant().plus(CLOCK_TOLERANCE);
        if (command.paidAt() == null) {
            errors.add(new FieldError("paidAt", "is required"));
        } else if (command.paidAt().isAfter(latest)) {
            errors.add(new FieldError("paidAt", "must not be in the future"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        apply(new TransferPaidEvent(transferId, agreementId, payer, command.reference(), command.paidAt()));
        chargeLateInterest(command.paidAt());
    }

    /** A payment after the due date owes interest for each day late, as a transfer of its own. */
    private void chargeLateInterest(Instant paidAt) {
        if (dueDate == null || lateInterestDailyRate == null) {
            return;
        }
        LocalDate paidOn = LocalDate.ofInstant(paidAt, LedgerCalendar.ZONE);
        long daysLate = LateInterest.daysLate(dueDate, paidOn);
        if (daysLate == 0) {
            return;
        }
        Money interest = LateInterest.interest(amount, lateInterestDailyRate, daysLate);
        if (!interest.greaterThanZero()) {
            return; // rounds to nothing: no transfer of 0.00
        }
        if (interest.amount().compareTo(AgreementDraftRules.MAX_AMOUNT) > 0) {
            // the most a transfer may carry; only decades of delay on the largest amounts come near it
            interest = Money.of(AgreementDraftRules.MAX_AMOUNT, interest.currency());
        }
        apply(new LateInterestChargedEvent(transferId, agreementId, payer, payee, amount, dueDate, paidOn, daysLate,
                lateInterestDailyRate, interest, lateInterestId(transferId)));
    }

    /** The id of the late-interest transfer of a transfer: the same for every delivery. */
    static String lateInterestId(String transferId) {
        return UUID.nameUUIDFromBytes(("late-interest:" + transferId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The end of the due date has come: an unpaid transfer (also one held by a dispute begun before it was paid)
     * is overdue from now on. Deadlines are never cancelled: a paid or cancelled transfer ignores it.
     */
    @DeadlineHandler(deadlineName = OVERDUE)
    void onOverdue(String scheduledFor) {
        if (!overdue && isUnpaid()) {
            apply(new TransferOverdueEvent(transferId, agreementId, payer, payee, dueDate), BY_LEDGER);
        }
    }

    private boolean isUnpaid() {
        TransferStatus standing = status == TransferStatus.DISPUTED ? statusBeforeDispute : status;
        return standing == TransferStatus.DUE || standing == TransferStatus.ACKNOWLEDGED;
    }

    @CommandHandler
    public void handle(ConfirmTransferReceiptCommand command) {
        requireActor(payee, command.actingJurisdiction(), "payee", "confirm the receipt of");
        requireNotDisputed("settled");
        requireStatus(TransferStatus.PAID, "settled");
        apply(new TransferSettledEvent(transferId, agreementId, payee));
    }

    @CommandHandler
    public void handle(DisputeTransferCommand command) {
        if (agreementId == null || !agreementId.equals(command.agreementId())) {
            // The subject of the dispute names the transfer: the answer goes to its raiser's subject.id.
            throw new InvalidInputException("subject.id", "transfer " + transferId + " is not part of agreement "
                    + command.agreementId());
        }
        if (status == TransferStatus.DISPUTED) {
            throw new InvalidStateException("transfer " + transferId + " is already under dispute " + disputeId);
        }
        if (status == TransferStatus.CANCELLED) {
            throw new InvalidStateException("transfer " + transferId + " is " + status + " and cannot be disputed");
        }
        Money claimed = command.claimedAmount();
        if (claimed != null && !claimed.currency().equals(amount.currency())) {
            throw new InvalidInputException("remedy.amount", "must be in the transfer's currency " + amount.currency());
        }
        apply(new TransferDisputedEvent(transferId, agreementId, command.disputeId(), status));
    }

    @CommandHandler
    public void handle(ReleaseTransferCommand command) {
        requireDisputedBy(command.disputeId(), "released");
        apply(new TransferReleasedEvent(transferId, agreementId, disputeId, statusBeforeDispute));
    }

    @CommandHandler
    public void handle(AdjustTransferCommand command) {
        requireDisputedBy(command.disputeId(), "adjusted");
        Money newAmount = command.amount();
        // Only a ruling adjusts a transfer: the amount is the mediator's adjustedAmount.
        if (newAmount == null || !newAmount.greaterThanZero()
                || newAmount.amount().compareTo(AgreementDraftRules.MAX_AMOUNT) > 0) {
            throw new InvalidInputException("adjustedAmount", "must be above 0 and at most "
                    + AgreementDraftRules.MAX_AMOUNT.toPlainString());
        }
        if (!newAmount.currency().equals(amount.currency())) {
            throw new InvalidInputException("adjustedAmount", "must be in the transfer's currency "
                    + amount.currency());
        }
        if (wasPaid()) {
            correct(newAmount);
        } else {
            apply(new TransferAdjustedEvent(transferId, agreementId, disputeId, amount, newAmount));
        }
    }

    @CommandHandler
    public void handle(CancelTransferCommand command) {
        requireDisputedBy(command.disputeId(), "cancelled");
        if (wasPaid()) {
            correct(Money.zero(amount.currency()));
        } else {
            apply(new TransferCancelledEvent(transferId, agreementId, disputeId));
        }
    }

    /** Whether the transfer had been paid when the dispute holding it began. */
    private boolean wasPaid() {
        return statusBeforeDispute == TransferStatus.PAID || statusBeforeDispute == TransferStatus.SETTLED;
    }

    /**
     * A ruling sets what is owed under a transfer already paid to {@code owed}: what was paid stands, and the
     * difference from what stood before is refunded (lower) or topped up (higher).
     */
    private void correct(Money owed) {
        int direction = owed.amount().compareTo(ruledAmount.amount());
        if (direction == 0) {
            apply(new TransferCorrectedEvent(transferId, agreementId, disputeId, ruledAmount, owed,
                    statusBeforeDispute, null, null, null, null, null));
            return;
        }
        boolean refund = direction < 0;
        Money difference = refund ? ruledAmount.minus(owed) : owed.minus(ruledAmount);
        apply(new TransferCorrectedEvent(transferId, agreementId, disputeId, ruledAmount, owed, statusBeforeDispute,
                correctionId(disputeId, transferId), refund ? TransferSource.REFUND : TransferSource.TOP_UP,
                refund ? payee : payer, refund ? payer : payee, difference));
    }

    /** The id of the refund or top-up a dispute's ruling makes on a transfer: the same for every delivery. */
    static String correctionId(String disputeId, String transferId) {
        return UUID.nameUUIDFromBytes(("ruling-correction:" + disputeId + ":" + transferId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void requireDisputedBy(String dispute, String action) {
        if (status != TransferStatus.DISPUTED || !disputeId.equals(dispute)) {
            throw new InvalidStateException("transfer " + transferId + " is not under dispute " + dispute
                    + " and cannot be " + action + " by it");
        }
    }

    private void requireNotDisputed(String action) {
        if (status == TransferStatus.DISPUTED) {
            throw new InvalidStateException("transfer " + transferId + " is disputed (dispute " + disputeId
                    + ") and cannot be " + action + " until the dispute ends");
        }
    }

    private static void checkPartyMayCreate(CreateTransferCommand command, AgreementDirectory agreements) {
        if (command.actingJurisdiction() == null || !command.actingJurisdiction().equals(command.payer())) {
            throw new NotPermittedException("only the paying party may create a transfer");
        }
        AgreementFacts agreement = agreements.find(command.agreementId())
                .orElseThrow(() -> new NotFoundException("no agreement " + command.agreementId()));
        if (agreement.status() != AgreementStatus.IN_FORCE) {
            throw new InvalidStateException("agreement " + command.agreementId() + " is " + agreement.status()
                    + ": a party creates transfers only under an agreement in force");
        }
        List<FieldError> errors = new ArrayList<>();
        if (!agreement.hasParty(command.payer())) {
            errors.add(new FieldError("payer", command.payer() + " is not a party to " + command.agreementId()));
        }
        if (!agreement.hasParty(command.payee())) {
            errors.add(new FieldError("payee", command.payee() + " is not a party to " + command.agreementId()));
        }
        Money amount = command.amount();
        if (amount != null && Money.isIsoCurrency(amount.currency())
                && !amount.currency().equals(agreement.currency())) {
            errors.add(new FieldError("amount.currency", "must be " + agreement.currency() + ", the currency of "
                    + command.agreementId()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static void checkContent(CreateTransferCommand command) {
        List<FieldError> errors = new ArrayList<>();
        requireText(command.transferId(), "transferId", errors);
        if (command.schemeId() == null) {
            requireText(command.agreementId(), "agreementId", errors);
            if (command.source() == TransferSource.ALLOCATION || command.source() == TransferSource.TRADE) {
                errors.add(new FieldError("schemeId", "an " + command.source() + " transfer names its emission scheme"));
            }
        } else {
            requireText(command.schemeId(), "schemeId", errors);
            if (command.agreementId() != null) {
                errors.add(new FieldError("agreementId", "a transfer of an emission scheme has no agreement"));
            }
            if (command.source() != TransferSource.ALLOCATION && command.source() != TransferSource.TRADE
                    && command.source() != TransferSource.PENALTY) {
                errors.add(new FieldError("source", "a transfer of an emission scheme is an ALLOCATION, a TRADE or a PENALTY"));
            }
        }
        requireText(command.payer(), "payer", errors);
        requireText(command.payee(), "payee", errors);
        if (command.payer() != null && command.payer().equals(command.payee())) {
            errors.add(new FieldError("payee", "must differ from payer"));
        }
        Money amount = command.amount();
        if (amount == null) {
            errors.add(new FieldError("amount", "is required"));
        } else {
            // The ledger's own transfers carry the currency of the rule they come from, checked at drafting.
            if (command.source() == TransferSource.PARTY && !Money.isIsoCurrency(amount.currency())) {
                errors.add(new FieldError("amount.currency", amount.currency() + " is not an ISO 4217 currency code"));
            }
            if (!amount.greaterThanZero() || amount.amount().compareTo(AgreementDraftRules.MAX_AMOUNT) > 0) {
                errors.add(new FieldError("amount", "must be above 0 and at most "
                        + AgreementDraftRules.MAX_AMOUNT.toPlainString()));
            }
        }
        if (requireText(command.reason(), "reason", errors) && command.reason().length() > MAX_REASON) {
            errors.add(new FieldError("reason", "must be at most " + MAX_REASON + " characters"));
        }
        if (command.source() == null) {
            errors.add(new FieldError("source", "is required"));
        } else if (command.source().isCorrection()) {
            requireText(command.correctsTransferId(), "correctsTransferId", errors);
        } else if (command.correctsTransferId() != null) {
            errors.add(new FieldError("correctsTransferId", "only a refund or a top-up corrects another transfer"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static boolean requireText(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
            return false;
        }
        return true;
    }

    private void requireActor(String expected, String actingJurisdiction, String role, String action) {
        if (!expected.equals(actingJurisdiction)) {
            throw new NotPermittedException("only the " + role + " " + expected + " may " + action + " transfer "
                    + transferId);
        }
    }

    // Each step admits exactly one status, so neither a DISPUTED nor a CANCELLED transfer moves forward.
    private void requireStatus(TransferStatus required, String action) {
        if (status != required) {
            throw new InvalidStateException("transfer " + transferId + " is " + status + " and cannot be " + action
                    + " (only when " + required + ")");
        }
    }

    @EventSourcingHandler
    void on(TransferCreatedEvent event) {
        transferId = event.transferId();
        agreementId = event.agreementId();
        payer = event.payer();
        payee = event.payee();
        amount = event.amount();
        ruledAmount = event.amount();
        status = TransferStatus.DUE;
        dueDate = event.dueDate();
        lateInterestDailyRate = event.lateInterestDailyRate();
    }

    @EventSourcingHandler
    void on(TransferOverdueEvent event) {
        overdue = true;
    }

    @EventSourcingHandler
    void on(TransferAcknowledgedEvent event) {
        status = TransferStatus.ACKNOWLEDGED;
    }

    @EventSourcingHandler
    void on(TransferPaidEvent event) {
        status = TransferStatus.PAID;
    }

    @EventSourcingHandler
    void on(TransferSettledEvent event) {
        status = TransferStatus.SETTLED;
    }

    @EventSourcingHandler
    void on(TransferDisputedEvent event) {
        disputeId = event.disputeId();
        statusBeforeDispute = event.previousStatus();
        status = TransferStatus.DISPUTED;
    }

    @EventSourcingHandler
    void on(TransferReleasedEvent event) {
        status = event.status();
        endDispute();
    }

    @EventSourcingHandler
    void on(TransferAdjustedEvent event) {
        amount = event.amount();
        ruledAmount = event.amount();
        status = TransferStatus.DUE;
        endDispute();
    }

    @EventSourcingHandler
    void on(TransferCorrectedEvent event) {
        ruledAmount = event.amount();
        status = event.status();
        endDispute();
    }

    @EventSourcingHandler
    void on(TransferCancelledEvent event) {
        status = TransferStatus.CANCELLED;
        endDispute();
    }

    private void endDispute() {
        disputeId = null;
        statusBeforeDispute = null;
    }
}
