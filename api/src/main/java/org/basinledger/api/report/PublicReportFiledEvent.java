package org.basinledger.api.report;

import java.time.Instant;
import java.util.List;

/**
 * A public report was filed. Carries no personal data: {@code contactHash} is the contact's salted hash
 * ({@link ReportContact#saltedHash}), null when none was given; {@code trackingCodeHash} the SHA-256 of the
 * tracking code, which only the reporter knows.
 */
public record PublicReportFiledEvent(String reportId, String trackingCodeHash, String basin, String agreementId,
                                     String sectionId, String waterBody, ReportPlace place,
                                     PublicReportCategory category, String description, Instant observedAt,
                                     List<ReportPhoto> photos, String contactHash) {
}
