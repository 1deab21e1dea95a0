package org.basinledger.api.transfer;

/** A ruling cancelled a transfer not yet paid: {@code CANCELLED}, final; nothing is owed under it. */
public record TransferCancelledEvent(String transferId, String agreementId, String disputeId) implements TransferEvent {
}
