package org.basinledger.api.dispute;

import java.time.Instant;
import java.util.List;

/** A dispute's parties, state and ruling, without statements or history. */
public record DisputeSummary(String id, String agreementId, Subject subject, String claimant, List<String> respondents,
                             String claim, String mediatorId, DisputeStatus status, Ruling ruling, Instant raisedAt,
                             Instant updatedAt) {
}
