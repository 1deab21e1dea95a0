package org.basinledger.api.compliance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A party asks the ledger to assess a section for a period that has ended, by the agreement's own rule for
 * that section and kind of period. One assessment per section, rule and period.
 */
public record AssessSectionCommand(@TargetAggregateIdentifier String agreementId, String assessmentId,
                                   String actingJurisdiction, String sectionId, String period) {
}
