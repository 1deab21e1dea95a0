package org.basinledger.api.report;

/** Answers a {@link RiverChiefList}, optionally of one water or one jurisdiction. */
public record ListRiverChiefsQuery(String waterBody, String jurisdictionId) {
}
