package org.basinledger.api.dispute;

import java.util.List;

/** A dispute was raised: {@code OPEN}. Its effects on the subject (a transfer disputed, a report set aside) follow. */
public record DisputeRaisedEvent(String disputeId, String agreementId, String claimant, Subject subject,
                                 List<String> respondents, String claim) implements DisputeEvent {
}
