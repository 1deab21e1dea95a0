package org.basinledger.api.transfer;

/** A ruling cancelled the transfer: {@code CANCELLED}, final; nothing is owed under it. */
public record TransferCancelledEvent(String transferId, String agreementId, String disputeId) implements TransferEvent {
}
