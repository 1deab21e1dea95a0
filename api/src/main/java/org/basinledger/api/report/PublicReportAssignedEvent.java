package org.basinledger.api.report;

import java.time.LocalDate;

/** A report was assigned to a jurisdiction, to be answered by the end of {@code answerBy} (basin time, inclusive). */
public record PublicReportAssignedEvent(String reportId, String jurisdictionId, LocalDate answerBy) {
}
