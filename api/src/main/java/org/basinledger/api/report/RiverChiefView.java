package org.basinledger.api.report;

import java.time.LocalDate;
import java.util.List;

/**
 * A river chief as published by their jurisdiction, with the record of the reports of their term: those assigned to
 * the jurisdiction, on the chief's water (or one of its sections), filed from {@code from} to {@code to} (inclusive,
 * basin time; open while the term runs).
 */
public record RiverChiefView(String chiefId, String jurisdictionId, String name, String office, String waterBody,
                             List<String> sectionIds, LocalDate from, LocalDate to, PublicReportRecord record) {
}
