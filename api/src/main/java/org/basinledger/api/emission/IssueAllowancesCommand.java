package org.basinledger.api.emission;

import java.math.BigDecimal;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The authority issues allowances of {@code vintage} (a year) to account holders. */
public record IssueAllowancesCommand(@TargetAggregateIdentifier String schemeId, Integer vintage,
                                     List<Allocation> allocations, String actingJurisdiction) {

    public record Allocation(String holder, BigDecimal quantity) {
    }
}
