package org.basinledger.api.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.basinledger.api.common.Evidence;

/**
 * A public report as anyone may read it: never its contact, nor its tracking code. {@code overdue}: assigned,
 * unanswered, and past the end of {@code answerBy}; {@code answer} is null until the jurisdiction answered.
 */
public record PublicReportView(String id, String basin, String agreementId, String sectionId, String waterBody,
                               ReportPlace place, PublicReportCategory category, String description,
                               Instant observedAt, List<ReportPhoto> photos, PublicReportStatus status,
                               Instant filedAt, String jurisdictionId, LocalDate answerBy, Instant assignedAt,
                               boolean overdue, Instant overdueSince, String rejectionReason, Instant rejectedAt,
                               Answer answer, long version) {

    /** What the assigned jurisdiction answered, when, and whether before the end of the answer date. */
    public record Answer(String text, ActionTaken actionTaken, List<Evidence> evidence, Instant answeredAt,
                         boolean inTime) {
    }
}
