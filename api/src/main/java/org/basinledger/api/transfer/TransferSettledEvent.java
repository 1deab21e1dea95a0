package org.basinledger.api.transfer;

/** The payee confirmed receipt: {@code SETTLED}, final. */
public record TransferSettledEvent(String transferId, String agreementId, String payee) implements TransferEvent {
}
