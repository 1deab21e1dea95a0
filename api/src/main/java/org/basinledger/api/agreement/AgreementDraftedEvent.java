package org.basinledger.api.agreement;

/** An agreement was drafted by one of its parties; status {@code DRAFT}. */
public record AgreementDraftedEvent(String agreementId, String draftedBy, AgreementDraft draft) implements AgreementEvent {
}
