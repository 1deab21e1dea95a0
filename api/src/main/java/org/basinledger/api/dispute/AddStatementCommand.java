package org.basinledger.api.dispute;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.basinledger.api.common.Evidence;

/**
 * The claimant, a respondent or the assigned mediator adds a statement with evidence to an open dispute.
 * Exactly one of {@code actingJurisdiction} and {@code actingMediator} is set.
 */
public record AddStatementCommand(@TargetAggregateIdentifier String disputeId, String actingJurisdiction,
                                  String actingMediator, String text, List<Evidence> evidence) {
}
