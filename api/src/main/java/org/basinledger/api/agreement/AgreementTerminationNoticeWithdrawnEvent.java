package org.basinledger.api.agreement;

/** The party that gave notice of termination withdrew it before it took effect: the agreement goes on. */
public record AgreementTerminationNoticeWithdrawnEvent(String agreementId, String withdrawnBy, String reason)
        implements AgreementEvent {
}
