package org.basinledger.api.transfer;

/** The payer acknowledged that it owes the transfer: {@code ACKNOWLEDGED}. */
public record TransferAcknowledgedEvent(String transferId, String agreementId, String payer) implements TransferEvent {
}
