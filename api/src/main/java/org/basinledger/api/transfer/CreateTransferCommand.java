package org.basinledger.api.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.basinledger.api.common.Money;

/**
 * Creates a compensation transfer, status {@code DUE}. Sent by the ledger for assessments and fixed
 * contributions ({@code actingJurisdiction} null), or by the paying party itself ({@code source} PARTY).
 */
public record CreateTransferCommand(@TargetAggregateIdentifier String transferId, String agreementId, String payer,
                                    String payee, Money amount, String reason, TransferSource source,
                                    String sourceId, String actingJurisdiction) {
}
