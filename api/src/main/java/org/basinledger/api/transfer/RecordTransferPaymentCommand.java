package org.basinledger.api.transfer;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payer records that it paid an acknowledged transfer, with its payment reference and when it paid. */
public record RecordTransferPaymentCommand(@TargetAggregateIdentifier String transferId, String actingJurisdiction,
                                           String reference, Instant paidAt) {
}
