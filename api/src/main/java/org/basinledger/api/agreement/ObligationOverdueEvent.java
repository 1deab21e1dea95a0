package org.basinledger.api.agreement;

import java.time.LocalDate;

/** An obligation of an agreement in force was not fulfilled by the end of its due date. */
public record ObligationOverdueEvent(String agreementId, String obligationId, String party, LocalDate dueDate) implements AgreementEvent {
}
