package org.basinledger.api.report;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Files a public report, sent for anyone (no account). The id, the SHA-256 of the tracking code given to the
 * reporter and the contact's salt are chosen by the HTTP layer. The {@code contact} (optional) is checked and
 * hashed here but is never part of an event: the HTTP layer keeps it in a table of its own in the command's
 * transaction. {@code waterBody} (optional) names the river or lake, as river chiefs name it.
 */
public record FilePublicReportCommand(@TargetAggregateIdentifier String reportId, String trackingCodeHash,
                                      String basin, String agreementId, String sectionId, String waterBody,
                                      ReportPlace place, PublicReportCategory category, String description,
                                      Instant observedAt, List<ReportPhoto> photos, ReportContact contact,
                                      String contactSalt) {
}
