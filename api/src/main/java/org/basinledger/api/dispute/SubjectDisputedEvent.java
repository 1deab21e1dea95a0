package org.basinledger.api.dispute;

import org.basinledger.api.agreement.AgreementEvent;

/**
 * A subject of the agreement is under dispute. A disputed monitoring report is left out of assessments until
 * the ruling; {@code relatedTransferId} is the transfer a disputed assessment created (null otherwise), which
 * is disputed with it.
 */
public record SubjectDisputedEvent(String agreementId, String disputeId, Subject subject, String relatedTransferId)
        implements AgreementEvent {
}
