package org.basinledger.api.dispute;

import java.time.Instant;

import org.basinledger.api.common.Money;

/**
 * A mediator's ruling as recorded; {@code remedy} is what it did to the subject ({@link DisputeRuledEvent#remedy()},
 * null when it released the subject as it was, and for rulings recorded before remedies existed).
 */
public record Ruling(String mediatorId, RulingOutcome outcome, String reasoning, Money adjustedAmount, Instant ruledAt,
                     Remedy remedy) {

    /** A ruling without a remedy. */
    public Ruling(String mediatorId, RulingOutcome outcome, String reasoning, Money adjustedAmount, Instant ruledAt) {
        this(mediatorId, outcome, reasoning, adjustedAmount, ruledAt, null);
    }
}
