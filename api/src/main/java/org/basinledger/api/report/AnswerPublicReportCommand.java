package org.basinledger.api.report;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.basinledger.api.common.Evidence;

/** The assigned jurisdiction answers a report with what it did, and evidence (hashes of documents kept elsewhere). */
public record AnswerPublicReportCommand(@TargetAggregateIdentifier String reportId, String actingJurisdiction,
                                        String text, ActionTaken actionTaken, List<Evidence> evidence) {
}
