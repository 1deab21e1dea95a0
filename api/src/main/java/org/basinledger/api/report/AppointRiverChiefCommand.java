package org.basinledger.api.report;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A jurisdiction publishes who answers for a water (the River Chief System): the official's name and office, the
 * river or lake, optionally its monitoring sections, from a date. Only that jurisdiction may send it.
 */
public record AppointRiverChiefCommand(@TargetAggregateIdentifier String jurisdictionId, String chiefId,
                                       String actingJurisdiction, String name, String office, String waterBody,
                                       List<String> sectionIds, LocalDate from) {
}
