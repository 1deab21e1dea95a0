package org.basinledger.api.dispute;

import java.time.Instant;
import java.util.List;

/**
 * A dispute's parties, state and ruling, without statements or history. {@code remedy} is what the claim asked
 * for if upheld (null when it named none).
 */
public record DisputeSummary(String id, String agreementId, Subject subject, String claimant, List<String> respondents,
                             String claim, String mediatorId, DisputeStatus status, Ruling ruling, Instant raisedAt,
                             Instant updatedAt, Remedy remedy) {

    /** A dispute whose claim named no remedy. */
    public DisputeSummary(String id, String agreementId, Subject subject, String claimant, List<String> respondents,
                          String claim, String mediatorId, DisputeStatus status, Ruling ruling, Instant raisedAt,
                          Instant updatedAt) {
        this(id, agreementId, subject, claimant, respondents, claim, mediatorId, status, ruling, raisedAt, updatedAt,
                null);
    }
}
