package org.basinledger.api.report;

import java.time.LocalDate;
import java.util.List;

/** A jurisdiction named a river chief for a water from {@code from} (inclusive). Public, like the signboards. */
public record RiverChiefAppointedEvent(String jurisdictionId, String chiefId, String name, String office,
                                       String waterBody, List<String> sectionIds, LocalDate from) {
}
