package org.basinledger.api.report;

import java.time.LocalDate;
import java.util.List;

import org.basinledger.api.common.Evidence;

/** The assigned jurisdiction answered; {@code inTime}: before the end of {@code answerBy} (basin time). */
public record PublicReportAnsweredEvent(String reportId, String jurisdictionId, String text, ActionTaken actionTaken,
                                        List<Evidence> evidence, LocalDate answerBy, boolean inTime) {
}
