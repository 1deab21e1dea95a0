package org.basinledger.api.compliance;

import java.math.BigDecimal;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A party of an agreement in force reports samples taken at one of its sections within one period, with the
 * section's mean flow (m³/s) when measured. Every sample must fall inside the period.
 */
public record SubmitMonitoringReportCommand(@TargetAggregateIdentifier String agreementId, String reportId,
                                            String actingJurisdiction, String sectionId, String period,
                                            List<Sample> samples, BigDecimal flowCubicMetresPerSecond) {
}
