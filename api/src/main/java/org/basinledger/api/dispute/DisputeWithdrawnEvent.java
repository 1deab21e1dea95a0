package org.basinledger.api.dispute;

/** The claimant withdrew the dispute: {@code WITHDRAWN}; the subject is released. */
public record DisputeWithdrawnEvent(String disputeId, String agreementId, Subject subject, String claimant)
        implements DisputeEvent {
}
