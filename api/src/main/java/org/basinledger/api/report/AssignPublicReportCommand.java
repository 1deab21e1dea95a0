package org.basinledger.api.report;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The registrar assigns a received report to a jurisdiction, which must answer by the end of {@code answerBy} (basin time). */
public record AssignPublicReportCommand(@TargetAggregateIdentifier String reportId, String jurisdictionId,
                                        LocalDate answerBy) {
}
