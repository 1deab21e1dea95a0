package org.basinledger.api.transfer;

/** Answers a {@link TransferList}, newest first, filtered by agreement, party (payer or payee) and status, each optional. */
public record ListTransfersQuery(String agreementId, String party, TransferStatus status) {
}
