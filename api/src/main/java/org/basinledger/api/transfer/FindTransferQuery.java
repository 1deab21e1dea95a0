package org.basinledger.api.transfer;

/** Answers the {@link TransferView} of one transfer, or {@code null} when it is unknown. */
public record FindTransferQuery(String transferId) {
}
