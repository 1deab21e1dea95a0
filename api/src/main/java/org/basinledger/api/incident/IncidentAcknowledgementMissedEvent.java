package org.basinledger.api.incident;

import java.time.Instant;

import org.basinledger.api.common.Money;

/**
 * Notice {@code noticeNumber} was not acknowledged by its {@code acknowledgeBy}: a recorded breach by
 * {@code jurisdictionId}. Where the terms set a penalty, {@code penalty} falls due from it to {@code raisedBy} as
 * the transfer {@code penaltyTransferId} (both null otherwise). A ledger step.
 */
public record IncidentAcknowledgementMissedEvent(String incidentId, String agreementId, int noticeNumber,
                                                 String jurisdictionId, WarningLevel level, Instant acknowledgeBy,
                                                 String raisedBy, Money penalty, String penaltyTransferId)
        implements IncidentEvent {
}
