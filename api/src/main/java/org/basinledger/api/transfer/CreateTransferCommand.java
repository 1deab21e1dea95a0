package org.basinledger.api.transfer;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.basinledger.api.common.Money;

/**
 * Creates a compensation transfer, status {@code DUE}. Sent by the ledger for assessments, fixed contributions and
 * the refunds, top-ups and late interest of transfers ({@code actingJurisdiction} null; a refund or top-up names the transfer it
 * corrects in {@code correctsTransferId}), or by the paying party itself ({@code source} PARTY).
 * {@code fellDueOn} is the day the money fell due when that is not the day the transfer is created (a fixed
 * contribution's anniversary); null: the day it is created. Under payment terms the due date counts from it.
 * {@code schemeId} names the emission scheme of an {@code ALLOCATION}, {@code TRADE} or scheme {@code PENALTY}
 * transfer, which has no agreement ({@code agreementId} null).
 */
public record CreateTransferCommand(@TargetAggregateIdentifier String transferId, String agreementId, String payer,
                                    String payee, Money amount, String reason, TransferSource source,
                                    String sourceId, String actingJurisdiction, String correctsTransferId,
                                    LocalDate fellDueOn, String schemeId) {

    /** A transfer of an agreement. */
    public CreateTransferCommand(String transferId, String agreementId, String payer, String payee, Money amount,
                                 String reason, TransferSource source, String sourceId, String actingJurisdiction,
                                 String correctsTransferId, LocalDate fellDueOn) {
        this(transferId, agreementId, payer, payee, amount, reason, source, sourceId, actingJurisdiction,
                correctsTransferId, fellDueOn, null);
    }

    /** A transfer of an emission scheme (no agreement), created by the ledger, due the day it is created. */
    public static CreateTransferCommand ofScheme(String transferId, String schemeId, String payer, String payee,
                                                 Money amount, String reason, TransferSource source, String sourceId) {
        return new CreateTransferCommand(transferId, null, payer, payee, amount, reason, source, sourceId, null, null,
                null, schemeId);
    }

    /** A transfer that falls due the day it is created. */
    public CreateTransferCommand(String transferId, String agreementId, String payer, String payee, Money amount,
                                 String reason, TransferSource source, String sourceId, String actingJurisdiction,
                                 String correctsTransferId) {
        this(transferId, agreementId, payer, payee, amount, reason, source, sourceId, actingJurisdiction,
                correctsTransferId, null);
    }

    /** A transfer that corrects no other. */
    public CreateTransferCommand(String transferId, String agreementId, String payer, String payee, Money amount,
                                 String reason, TransferSource source, String sourceId, String actingJurisdiction) {
        this(transferId, agreementId, payer, payee, amount, reason, source, sourceId, actingJurisdiction, null);
    }
}
