package org.basinledger.api.transfer;

import java.time.LocalDate;

/**
 * A transfer was not paid by the end of its {@code dueDate} (basin time): it is overdue until it is paid. Recorded
 * by the ledger once per transfer, by a deadline or, when the due date had already passed, as it was created.
 */
public record TransferOverdueEvent(String transferId, String agreementId, String payer, String payee,
                                   LocalDate dueDate) implements TransferEvent {
}
