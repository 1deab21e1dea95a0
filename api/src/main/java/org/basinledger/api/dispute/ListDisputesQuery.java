package org.basinledger.api.dispute;

/**
 * Answers a {@link DisputeList}, newest first, filtered by agreement, status and assigned mediator (each
 * optional): {@code limit} of them from {@code offset}, with how many match in all. The caller of the query
 * decides what each reader may see of them.
 */
public record ListDisputesQuery(String agreementId, DisputeStatus status, String mediatorId, long offset, int limit) {

    /** Every matching dispute: only where their number is bounded otherwise (one agreement's, for its history). */
    public ListDisputesQuery(String agreementId, DisputeStatus status, String mediatorId) {
        this(agreementId, status, mediatorId, 0, Integer.MAX_VALUE);
    }
}
