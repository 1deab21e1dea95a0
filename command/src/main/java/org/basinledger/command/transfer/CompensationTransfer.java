package org.basinledger.command.transfer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.transfer.AcknowledgeTransferCommand;
import org.basinledger.api.transfer.ConfirmTransferReceiptCommand;
import org.basinledger.api.transfer.CreateTransferCommand;
import org.basinledger.api.transfer.RecordTransferPaymentCommand;
import org.basinledger.api.transfer.TransferAcknowledgedEvent;
import org.basinledger.api.transfer.TransferCreatedEvent;
import org.basinledger.api.transfer.TransferPaidEvent;
import org.basinledger.api.transfer.TransferSettledEvent;
import org.basinledger.api.transfer.TransferSource;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.command.agreement.AgreementDirectory;
import org.basinledger.command.agreement.AgreementDirectory.AgreementFacts;
import org.basinledger.command.agreement.AgreementDraftRules;

/**
 * Money one jurisdiction owes another under an agreement. Invariants: the amount is positive (at most 10^13)
 * and payer and payee differ; it moves only forward, {@code DUE → ACKNOWLEDGED → PAID → SETTLED}, each step
 * taken once; only the payer acknowledges and pays, only the payee confirms receipt. The ledger creates the
 * transfers of assessments and fixed contributions; a party creates one only as its payer, under an agreement
 * in force to which both payer and payee are parties.
 */
@Aggregate(cache = "transferCache")
public class CompensationTransfer {

    static final int MAX_REASON = 500;
    static final int MAX_REFERENCE = 200;
    /** How far ahead of the ledger's clock a payer's own clock may be when it says when it paid. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

    @AggregateIdentifier
    private String transferId;
    private String agreementId;
    private String payer;
    private String payee;
    private TransferStatus status;

    protected CompensationTransfer() {
        // for Axon
    }

    /** Answers the transfer id. */
    @CommandHandler
    public CompensationTransfer(CreateTransferCommand command, AgreementDirectory agreements) {
        if (command.source() == TransferSource.PARTY) {
            checkPartyMayCreate(command, agreements);
        } else if (command.actingJurisdiction() != null) {
            throw new NotPermittedException("only the ledger creates transfers for assessments and fixed contributions");
        }
        checkContent(command);
        apply(new TransferCreatedEvent(command.transferId(), command.agreementId(), command.payer(), command.payee(),
                command.amount(), command.reason(), command.source(), command.sourceId()));
    }

    @CommandHandler
    public void handle(AcknowledgeTransferCommand command) {
        requireActor(payer, command.actingJurisdiction(), "payer", "acknowledge");
        requireStatus(TransferStatus.DUE, "acknowledged");
        apply(new TransferAcknowledgedEvent(transferId, agreementId, payer));
    }

    @CommandHandler
    public void handle(RecordTransferPaymentCommand command) {
        requireActor(payer, command.actingJurisdiction(), "payer", "record the payment of");
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
    }

    @CommandHandler
    public void handle(ConfirmTransferReceiptCommand command) {
        requireActor(payee, command.actingJurisdiction(), "payee", "confirm the receipt of");
        requireStatus(TransferStatus.PAID, "settled");
        apply(new TransferSettledEvent(transferId, agreementId, payee));
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
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static void checkContent(CreateTransferCommand command) {
        List<FieldError> errors = new ArrayList<>();
        requireText(command.transferId(), "transferId", errors);
        requireText(command.agreementId(), "agreementId", errors);
        requireText(command.payer(), "payer", errors);
        requireText(command.payee(), "payee", errors);
        if (command.payer() != null && command.payer().equals(command.payee())) {
            errors.add(new FieldError("payee", "must differ from payer"));
        }
        Money amount = command.amount();
        if (amount == null) {
            errors.add(new FieldError("amount", "is required"));
        } else if (!amount.isPositive() || amount.amount().compareTo(AgreementDraftRules.MAX_AMOUNT) > 0) {
            errors.add(new FieldError("amount", "must be above 0 and at most "
                    + AgreementDraftRules.MAX_AMOUNT.toPlainString()));
        }
        if (requireText(command.reason(), "reason", errors) && command.reason().length() > MAX_REASON) {
            errors.add(new FieldError("reason", "must be at most " + MAX_REASON + " characters"));
        }
        if (command.source() == null) {
            errors.add(new FieldError("source", "is required"));
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

    // Each step admits exactly one status. A DISPUTED transfer (the dispute work, a later issue) therefore cannot
    // be acknowledged, paid or settled; that work adds the events that enter and leave DISPUTED or CANCELLED.
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
        status = TransferStatus.DUE;
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
}
