package org.basinledger.api.incident;

import java.time.Instant;
import java.util.List;

import org.basinledger.api.common.Evidence;

/**
 * An incident as the public and the parties read it: where and what, its level and status, every notice (with its
 * deadline and whether it was acknowledged in time, late, missed or withdrawn) and every update. {@code version}
 * is its aggregate version.
 */
public record IncidentView(String id, String agreementId, String sectionId, IncidentStatus status, WarningLevel level,
                           String pollutant, String description, Instant detectedAt, List<Evidence> evidence,
                           String raisedBy, Instant raisedAt, List<Notice> notices, List<Update> updates,
                           String closedBy, Instant closedAt, String summary, Instant updatedAt, long version) {

    /**
     * A notice to {@code jurisdictionId}: {@code late} when acknowledged after {@code acknowledgeBy}; {@code missed}
     * when the deadline passed without an acknowledgement (a late one may follow), with the penalty transfer it
     * created, if any; {@code withdrawn} when a change of level or the closure ended it before its deadline.
     */
    public record Notice(int number, String jurisdictionId, WarningLevel level, Instant sentAt, Instant acknowledgeBy,
                         Instant acknowledgedAt, boolean late, String note, boolean missed,
                         String penaltyTransferId, boolean withdrawn) {
    }

    /** Update {@code number}; {@code level} is the level it set, null when it left the level as it was. */
    public record Update(int number, String author, String text, List<Evidence> evidence, WarningLevel level,
                         Instant at) {
    }
}
