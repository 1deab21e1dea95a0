package org.basinledger.api.dispute;

/** Answers the {@link DisputeCaseFile} of one dispute, or {@code null} when it is unknown. */
public record FindDisputeQuery(String disputeId) {
}
