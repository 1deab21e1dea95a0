package org.basinledger.api.report;

import java.time.LocalDate;

/**
 * The end of {@code answerBy} came and the assigned jurisdiction had not answered: the report is overdue until it is
 * answered (late). Recorded by the ledger once per report, by a persistent deadline.
 */
public record PublicReportOverdueEvent(String reportId, String jurisdictionId, LocalDate answerBy) {
}
