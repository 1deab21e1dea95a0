package org.basinledger.api.agreement;

/**
 * An event that concerns one agreement: every event whose history belongs to an agreement implements it,
 * so read models (history, status) find the agreement without knowing each event type.
 */
public interface AgreementEvent {

    String agreementId();
}
