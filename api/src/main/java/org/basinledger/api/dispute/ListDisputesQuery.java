package org.basinledger.api.dispute;

/**
 * Answers a {@link DisputeList}, newest first, filtered by agreement, status and assigned mediator (each
 * optional). The caller of the query decides what each reader may see of them.
 */
public record ListDisputesQuery(String agreementId, DisputeStatus status, String mediatorId) {
}
