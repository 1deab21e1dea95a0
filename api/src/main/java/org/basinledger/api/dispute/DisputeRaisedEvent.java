package org.basinledger.api.dispute;

import java.util.List;

/**
 * A dispute was raised: {@code OPEN}. Its effects on the subject (a transfer disputed, a report set aside) follow.
 * {@code remedy} is what the claim asks for if upheld, as the claimant gave it (null: none named, and in events
 * recorded before remedies existed).
 */
public record DisputeRaisedEvent(String disputeId, String agreementId, String claimant, Subject subject,
                                 List<String> respondents, String claim, Remedy remedy) implements DisputeEvent {

    /** A claim that names no remedy. */
    public DisputeRaisedEvent(String disputeId, String agreementId, String claimant, Subject subject,
                              List<String> respondents, String claim) {
        this(disputeId, agreementId, claimant, subject, respondents, claim, null);
    }
}
