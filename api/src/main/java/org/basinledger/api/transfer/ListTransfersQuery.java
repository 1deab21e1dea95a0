package org.basinledger.api.transfer;

/**
 * Answers a {@link TransferList}, newest first, filtered by agreement, party (payer or payee) and status, each
 * optional: at most {@code limit} transfers from the {@code offset}-th on, with the count of all that match.
 */
public record ListTransfersQuery(String agreementId, String party, TransferStatus status, long offset, int limit) {

    public ListTransfersQuery {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be 0 or more and limit 1 or more");
        }
    }
}
