package org.basinledger.api.dispute;

import java.time.Instant;

import org.basinledger.api.common.Money;

/** A mediator's ruling as recorded. */
public record Ruling(String mediatorId, RulingOutcome outcome, String reasoning, Money adjustedAmount, Instant ruledAt) {
}
