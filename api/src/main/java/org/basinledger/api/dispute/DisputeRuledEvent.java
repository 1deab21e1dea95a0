package org.basinledger.api.dispute;

import org.basinledger.api.common.Money;

/** The mediator ruled: {@code RULED}. Its effects on the subject follow as events of their own. */
public record DisputeRuledEvent(String disputeId, String agreementId, Subject subject, String mediatorId,
                                RulingOutcome outcome, String reasoning, Money adjustedAmount) implements DisputeEvent {
}
