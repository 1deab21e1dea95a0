package org.basinledger.api.agreement;

import java.time.LocalDate;

/** A duty of one party with a due date (inclusive, in basin time: see {@code LedgerCalendar}). */
public record ObligationTerm(String id, String party, String description, LocalDate dueDate) {
}
