package org.basinledger.api.report;

import java.time.LocalDate;

/** A river chief's term ended on {@code to} (inclusive). */
public record RiverChiefTermEndedEvent(String jurisdictionId, String chiefId, LocalDate to) {
}
