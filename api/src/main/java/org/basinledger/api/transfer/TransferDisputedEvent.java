package org.basinledger.api.transfer;

/** The transfer is under dispute: {@code DISPUTED}; it cannot be acknowledged, paid or settled until released. */
public record TransferDisputedEvent(String transferId, String agreementId, String disputeId,
                                    TransferStatus previousStatus) implements TransferEvent {
}
