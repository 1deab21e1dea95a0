package org.basinledger.api.dispute;

import org.basinledger.api.common.Money;

/**
 * The mediator ruled: {@code RULED}. Its effects on the subject follow as events of their own. {@code remedy} is
 * what the ruling does to the subject: for {@code UPHELD} the claim's remedy (or the subject's default when the
 * claim named none), for {@code ADJUSTED} an {@code ADJUST} to {@code adjustedAmount}, null otherwise (the subject
 * is released as it is) and in events recorded before remedies existed.
 */
public record DisputeRuledEvent(String disputeId, String agreementId, Subject subject, String mediatorId,
                                RulingOutcome outcome, String reasoning, Money adjustedAmount, Remedy remedy)
        implements DisputeEvent {

    /** A ruling recorded without its remedy (as before remedies existed). */
    public DisputeRuledEvent(String disputeId, String agreementId, Subject subject, String mediatorId,
                             RulingOutcome outcome, String reasoning, Money adjustedAmount) {
        this(disputeId, agreementId, subject, mediatorId, outcome, reasoning, adjustedAmount, null);
    }
}
