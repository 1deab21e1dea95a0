package org.basinledger.command.transfer;

import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.compliance.AssessmentRecordedEvent;
import org.basinledger.api.compliance.AssessmentResult;
import org.basinledger.api.compliance.FixedContributionFellDueEvent;
import org.basinledger.api.incident.IncidentAcknowledgementMissedEvent;
import org.basinledger.api.emission.AllowancesIssuedEvent;
import org.basinledger.api.emission.EmissionTradeCompletedEvent;
import org.basinledger.api.emission.SurrenderDeadlinePassedEvent;
import org.basinledger.api.transfer.CreateTransferCommand;
import org.basinledger.api.transfer.LateInterestChargedEvent;
import org.basinledger.api.transfer.TransferCorrectedEvent;
import org.basinledger.api.transfer.TransferSource;
import org.springframework.stereotype.Component;

/**
 * Creates the transfer an assessment, a fixed contribution, a ruling's correction of a paid transfer (a refund
 * or a top-up) a late payment's interest or an incident's missed notice names, by command, as the ledger (no acting jurisdiction). Meant to run as a subscribing processor, so the transfer is created in the unit of work (and
 * transaction) of the event that names it. Idempotent: the transfer id comes from the event, so a transfer that
 * already exists was created by an earlier delivery of the same event and is left as it is.
 */
@Component
@ProcessingGroup(TransferCreation.PROCESSING_GROUP)
public class TransferCreation {

    public static final String PROCESSING_GROUP = "transfer-creation";

    private final CommandGateway commands;

    public TransferCreation(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(AssessmentRecordedEvent event) {
        if (event.transferId() == null) {
            return;
        }
        AssessmentResult result = event.result();
        create(new CreateTransferCommand(event.transferId(), event.agreementId(), result.payer(), result.payee(),
                result.amount(), reason(event), TransferSource.ASSESSMENT, event.assessmentId(), null));
    }

    @EventHandler
    void on(FixedContributionFellDueEvent event) {
        String reason = "Fixed contribution for year " + event.year() + " (" + event.period() + ") of rule "
                + event.ruleIndex();
        create(new CreateTransferCommand(event.transferId(), event.agreementId(), event.payer(), event.payee(),
                event.amount(), reason, TransferSource.FIXED_CONTRIBUTION,
                event.agreementId() + ":" + event.ruleIndex() + ":" + event.year(), null, null,
                event.dueAt() == null ? null : LocalDate.ofInstant(event.dueAt(), LedgerCalendar.ZONE)));
    }

    /** A transfer paid late owes its interest: due at once, from the same payer to the same payee. */
    @EventHandler
    void on(LateInterestChargedEvent event) {
        create(new CreateTransferCommand(event.interestTransferId(), event.agreementId(), event.payer(),
                event.payee(), event.interest(), reason(event), TransferSource.LATE_INTEREST, event.transferId(),
                null));
    }

    /** E.g. "Late interest on transfer 7b1f…: 100000000.00 CNY × 0.0005 a day × 12 days late (due 2026-01-31, paid 2026-02-12)". */
    static String reason(LateInterestChargedEvent event) {
        return "Late interest on transfer " + event.transferId() + ": " + event.amount().amount().toPlainString() + " "
                + event.amount().currency() + " × " + event.dailyRate().toPlainString() + " a day × "
                + event.daysLate() + (event.daysLate() == 1 ? " day" : " days") + " late (due " + event.dueDate()
                + ", paid " + event.paidOn() + ")";
    }

    /** A notice of an incident was missed under terms with a penalty: the silent party owes it, due at once. */
    @EventHandler
    void on(IncidentAcknowledgementMissedEvent event) {
        if (event.penaltyTransferId() == null) {
            return;
        }
        create(new CreateTransferCommand(event.penaltyTransferId(), event.agreementId(), event.jurisdictionId(),
                event.raisedBy(), event.penalty(), reason(event), TransferSource.PENALTY, event.incidentId(), null));
    }

    /** E.g. "Penalty: CN-ZJ did not acknowledge notice 2 (RED) of incident 5c2e… by 2026-07-01T08:00:00Z". */
    static String reason(IncidentAcknowledgementMissedEvent event) {
        return "Penalty: " + event.jurisdictionId() + " did not acknowledge notice " + event.noticeNumber() + " ("
                + event.level() + ") of incident " + event.incidentId() + " by " + event.acknowledgeBy();
    }

    /** Paid issuance: each holder owes the authority quantity × price of its allocation. */
    @EventHandler
    void on(AllowancesIssuedEvent event) {
        for (AllowancesIssuedEvent.IssuedAllocation allocation : event.allocations()) {
            if (allocation.transferId() == null) {
                continue;
            }
            create(CreateTransferCommand.ofScheme(allocation.transferId(), event.schemeId(), allocation.holder(),
                    event.authority(), allocation.amount(), "Allocation of " + allocation.quantity().toPlainString()
                            + " t of vintage " + event.vintage() + " in " + event.schemeId() + " at "
                            + allocation.pricePerTonne().amount().toPlainString() + " "
                            + allocation.pricePerTonne().currency() + "/t",
                    TransferSource.ALLOCATION, event.schemeId() + ":issuance:" + event.issuance()));
        }
    }

    /** A completed trade: the buyer owes the seller quantity × price. */
    @EventHandler
    void on(EmissionTradeCompletedEvent event) {
        if (event.transferId() == null) {
            return;
        }
        create(CreateTransferCommand.ofScheme(event.transferId(), event.schemeId(), event.buyer(), event.seller(),
                event.amount(), "Trade " + event.tradeId() + ": " + event.quantity().toPlainString() + " t of vintage "
                        + event.vintage() + " at " + event.pricePerTonne().amount().toPlainString() + " "
                        + event.pricePerTonne().currency() + "/t", TransferSource.TRADE, event.tradeId()));
    }

    /** A deficit at a surrender deadline: the holder owes the authority missing × penalty; the tonnes stay owed. */
    @EventHandler
    void on(SurrenderDeadlinePassedEvent event) {
        for (SurrenderDeadlinePassedEvent.YearResult result : event.results()) {
            if (result.penaltyTransferId() == null) {
                continue;
            }
            create(CreateTransferCommand.ofScheme(result.penaltyTransferId(), event.schemeId(), result.holder(),
                    event.authority(), result.penalty(), "Penalty for " + result.missing().toPlainString()
                            + " t not surrendered for " + event.year() + " in " + event.schemeId() + " (verified "
                            + result.verified().toPlainString() + " t, surrendered "
                            + result.surrendered().toPlainString() + " t by " + event.surrenderBy() + ")",
                    TransferSource.PENALTY, event.schemeId() + ":" + event.year() + ":" + result.holder()));
        }
    }

    @EventHandler
    void on(TransferCorrectedEvent event) {
        if (event.correctionTransferId() == null) {
            return;
        }
        create(new CreateTransferCommand(event.correctionTransferId(), event.agreementId(), event.correctionPayer(),
                event.correctionPayee(), event.correctionAmount(), reason(event), event.correctionSource(),
                event.disputeId(), null, event.transferId()));
    }

    /** E.g. "Refund of transfer 7b1f…: the ruling on dispute D-1 set 60000000.00 CNY where 100000000.00 CNY stood". */
    static String reason(TransferCorrectedEvent event) {
        String kind = event.correctionSource() == TransferSource.REFUND ? "Refund" : "Top-up";
        return kind + " of transfer " + event.transferId() + ": the ruling on dispute " + event.disputeId() + " set "
                + event.amount().amount().toPlainString() + " " + event.amount().currency() + " where "
                + event.previousAmount().amount().toPlainString() + " " + event.previousAmount().currency()
                + " stood";
    }

    /** E.g. "Assessment of JIEKOU 2025 (WATER_QUALITY_INDEX): index 1.0200, not met". */
    static String reason(AssessmentRecordedEvent event) {
        AssessmentResult result = event.result();
        String detail = switch (event.rule()) {
            case WATER_QUALITY_INDEX -> "index " + result.index().toPlainString() + ", " + (result.met() ? "met" : "not met");
            case EXCEEDANCE_PER_TONNE -> result.pollutants().stream()
                    .filter(p -> p.excessTonnes().signum() > 0)
                    .map(p -> p.pollutant() + " " + p.excessTonnes().setScale(2, RoundingMode.HALF_UP)
                            .toPlainString() + " t")
                    .collect(Collectors.joining(", ", "", " over target"));
            case FIXED_CONTRIBUTION -> "fixed contribution";
        };
        return "Assessment of " + event.sectionId() + " " + event.period() + " (" + event.rule() + "): " + detail;
    }

    private void create(CreateTransferCommand command) {
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException e) {
            if (!alreadyExists(e)) {
                throw e;
            }
        }
    }

    private static boolean alreadyExists(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateStreamCreationException || t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
