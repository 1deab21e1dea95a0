package org.basinledger.api.incident;

import java.time.Instant;
import java.util.List;

/**
 * An update changed an incident's level: the notices still pending ({@code withdrawnNotices}, by number) no longer
 * need an answer, and every other party got a new notice at the new level ({@code notices}).
 */
public record IncidentLevelChangedEvent(String incidentId, String agreementId, WarningLevel previousLevel,
                                        WarningLevel level, String changedBy, Instant changedAt,
                                        List<Integer> withdrawnNotices, List<IncidentNotice> notices)
        implements IncidentEvent {
}
