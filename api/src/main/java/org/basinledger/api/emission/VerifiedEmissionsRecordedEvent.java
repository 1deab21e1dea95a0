package org.basinledger.api.emission;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.basinledger.api.common.Evidence;

/** {@code surrenderDeadline}: the instant after which the year's compliance is settled. */
public record VerifiedEmissionsRecordedEvent(String schemeId, String holder, int year, BigDecimal quantity,
                                             List<Evidence> evidence, Instant surrenderDeadline) implements EmissionEvent {
}
