package org.basinledger.api.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.basinledger.api.common.Money;

/**
 * Creates a compensation transfer, status {@code DUE}. Sent by the ledger for assessments, fixed contributions and
 * the refunds and top-ups of rulings ({@code actingJurisdiction} null; a refund or top-up names the transfer it
 * corrects in {@code correctsTransferId}), or by the paying party itself ({@code source} PARTY).
 */
public record CreateTransferCommand(@TargetAggregateIdentifier String transferId, String agreementId, String payer,
                                    String payee, Money amount, String reason, TransferSource source,
                                    String sourceId, String actingJurisdiction, String correctsTransferId) {

    /** A transfer that corrects no other. */
    public CreateTransferCommand(String transferId, String agreementId, String payer, String payee, Money amount,
                                 String reason, TransferSource source, String sourceId, String actingJurisdiction) {
        this(transferId, agreementId, payer, payee, amount, reason, source, sourceId, actingJurisdiction, null);
    }
}
