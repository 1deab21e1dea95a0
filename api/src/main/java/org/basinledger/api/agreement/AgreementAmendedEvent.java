package org.basinledger.api.agreement;

/** The draft was replaced as a whole by one of the parties. */
public record AgreementAmendedEvent(String agreementId, String amendedBy, AgreementDraft draft) implements AgreementEvent {
}
