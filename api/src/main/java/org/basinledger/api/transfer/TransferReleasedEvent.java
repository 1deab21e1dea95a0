package org.basinledger.api.transfer;

/** The dispute on the transfer ended; it is back in {@code status}. */
public record TransferReleasedEvent(String transferId, String agreementId, String disputeId, TransferStatus status)
        implements TransferEvent {
}
